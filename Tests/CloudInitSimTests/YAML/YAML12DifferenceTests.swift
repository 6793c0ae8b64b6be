@testable import CloudInitSim
import BigInt
import Foundation
import Testing

/// The YAML 1.2 core-schema reading is matched by hand for speed; it must agree with the
/// schema's own regular expressions (YAML 1.2.2 §10.3.2, tag resolution table), used here as
/// the reference.
@Suite("YAML 1.2 core schema")
struct YAML12DifferenceTests {
  static func reference(_ text: String) -> YAMLValue {
    switch text {
    case "", "~", "null", "Null", "NULL": return .null
    case "true", "True", "TRUE": return .bool(true)
    case "false", "False", "FALSE": return .bool(false)
    case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
    case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
    case ".nan", ".NaN", ".NAN": return .float(.nan)
    default: break
    }
    if text.wholeMatch(of: #/[-+]?[0-9]+/#) != nil { return .int(BigInt(text.hasPrefix("+") ? String(text.dropFirst()) : text) ?? 0) }
    if let match = text.wholeMatch(of: #/0o([0-7]+)/#) { return .int(BigInt(match.1, radix: 8) ?? 0) }
    if let match = text.wholeMatch(of: #/0x([0-9a-fA-F]+)/#) { return .int(BigInt(match.1, radix: 16) ?? 0) }
    if text.wholeMatch(of: #/[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?/#) != nil, let number = Double(text) {
      return .float(number)
    }
    return .string(text)
  }

  static let samples = [
    "0", "-0", "+12", "007", "1_000", "-", "+", ".", "..", "0o17", "0o8", "0o", "0x1F", "0xg", "0x", "0X1F", "1.5", "-1.5",
    "+.5", ".5", "5.", "1e3", "1e", "1E+3", "1.2e-3", ".e3", "-.e3", "1.2.3", "12:30", "1:30:00", "2024-01-02", "0b101",
    "yes", "on", "~", "null", "nan", ".NaN", "-.inf", "+1e10", "１２", "1 ", " 1", "e3", "-1e-", "00.5e+05", "0o0",
  ]

  @Test("agrees with the core schema's regular expressions", arguments: samples)
  func agrees(_ text: String) {
    let ours = YAML12Difference.coreSchemaValue(text)
    let theirs = Self.reference(text)
    if case .float(let a) = ours, case .float(let b) = theirs, a.isNaN && b.isNaN { return }
    #expect(ours == theirs, "\(text)")
  }
}
