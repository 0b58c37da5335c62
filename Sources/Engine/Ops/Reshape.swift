/// Flattening an `[H, W, C]` feature map to a vector.
enum Reshape {
    /// CHW (PyTorch) order: out[c * H * W + y * W + x] = in[y, x, c]. HWC order is the storage
    /// order itself and needs only a copy.
    /// - Parameters: input `[height, width, channels]`; output `[channels * height * width]`.
    static func channelsFirst(_ input: UnsafePointer<Float>, height: Int, width: Int, channels: Int,
                              into output: UnsafeMutablePointer<Float>) {
        let plane = height * width
        for pixel in 0..<plane {
            let source = input + pixel * channels
            for c in 0..<channels { output[c * plane + pixel] = source[c] }
        }
    }
}
