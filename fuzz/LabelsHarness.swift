import Engine

/// libFuzzer entry: any bytes as a `--labels` file. Either a `FileError` or labels, none of
/// which holds a line break.
@_cdecl("LLVMFuzzerTestOneInput")
public func labelsFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let labels = try? LabelsFile.parse(UnsafeRawBufferPointer(start: data, count: size),
                                             name: "fuzz-labels.txt")
    else { return 0 }
    guard labels.count <= size, !labels.contains(where: { $0.utf8.contains(UInt8(ascii: "\n")) }) else {
        fatalError("\(labels.count) labels from \(size) bytes, or a label holding a line break")
    }
    return 0
}
