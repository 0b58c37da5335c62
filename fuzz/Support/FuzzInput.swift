@testable import Engine

/// ASan's manual poisoning: reads of a poisoned range are reported like reads of freed memory.
@_silgen_name("__asan_poison_memory_region")
private func asanPoison(_ address: UnsafeRawPointer, _ size: Int)
@_silgen_name("__asan_unpoison_memory_region")
private func asanUnpoison(_ address: UnsafeRawPointer, _ size: Int)

/// A copy of libFuzzer's input (its buffer is not ours to mark) for a decoder that gives back the
/// bytes it has consumed, as the image readers do on a mapped file: each released range is
/// poisoned, so a decoder that reads bytes it has already given back is reported, and the
/// offsets must only grow.
final class FuzzInput {
    private let storage: UnsafeMutableRawBufferPointer
    let size: Int
    private var released = 0

    init(_ data: UnsafePointer<UInt8>, _ size: Int) {
        storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(size, 1), alignment: 8)
        storage.copyMemory(from: UnsafeRawBufferPointer(start: data, count: size))
        self.size = size
    }

    deinit {
        asanUnpoison(storage.baseAddress!, storage.count)
        storage.deallocate()
    }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: storage[0..<size]) }

    /// The decoder's report that the bytes before `offset` are done with.
    func release(upTo offset: Int) {
        guard offset > released, offset <= size else {
            fatalError("released up to \(offset) after \(released), of \(size) bytes")
        }
        // Poisoning works in 8-byte granules: mark the whole granules before `offset`.
        let end = offset / 8 * 8
        if end > 0 { asanPoison(storage.baseAddress!, end) }
        released = offset
    }
}

/// What every decoded image must satisfy, and every image up to a size that keeps the fuzzer fast
/// through both presets' preprocessing: a broken invariant or a non-finite input value is a bug.
func checkDecodedImage(_ image: NetpbmImage) {
    guard image.samples.count == image.width * image.height * image.channels,
          image.samples.allSatisfy({ Int($0) <= image.maxValue })
    else { fatalError("decoded image breaks its invariants: \(image.width)x\(image.height)") }
    guard image.width * image.height <= 1 << 16 else { return }
    for preprocessing in Preprocessing.allCases {
        let tensor = preprocessing.tensor(from: image)
        guard tensor.buffer.allSatisfy(\.isFinite) else {
            fatalError("\(preprocessing) of a \(image.width)x\(image.height) image is not finite")
        }
    }
}

/// One fuzzer input through a decoder: `decode` gets a poisoned copy (see `FuzzInput`) and the
/// function to give consumed bytes back to; whatever image it accepts goes through
/// `checkDecodedImage`. A thrown error is the expected outcome for junk.
func fuzzDecoder(_ data: UnsafePointer<UInt8>, _ size: Int,
                 _ decode: (UnsafeRawBufferPointer, @escaping (Int) -> Void) throws -> NetpbmImage) -> CInt {
    let input = FuzzInput(data, size)
    if let image = try? decode(input.bytes, input.release(upTo:)) { checkDecodedImage(image) }
    return 0
}
