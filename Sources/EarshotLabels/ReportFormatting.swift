import Foundation

/// Small helpers shared by the text and CSV renderings.
enum ReportFormatting {
    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }

    static func quoted(_ text: String) -> String { "\"" + text + "\"" }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
