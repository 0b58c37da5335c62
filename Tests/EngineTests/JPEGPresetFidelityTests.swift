import Testing
@testable import Engine

/// The alexnet preset on JPEG files, read by the engine and preprocessed by it, against
/// torchvision's AlexNet on Pillow's decoding of the same files (`scripts/make_image_fixtures.py`,
/// reduced widths and weights of `make_reference_fixtures.py`): every layer within the presets'
/// fidelity tolerance.
@Suite struct JPEGPresetFidelityTests {
    @Test(arguments: ["jpeg-420", "jpeg-444", "jpeg-grey", "jpeg-progressive"])
    func alexnetLayersMatchTorchvisionOnPillowsPixels(fixture: String) throws {
        let preset = Preset.alexnet
        let network = try preset.build(weights: .file(path: modelsFixturePath("alexnet_reduced_weights.safetensors")),
                                       widths: PresetFidelityTests.reducedWidths(preset)).network
        let image = try ImageReader.read(path: ImageTestSupport.imageFixturePath("\(fixture).jpg"))
        let run = ForwardRun(network: network, input: preset.preprocessing.tensor(from: image))
        run.runToEnd()
        let reference = try SafeTensorsFile(path: ImageTestSupport.imageFixturePath("alexnet_jpeg_expected.safetensors"))
        for (index, node) in network.nodes.enumerated() {
            let name = node.layer.name
            let expected = try reference.tensor("\(name)-\(fixture)", shape: node.outputShape)
            let error = PresetFidelityTests.maxRelativeError(run.outputs[index], expected)
            #expect(error <= PresetFidelityTests.tolerance, "\(fixture) \(name): max relative error \(error)")
        }
    }
}
