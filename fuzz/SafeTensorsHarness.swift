#if canImport(Glibc)
import Glibc
#endif
@testable import Engine

/// The file each input is written to: the reader's public entry point takes a path, and goes
/// through the length checks and the mapping as a user's file does.
private let scratch: (path: String, descriptor: Int32) = {
    let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    let path = "\(directory)/safetensors-fuzz-\(getpid()).safetensors"
    let descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    precondition(descriptor >= 0, "cannot create \(path)")
    unlink(path)   // gone when the process ends; reached through /proc/self/fd meanwhile
    return ("/proc/self/fd/\(descriptor)", descriptor)
}()

/// libFuzzer entry: any bytes as a safetensors file. The header parser also runs on an exact-size
/// heap copy of the JSON, so that the address sanitizer sees any read past its end (in the mapped
/// file such a read would land in the data region unnoticed). Every tensor the file accepts is
/// loaded as float32. A thrown `FileError` is the expected outcome for junk.
@_cdecl("LLVMFuzzerTestOneInput")
public func safeTensorsFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    if size >= 8 {
        let length = Int(truncatingIfNeeded: bytes.loadUnaligned(as: UInt64.self).littleEndian)
        if length >= 0, length <= size - 8 {
            let json = UnsafeMutableRawBufferPointer.allocate(byteCount: length, alignment: 1)
            defer { json.deallocate() }
            json.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[8 ..< 8 + length]))
            _ = try? SafeTensorsHeader(json: UnsafeRawBufferPointer(json), dataSize: size - 8 - length,
                                       file: "fuzz.safetensors")
        }
    }

    guard ftruncate(scratch.descriptor, 0) == 0, pwrite(scratch.descriptor, data, size, 0) == size else {
        fatalError("cannot write the scratch file")
    }
    guard let file = try? SafeTensorsFile(path: scratch.path) else { return 0 }
    for name in file.names {
        guard let shape = file.shape(of: name), let tensor = try? file.tensor(name, shape: shape) else { continue }
        // Touch every value so that a wrong extent shows up under the sanitizer.
        var sum: Float = 0
        for value in tensor.buffer { sum += value }
        _ = sum
    }
    return 0
}
