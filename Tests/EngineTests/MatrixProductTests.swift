import Testing
@testable import Engine
import TestSupport

struct MatrixProductTests {
    /// Odd sizes: partial row tiles (1-4 rows take the half-height kernel: 1, 3, 9, 12; 5-7 the
    /// full one: 13, 70, 5), partial column panels, short and long depths.
    @Test(arguments: [(1, 1, 1), (8, 32, 256), (13, 37, 300), (9, 33, 1000), (64, 96, 513), (3, 100, 7), (70, 17, 600),
                      (5, 40, 1537), (12, 64, 100)])
    func packedProductMatchesTheFloat64Reference(m: Int, n: Int, k: Int) {
        let a = randomTensor(Shape(m, k), seed: 11).toArray()
        let b = randomTensor(Shape(k, n), seed: 12).toArray()
        let bias = randomTensor(Shape(n), seed: 13).toArray()
        let scratch = Workspace(capacity: GEMM.scratchFloats)
        for activation in [Activation.identity, .relu, .tanh] {
            var c = [Float](repeating: .nan, count: m * n)
            b.withUnsafeBufferPointer { b in
                bias.withUnsafeBufferPointer { bias in
                    let packed = PackedMatrix(b.baseAddress!, rows: k, columns: n, ldb: n, bias: bias.baseAddress!)
                    a.withUnsafeBufferPointer { a in
                        c.withUnsafeMutableBufferPointer { c in
                            GEMM.multiply(MatrixRows(a.baseAddress!, lda: k, depth: k), rows: 0..<m, by: packed, activation: activation,
                                          into: c.baseAddress!, ldc: n, scratch: scratch.data)
                        }
                    }
                }
            }
            let expected = Reference.matrixProduct(a, b, m: m, k: k, n: n, bias: bias, activation: activation)
            // Float32 rounding of a sum grows like the square root of its length.
            let tolerance = 1e-5 * max(1, Double(k).squareRoot() / 16)
            expectClose(c, expected, relativeTolerance: tolerance, "\(m)x\(n)x\(k) \(activation)")
        }
    }

    @Test func rowAndOutputStridesLeaveTheRestOfTheOutputAlone() {
        let (m, n, k, lda, ldc) = (10, 20, 30, 35, 25)
        let a = randomTensor(Shape(m, lda), seed: 21).toArray()
        let b = randomTensor(Shape(k, n), seed: 22).toArray()
        var c = [Float](repeating: 7, count: m * ldc)
        let scratch = Workspace(capacity: GEMM.scratchFloats)
        b.withUnsafeBufferPointer { b in
            let packed = PackedMatrix(b.baseAddress!, rows: k, columns: n, ldb: n, bias: nil)
            a.withUnsafeBufferPointer { a in
                c.withUnsafeMutableBufferPointer { c in
                    GEMM.multiply(MatrixRows(a.baseAddress!, lda: lda, depth: k), rows: 0..<m, by: packed, activation: .identity,
                                  into: c.baseAddress!, ldc: ldc, scratch: scratch.data)
                }
            }
        }
        let compactA = (0..<m).flatMap { a[($0 * lda)..<($0 * lda + k)] }
        let expected = Reference.matrixProduct(compactA, b, m: m, k: k, n: n, bias: nil, activation: .identity)
        expectClose((0..<m).flatMap { c[($0 * ldc)..<($0 * ldc + n)] }, expected, relativeTolerance: 1e-5)
        #expect((0..<m).allSatisfy { row in c[(row * ldc + n)..<(row * ldc + ldc)].allSatisfy { $0 == 7 } })
    }
}
