import Testing
@testable import Engine
import KernelSupport
import TestSupport

struct MatrixProductTests {
    /// Odd sizes: partial row tiles (the last tile's rows take the half-height kernel when they
    /// are half a tile or fewer: 1-4 rows of AVX-512's 8, 1-3 of the others' 6; more take the full
    /// one), partial column panels (16, 32 or 8 wide), short and long depths; on every variant
    /// this CPU runs.
    @Test(arguments: [(1, 1, 1), (8, 32, 256), (13, 37, 300), (9, 33, 1000), (64, 96, 513), (3, 100, 7), (70, 17, 600),
                      (5, 40, 1537), (12, 64, 100), (4, 16, 50), (10, 8, 65)])
    func packedProductMatchesTheFloat64Reference(m: Int, n: Int, k: Int) {
        let a = randomTensor(Shape(m, k), seed: 11).toArray()
        let b = randomTensor(Shape(k, n), seed: 12).toArray()
        let bias = randomTensor(Shape(n), seed: 13).toArray()
        for variant in KernelVariant.supported {
            let kernels = variant.kernels
            let scratch = Workspace(capacity: kernels.gemmScratchFloats)
            for activation in [Activation.identity, .relu, .tanh] {
                var c = [Float](repeating: .nan, count: m * n)
                b.withUnsafeBufferPointer { b in
                    bias.withUnsafeBufferPointer { bias in
                        let packed = PackedMatrix(b.baseAddress!, rows: k, columns: n, ldb: n, bias: bias.baseAddress!,
                                                  panelWidth: kernels.panelWidth)
                        a.withUnsafeBufferPointer { a in
                            c.withUnsafeMutableBufferPointer { c in
                                kernels.multiply(MatrixRows(a.baseAddress!, lda: k, depth: k), 0..<m, packed,
                                                 0..<packed.panelCount, activation, c.baseAddress!, n, scratch.data)
                            }
                        }
                    }
                }
                let expected = Reference.matrixProduct(a, b, m: m, k: k, n: n, bias: bias, activation: activation)
                // Float32 rounding of a sum grows like the square root of its length.
                let tolerance = 1e-5 * max(1, Double(k).squareRoot() / 16)
                expectClose(c, expected, relativeTolerance: tolerance, "\(m)x\(n)x\(k) \(activation) \(variant)")
            }
        }
    }

    @Test(arguments: KernelVariant.supported)
    func rowAndOutputStridesLeaveTheRestOfTheOutputAlone(variant: KernelVariant) {
        let kernels = variant.kernels
        let (m, n, k, lda, ldc) = (10, 20, 30, 35, 25)
        let a = randomTensor(Shape(m, lda), seed: 21).toArray()
        let b = randomTensor(Shape(k, n), seed: 22).toArray()
        var c = [Float](repeating: 7, count: m * ldc)
        let scratch = Workspace(capacity: kernels.gemmScratchFloats)
        b.withUnsafeBufferPointer { b in
            let packed = PackedMatrix(b.baseAddress!, rows: k, columns: n, ldb: n, bias: nil, panelWidth: kernels.panelWidth)
            a.withUnsafeBufferPointer { a in
                c.withUnsafeMutableBufferPointer { c in
                    kernels.multiply(MatrixRows(a.baseAddress!, lda: lda, depth: k), 0..<m, packed, 0..<packed.panelCount,
                                     .identity, c.baseAddress!, ldc, scratch.data)
                }
            }
        }
        let compactA = (0..<m).flatMap { a[($0 * lda)..<($0 * lda + k)] }
        let expected = Reference.matrixProduct(compactA, b, m: m, k: k, n: n, bias: nil, activation: .identity)
        expectClose((0..<m).flatMap { c[($0 * ldc)..<($0 * ldc + n)] }, expected, relativeTolerance: 1e-5)
        #expect((0..<m).allSatisfy { row in c[(row * ldc + n)..<(row * ldc + ldc)].allSatisfy { $0 == 7 } })
    }

    /// The product for rows far apart (Winograd's), which packs A's row tiles first on the AVX2
    /// and generic variants, sums the same products in the same order: the same bits as reading
    /// the rows in place, for rows `lda` apart, partial row tiles and panels; columns past `n` in
    /// C are left alone. On every variant this CPU runs.
    @Test(arguments: [(1, 1, 1), (13, 37, 300), (49, 96, 256), (7, 33, 65), (196, 64, 384)])
    func packingRowsGivesTheSameBitsAsReadingThemInPlace(m: Int, n: Int, k: Int) {
        let (lda, ldc) = (k + 5, n + 3)
        let a = randomTensor(Shape(m, lda), seed: 31).toArray()
        let b = randomTensor(Shape(k, n), seed: 32).toArray()
        let bias = randomTensor(Shape(n), seed: 33).toArray()
        for variant in KernelVariant.supported {
            let kernels = variant.kernels
            let scratch = Workspace(capacity: kernels.packingScratchFloats(depth: k))
            var inPlace = [Float](repeating: 7, count: m * ldc), packedRows = inPlace
            b.withUnsafeBufferPointer { b in
                bias.withUnsafeBufferPointer { bias in
                    let packed = PackedMatrix(b.baseAddress!, rows: k, columns: n, ldb: n, bias: bias.baseAddress!,
                                              panelWidth: kernels.panelWidth)
                    a.withUnsafeBufferPointer { a in
                        let rows = MatrixRows(a.baseAddress!, lda: lda, depth: k)
                        inPlace.withUnsafeMutableBufferPointer { c in
                            kernels.multiply(rows, 0..<m, packed, 0..<packed.panelCount, .relu, c.baseAddress!, ldc,
                                             scratch.data)
                        }
                        packedRows.withUnsafeMutableBufferPointer { c in
                            kernels.multiplyFarRows(rows, 0..<m, packed, 0..<packed.panelCount, .relu, c.baseAddress!,
                                                    ldc, scratch.data)
                        }
                    }
                }
            }
            let differing = zip(packedRows, inPlace).filter { $0.bitPattern != $1.bitPattern }.count
            #expect(differing == 0, "\(m)x\(n)x\(k) \(variant): \(differing) of \(m * ldc) values differ")
            #expect((0..<m).allSatisfy { row in packedRows[(row * ldc + n)..<(row * ldc + ldc)].allSatisfy { $0 == 7 } })
        }
    }

    /// The variants this CPU has are found: on x86-64 every build holds all three, and a CPU with
    /// x86-64-v4 (AVX-512) has AVX2 and FMA too; the best is the default selection.
    @Test func supportedVariantsFollowTheCPU() {
        #expect(KernelVariant.supported.first == .generic)
        #if arch(x86_64)
        if KernelVariant.supported.contains(.avx512) { #expect(KernelVariant.supported.contains(.avx2)) }
        #endif
        #expect(KernelVariant.best == KernelVariant.supported.last)
        #expect(KernelVariant.supported.allSatisfy { $0.kernels.name == $0.rawValue })
    }

    /// No row of a panel straddles two cache lines, for any shape: the storage starts on a 64-byte
    /// line, and a row (two vectors: 32 bytes on the generic variant, 64 on AVX2, 128 on
    /// AVX-512) starts on a multiple of its own size or of 64 bytes; so the register tile's
    /// vector loads of B never split. The bias too.
    @Test(arguments: [(1, 1), (363, 64), (363, 96), (2400, 256), (7, 33)])
    func panelRowsAndBiasStayWithinCacheLines(rows: Int, columns: Int) {
        let b = [Float](repeating: 1, count: rows * columns)
        let bias = [Float](repeating: 0, count: columns)
        for variant in KernelVariant.supported {
            let packed = PackedMatrix(b, rows: rows, columns: columns, ldb: columns, bias: bias,
                                      panelWidth: variant.kernels.panelWidth)
            let rowBytes = packed.panelWidth * MemoryLayout<Float>.stride
            let boundary = UInt(min(64, rowBytes))
            for panel in 0..<packed.panelCount {
                #expect(UInt(bitPattern: packed.panel(panel)) % boundary == 0, "panel \(panel) of \(rows)x\(columns) \(variant)")
            }
            #expect(UInt(bitPattern: packed.bias!) % 64 == 0, "bias of \(rows)x\(columns) \(variant)")
        }
    }
}
