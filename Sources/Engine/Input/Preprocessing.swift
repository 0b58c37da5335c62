/// How an image becomes the network's `[224, 224, 3]` float32 input (HWC, RGB).
///
/// A 224x224 image is used as it is (no resampling). Grey images feed the same values to all
/// three channels, as PIL's `convert("RGB")` does.
public enum Preprocessing: Sendable, CaseIterable {
    /// The seed model's: the whole image resized to 224x224 (aspect ratio not kept) with
    /// antialiased bilinear resampling, values `sample / maxval` in [0, 1].
    case seed
    /// torchvision's ImageNet evaluation transform: `Resize(256)` (shorter side to 256,
    /// antialiased bilinear), `CenterCrop(224)`, `ToTensor()`, `Normalize(mean, std)`.
    case torchvision

    /// Side of the square input.
    public static let side = 224
    /// torchvision's `Resize` target for the shorter side.
    public static let shorterSide = 256
    /// ImageNet's per-channel mean and standard deviation (RGB), as torchvision's models use.
    public static let imageNetMean: SIMD4<Float> = [0.485, 0.456, 0.406, 0]
    public static let imageNetStd: SIMD4<Float> = [0.229, 0.224, 0.225, 1]

    /// One line for people, e.g. for a report header.
    public var summary: String {
        switch self {
        case .seed: "resize to 224x224 (antialiased bilinear), scale to [0, 1]"
        case .torchvision:
            "resize shorter side to 256 (antialiased bilinear), center crop 224, ImageNet mean/std"
        }
    }

    /// Where the input comes from for an image of `width` x `height`: the size it is resized to
    /// and the 224x224 window of that taken as input.
    public func window(width: Int, height: Int) -> (height: Int, width: Int, top: Int, left: Int) {
        let side = Self.side
        if width == side && height == side { return (side, side, 0, 0) }
        switch self {
        case .seed:
            return (side, side, 0, 0)
        case .torchvision:
            // torchvision's `_compute_resized_output_size`: long = int(256 * long / short).
            let short = min(width, height), long = max(width, height)
            let newLong = Int(Double(Self.shorterSide * long) / Double(short))
            let (newHeight, newWidth) = width <= height
                ? (newLong, Self.shorterSide) : (Self.shorterSide, newLong)
            // `CenterCrop`: int(round((size - 224) / 2.0)), Python rounding half to even.
            let top = Int((Double(newHeight - side) / 2).rounded(.toNearestOrEven))
            let left = Int((Double(newWidth - side) / 2).rounded(.toNearestOrEven))
            return (newHeight, newWidth, top, left)
        }
    }

    /// The network input for `image`: `[224, 224, 3]`, HWC, RGB.
    public func tensor(from image: NetpbmImage) -> Tensor {
        let side = Self.side
        let output = Tensor(zeros: Shape(side, side, 3))
        let (mean, std): (SIMD4<Float>, SIMD4<Float>) = switch self {
        case .seed: (.zero, .one)
        case .torchvision: (Self.imageNetMean, Self.imageNetStd)
        }
        let destination = output.data
        let channels = image.channels
        if image.width == side && image.height == side {
            let scale = Float(image.maxValue)
            image.samples.withUnsafeBufferPointer { samples in
                for pixel in 0..<side * side {
                    let value = channels == 3
                        ? SIMD4(Float(samples[pixel * 3]), Float(samples[pixel * 3 + 1]),
                                Float(samples[pixel * 3 + 2]), 0)
                        : SIMD4(repeating: Float(samples[pixel]))
                    store((value / scale - mean) / std, at: destination + pixel * 3)
                }
            }
            return output
        }
        let window = window(width: image.width, height: image.height)
        let resized = ImageResize.bilinear(image, height: window.height, width: window.width,
                                           rows: window.top ..< window.top + side,
                                           columns: window.left ..< window.left + side)
        let values = resized.data
        for pixel in 0..<side * side {
            let value = channels == 3
                ? SIMD4(values[pixel * 3], values[pixel * 3 + 1], values[pixel * 3 + 2], 0)
                : SIMD4(repeating: values[pixel])
            store((value - mean) / std, at: destination + pixel * 3)
        }
        return output
    }
}

/// The first three lanes of `value` at `destination`.
private func store(_ value: SIMD4<Float>, at destination: UnsafeMutablePointer<Float>) {
    destination[0] = value[0]
    destination[1] = value[1]
    destination[2] = value[2]
}
