/// A decoded Netpbm image: integer samples as stored in the file, alpha dropped.
///
/// `samples` is `[height, width, channels]`, row-major with the channels of a pixel interleaved.
/// Grey images (PBM, PGM, PAM GRAYSCALE/BLACKANDWHITE) keep one channel; preprocessing feeds it
/// to all three of the network's input channels. Black-and-white images have `maxValue` 1 with
/// black as 0 (PBM's 1 = black is inverted on reading, so every format reads "0 is dark").
public struct NetpbmImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// 1 (grey) or 3 (RGB).
    public let channels: Int
    /// The sample value that means full intensity, 1...65535.
    public let maxValue: Int
    /// `[height, width, channels]`, each sample in `0...maxValue`.
    public let samples: [UInt16]

    /// An image from samples made by code (tests, synthetic inputs); files go through `NetpbmReader`.
    public init(width: Int, height: Int, channels: Int, maxValue: Int, samples: [UInt16]) {
        precondition(width > 0 && height > 0 && (channels == 1 || channels == 3),
                     "image \(width)x\(height)x\(channels)")
        precondition((1...65535).contains(maxValue), "maxval \(maxValue)")
        precondition(samples.count == width * height * channels,
                     "\(samples.count) samples for \(width)x\(height)x\(channels)")
        self.width = width
        self.height = height
        self.channels = channels
        self.maxValue = maxValue
        self.samples = samples
    }
}
