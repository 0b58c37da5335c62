import Testing
import Engine
import TestSupport

struct DropoutTests {
    @Test func inferenceIsTheIdentity() throws {
        let input = randomTensor(Shape(4096), seed: 71)
        let output = try runLayer(Dropout(name: "drop6", rate: 0.5), on: input)
        #expect(output.toArray() == input.toArray())
    }

    @Test func trainingKeepsAboutOneMinusRateScaledByOneOverKeep() throws {
        let input = randomTensor(Shape(100_000), seed: 72, in: 1...2)
        let output = try runLayer(Dropout(name: "drop", rate: 0.25, training: true, seed: 9), on: input)
        var kept = 0
        for (x, y) in zip(input.toArray(), output.toArray()) where y != 0 {
            kept += 1
            #expect(y == x * (1 / Float(0.75)))
        }
        // Binomial(100000, 0.75): standard deviation 137, so 1% (1000) is over 7 sigma.
        #expect(abs(Double(kept) / 100_000 - 0.75) < 0.01)
    }

    @Test func theMaskIsAFunctionOfTheSeed() throws {
        let input = Tensor(shape: Shape(1000), values: Array(repeating: 1, count: 1000))
        let a = try runLayer(Dropout(name: "d", rate: 0.5, training: true, seed: 1), on: input).toArray()
        let b = try runLayer(Dropout(name: "d", rate: 0.5, training: true, seed: 1), on: input).toArray()
        let c = try runLayer(Dropout(name: "d", rate: 0.5, training: true, seed: 2), on: input).toArray()
        #expect(a == b)
        #expect(a != c)
    }

    @Test func extremeRates() throws {
        let input = randomTensor(Shape(100), seed: 73)
        #expect(try runLayer(Dropout(name: "d", rate: 0, training: true), on: input).toArray() == input.toArray())
        #expect(try runLayer(Dropout(name: "d", rate: 1, training: true), on: input).toArray().allSatisfy { $0 == 0 })
    }

    @Test func summary() {
        #expect(Dropout(name: "drop6", rate: 0.5).summary == "dropout 0.5 (inference: identity)")
    }
}
