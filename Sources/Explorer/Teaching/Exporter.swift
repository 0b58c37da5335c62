import Foundation

/// Writes what the screen shows (`e`: the layer's values as `.npy`; `p`: the picture as PPM, or
/// PGM in ASCII mode) into `directory`, and words the status line's message.
struct Exporter {
    /// The current directory (`.`), unless a test says otherwise.
    let directory: String

    /// The current layer's values (before the activation when those are shown).
    func tensor(_ frame: Frame) -> String {
        let name = frame.node.layer.name
        if frame.preActivationPending { return "the values before the activation are still being computed" }
        guard let shown = frame.shownValues() else { return "\(name) is not computed yet: nothing to save" }
        let file = "\(frame.network.name)-\(name)\(shown.beforeActivation ? "-before-activation" : "").npy"
        return save(NumpyFile.encode(shown.tensor), file: file, what: "\(name) \(shown.tensor.shape) float32")
    }

    /// The picture on screen (the map's channel, the input image, the occlusion map), enlarged
    /// without smoothing.
    func picture(_ frame: Frame) -> String {
        guard let picture = ExportPicture.make(frame) else {
            return "pictures are saved from the map and input views of a computed layer"
        }
        let grey = frame.theme.mode == .ascii
        let pixels = grey ? picture.grey : picture.rgb
        let channels = grey ? 1 : 3
        let factor = max(1, 448 / max(picture.width, picture.height))
        let large = NetpbmPicture.upscale(pixels, width: picture.width, height: picture.height, channels: channels, factor: factor)
        let file = picture.name + (grey ? ".pgm" : ".ppm")
        return save(NetpbmPicture.encode(width: picture.width * factor, height: picture.height * factor,
                                         channels: channels, pixels: large),
                    file: file, what: "\(picture.width * factor)x\(picture.height * factor) picture")
    }

    private func save(_ bytes: [UInt8], file: String, what: String) -> String {
        let path = directory == "." ? file : directory + "/" + file
        do {
            try writeAtomically(bytes, to: path)
            let shown = directory == "." ? FileManager.default.currentDirectoryPath + "/" + file : path
            return "saved \(what) to \(shown)"
        } catch {
            return "could not save: \(error)"
        }
    }
}
