@testable import Engine

/// libFuzzer entry: any bytes through the JPEG reader (libjpeg-turbo behind the C shim, whose
/// fatal errors must come back as thrown errors), as on a mapped file (see `fuzzDecoder`).
@_cdecl("LLVMFuzzerTestOneInput")
public func jpegFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzDecoder(data, size) { try JPEGReader.decode($0, name: "fuzz.jpg", releaseConsumed: $1) }
}
