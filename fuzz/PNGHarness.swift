@testable import Engine

/// libFuzzer entry: any bytes through the PNG reader (libpng behind the C shim, whose fatal errors
/// must come back as thrown errors), giving back consumed bytes as on a mapped file (see
/// `FuzzInput`), and every image it accepts through `checkDecodedImage`.
@_cdecl("LLVMFuzzerTestOneInput")
public func pngFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    guard let image = try? PNGReader.decode(input.bytes, name: "fuzz.png", releaseConsumed: input.release(upTo:))
    else { return 0 }
    checkDecodedImage(image)
    return 0
}
