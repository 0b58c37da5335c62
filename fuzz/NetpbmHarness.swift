@testable import Engine

/// libFuzzer entry: any bytes through the Netpbm decoder, run as `NetpbmReader.read` runs it on a
/// mapped file but giving back consumed bytes every 64 (see `fuzzDecoder`).
@_cdecl("LLVMFuzzerTestOneInput")
public func netpbmFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzDecoder(data, size) { bytes, release in
        var scanner = NetpbmScanner(bytes: bytes, file: "fuzz.pnm")
        scanner.releaseInterval = 64
        scanner.releaseConsumed = release
        return try scanner.image()
    }
}
