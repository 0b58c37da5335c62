#if canImport(Glibc)
import Glibc
#endif

/// A change made to the network's preprocessed `[224, 224, 3]` input, to see what it changes at
/// every layer (`--compare shift:4,0`). Applied to the input tensor, after preprocessing, so a
/// pixel here is a pixel the network sees.
public enum InputTransform: Sendable, Equatable, Hashable {
    /// The picture moved `dx` pixels right and `dy` down (negative: left, up). The strip uncovered
    /// at the edge repeats the nearest edge pixel (replicate, as `numpy.pad(mode="edge")`): a black
    /// or grey band would be a new edge that conv1 answers strongly all along the border, and the
    /// comparison would show that band as much as the shift.
    case shift(dx: Int, dy: Int)
    /// Mirrored left to right.
    case flip
    /// Gaussian noise of standard deviation `sigma` in units of the pixel range [0, 1] (0.1 is a
    /// tenth of full scale; `--compare` takes 0 to 1), added before normalisation: `sigma / std`
    /// of each channel in torchvision's normalised input. Not clipped to the pixel range (the
    /// input is already preprocessed), so its statistics stay exactly Gaussian. The same `seed`
    /// gives the same noise on every run and machine.
    case noise(sigma: Float)
    /// A square of `size` pixels whose top-left corner is at (`x`, `y`), filled with mid-grey as
    /// the occlusion sensitivity map fills its square; the part outside the picture is dropped.
    case occlude(x: Int, y: Int, size: Int)

    /// How the transform is written on the command line: `shift:4,0`, `flip`, `noise:0.1`,
    /// `occlude:80,60,48`.
    public var argument: String {
        switch self {
        case let .shift(dx, dy): "shift:\(dx),\(dy)"
        case .flip: "flip"
        case let .noise(sigma): "noise:\(sigma)"
        case let .occlude(x, y, size): "occlude:\(x),\(y),\(size)"
        }
    }

    /// `input` transformed into `output` (both `[H, W, C]` of the same shape; `output` must not
    /// be `input`). `preprocessing` says how a pixel value maps to the input's values (for the
    /// noise's scale and the occluder's grey); `seed` draws the noise.
    public func apply(to input: Tensor, into output: Tensor, preprocessing: Preprocessing, seed: UInt64) {
        precondition(input.shape == output.shape && input.shape.isFeatureMap && input !== output,
                     "a transform reads one [H, W, C] tensor and writes another of the same shape")
        let (height, width, channels) = (input.shape[0], input.shape[1], input.shape[2])
        let source = input.data, destination = output.data
        switch self {
        case let .shift(dx, dy):
            for y in 0..<height {
                let fromY = min(max(y - dy, 0), height - 1)
                for x in 0..<width {
                    let fromX = min(max(x - dx, 0), width - 1)
                    (destination + (y * width + x) * channels)
                        .update(from: source + (fromY * width + fromX) * channels, count: channels)
                }
            }
        case .flip:
            for y in 0..<height {
                for x in 0..<width {
                    (destination + (y * width + x) * channels)
                        .update(from: source + (y * width + width - 1 - x) * channels, count: channels)
                }
            }
        case let .noise(sigma):
            destination.update(from: source, count: input.count)
            let scale = (0..<channels).map { sigma / preprocessing.pixelDivisor(channel: $0) }
            let normals = GaussianNoise(seed: seed)
            for index in 0..<input.count {
                destination[index] += scale[index % channels] * normals.value(at: index)
            }
        case let .occlude(left, top, size):
            destination.update(from: source, count: input.count)
            let grey = (0..<channels).map(preprocessing.grey(channel:))
            let rows = min(max(top, 0), height)..<min(max(top + size, 0), height)
            let columns = min(max(left, 0), width)..<min(max(left + size, 0), width)
            for y in rows {
                for x in columns {
                    for channel in 0..<channels { destination[(y * width + x) * channels + channel] = grey[channel] }
                }
            }
        }
    }
}

extension Preprocessing {
    /// What a difference of pixel values (range [0, 1]) is divided by in the network input of
    /// `channel`: 1 for `seed`, the channel's std for torchvision's normalisation.
    func pixelDivisor(channel: Int) -> Float {
        switch self {
        case .seed: 1
        case .torchvision: Self.imageNetStd[min(channel, 2)]
        }
    }

    /// Mid-grey (pixel value 0.5) as the network input of `channel`: what occlusion hides with.
    public func grey(channel: Int) -> Float {
        switch self {
        case .seed: 0.5
        case .torchvision: (0.5 - Self.imageNetMean[min(channel, 2)]) / Self.imageNetStd[min(channel, 2)]
        }
    }
}

/// Standard normal values, element `i` a pure function of (seed, i): Box–Muller on two uniforms
/// from the counter-based generator the random weights use.
struct GaussianNoise {
    private let random: CounterRandom

    init(seed: UInt64) { random = CounterRandom(seed: seed, stream: "compare-noise") }

    func value(at index: Int) -> Float {
        // Two 32-bit uniforms in (0, 1) from one 64-bit draw (never 0, so the log is finite).
        let bits = CounterRandom.mix(random.key &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        let u1 = (Double(bits >> 32) + 0.5) / 4_294_967_296
        let u2 = (Double(bits & 0xFFFF_FFFF) + 0.5) / 4_294_967_296
        return Float((-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
    }
}
