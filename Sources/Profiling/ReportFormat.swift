/// The non-interactive output forms of `alexnet-tui --report`.
public enum ReportFormat: String, CaseIterable, Sendable {
    case table, json, csv
}

extension RunReport {
    public func rendered(as format: ReportFormat) -> String {
        switch format {
        case .table: return tableText()
        case .json: return jsonText()
        case .csv: return csvText()
        }
    }

    /// Milliseconds as the reports print them: rounded to 0.1 µs, so that every form carries
    /// the same number and none pretends to nanosecond precision.
    static func milliseconds(_ seconds: Double) -> Double {
        (seconds * 1e7).rounded() / 1e4
    }
}

/// Numbers for machine-readable output: the shortest text that reads back as the same value.
enum MachineNumber {
    /// `nil` for NaN and infinities, which JSON cannot carry.
    static func text(_ value: Double) -> String? {
        value.isFinite ? "\(value)" : nil
    }

    static func text(_ value: Float) -> String? {
        value.isFinite ? "\(value)" : nil
    }
}
