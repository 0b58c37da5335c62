@testable import Engine

/// libFuzzer entry: any bytes through the Netpbm decoder, run as `NetpbmReader.read` runs it on a
/// mapped file but giving back consumed bytes every 64 (see `FuzzInput`), and every image it
/// accepts through `checkDecodedImage`. A thrown error is the expected outcome for junk.
@_cdecl("LLVMFuzzerTestOneInput")
public func netpbmFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    var scanner = NetpbmScanner(bytes: input.bytes, file: "fuzz.pnm")
    scanner.releaseInterval = 64
    scanner.releaseConsumed = input.release(upTo:)
    guard let image = try? scanner.image() else { return 0 }
    checkDecodedImage(image)
    return 0
}
