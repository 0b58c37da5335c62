import KernelSupport

extension Activation {
    @inline(__always)
    func apply(_ x: Vector) -> Vector {
        switch self {
        case .identity: x
        // NOTE: `max` keeps NaN only if it is the first operand on x86 (vmaxps); writing it as a
        // masked select keeps a NaN input NaN, as TensorFlow's and PyTorch's ReLU do.
        case .relu: x.replacing(with: 0, where: x .< 0)
        case .tanh: vectorTanh(x)
        }
    }

    @inline(__always)
    func apply(_ x: Float) -> Float {
        switch self {
        case .identity: x
        case .relu: x < 0 ? 0 : x
        case .tanh: vectorTanh(Vector(repeating: x))[0]
        }
    }

    /// Applies the activation in place to `count` floats.
    func apply(to values: UnsafeMutablePointer<Float>, count: Int) {
        if self == .identity { return }
        var index = 0
        while index + Vector.scalarCount <= count {
            values.storeVector(apply(values.loadVector(at: index)), at: index)
            index += Vector.scalarCount
        }
        while index < count {
            values[index] = apply(values[index])
            index += 1
        }
    }
}

/// tanh of a vector's lanes as a rational function, odd degree 13 over even degree 6 (the minimax
/// approximation Eigen uses), clamped where float tanh is already ±1: about 1e-7 relative error
/// and no libm call. NaN stays NaN. Kept out of line: inlined into `apply`, it made that too large
/// for the optimiser to inline into the GEMM's epilogue, whose 16 stores then each called it.
@inline(never)
func vectorTanh(_ input: Vector) -> Vector {
    let clamp = Vector(repeating: 7.90531110763549805)
    let x = minimum(maximum(input, -clamp), clamp)
    let x2 = x * x
    var p = Vector(repeating: -2.76076847742355e-16)
    p = p * x2 + Vector(repeating: 2.00018790482477e-13)
    p = p * x2 + Vector(repeating: -8.60467152213735e-11)
    p = p * x2 + Vector(repeating: 5.12229709037114e-08)
    p = p * x2 + Vector(repeating: 1.48572235717979e-05)
    p = p * x2 + Vector(repeating: 6.37261928875436e-04)
    p = p * x2 + Vector(repeating: 4.89352455891786e-03)
    p = p * x
    var q = Vector(repeating: 1.19825839466702e-06)
    q = q * x2 + Vector(repeating: 1.18534705686654e-04)
    q = q * x2 + Vector(repeating: 2.26843463243900e-03)
    q = q * x2 + Vector(repeating: 4.89352518554385e-03)
    // Below 4e-4, tanh(x) rounds to x in float; the ratio would lose the last bit.
    let tiny = (input .< Vector(repeating: 0.0004)) .& (input .> Vector(repeating: -0.0004))
    return (p / q).replacing(with: input, where: tiny .| (input .!= input))
}
