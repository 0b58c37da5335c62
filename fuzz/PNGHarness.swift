@testable import Engine

/// libFuzzer entry: any bytes through the PNG reader (libpng behind the C shim, whose fatal errors
/// must come back as thrown errors), as on a mapped file (see `fuzzDecoder`).
@_cdecl("LLVMFuzzerTestOneInput")
public func pngFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzDecoder(data, size) { try PNGReader.decode($0, name: "fuzz.png", releaseConsumed: $1) }
}
