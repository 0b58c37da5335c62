import Engine

/// libFuzzer entry: any bytes through `NetpbmReader.decode`, and every image it accepts (up to a
/// size that keeps the fuzzer fast) through both presets' preprocessing. A thrown error is the
/// expected outcome for junk; a trap, a sanitizer report or a non-finite input value is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func netpbmFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let image = try? NetpbmReader.decode(UnsafeRawBufferPointer(start: data, count: size),
                                                name: "fuzz.pnm")
    else { return 0 }
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
