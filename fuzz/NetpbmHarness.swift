@testable import Engine

/// ASan's manual poisoning: reads of a poisoned range are reported like reads of freed memory.
@_silgen_name("__asan_poison_memory_region")
private func asanPoison(_ address: UnsafeRawPointer, _ size: Int)
@_silgen_name("__asan_unpoison_memory_region")
private func asanUnpoison(_ address: UnsafeRawPointer, _ size: Int)

/// libFuzzer entry: any bytes through the Netpbm decoder, and every image it accepts (up to a
/// size that keeps the fuzzer fast) through both presets' preprocessing. A thrown error is the
/// expected outcome for junk; a trap, a sanitizer report or a non-finite input value is a bug.
///
/// The decoder runs as `NetpbmReader.read` runs it on a mapped file, giving back consumed bytes
/// (`releaseConsumed`), here every 64 bytes: each released range is poisoned, so a decoder that
/// reads bytes it has already given back is reported, and the offsets must only grow.
@_cdecl("LLVMFuzzerTestOneInput")
public func netpbmFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // A copy of our own to poison (libFuzzer's buffer is not ours to mark).
    let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: max(size, 1), alignment: 8)
    bytes.copyMemory(from: UnsafeRawBufferPointer(start: data, count: size))
    var released = 0
    defer {
        asanUnpoison(bytes.baseAddress!, bytes.count)
        bytes.deallocate()
    }
    var scanner = NetpbmScanner(bytes: UnsafeRawBufferPointer(rebasing: bytes[0..<size]), file: "fuzz.pnm")
    scanner.releaseInterval = 64
    scanner.releaseConsumed = { offset in
        guard offset > released, offset <= size else {
            fatalError("released up to \(offset) after \(released), of \(size) bytes")
        }
        // Poisoning works in 8-byte granules: mark the whole granules before `offset`.
        let end = offset / 8 * 8
        if end > 0 { asanPoison(bytes.baseAddress!, end) }
        released = offset
    }
    guard let image = try? scanner.image() else { return 0 }
    guard image.samples.count == image.width * image.height * image.channels,
          image.samples.allSatisfy({ Int($0) <= image.maxValue })
    else { fatalError("decoded image breaks its invariants: \(image.width)x\(image.height)") }
    guard image.width * image.height <= 1 << 16 else { return 0 }
    for preprocessing in Preprocessing.allCases {
        let tensor = preprocessing.tensor(from: image)
        guard tensor.buffer.allSatisfy(\.isFinite) else {
            fatalError("\(preprocessing) of a \(image.width)x\(image.height) image is not finite")
        }
    }
    return 0
}
