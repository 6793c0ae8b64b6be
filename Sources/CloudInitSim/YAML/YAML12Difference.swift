import BigInt

/// A plain scalar that YAML 1.2 tools (editors, linters, most YAML libraries today) read
/// differently from PyYAML's YAML 1.1 rules, which are the ones cloud-init applies.
public struct YAML12Difference: Sendable, Equatable {
  /// Where the scalar is.
  public var mark: SourceMark
  /// The scalar as written.
  public var text: String
  /// What cloud-init gets.
  public var yaml11: YAMLValue
  /// What a YAML 1.2 core-schema reader gets.
  public var yaml12: YAMLValue

  /// Compares both readings of a plain scalar; nil when they agree.
  init?(text: String, yaml11: YAMLValue, mark: SourceMark) {
    let yaml12 = Self.coreSchemaValue(text)
    guard !Self.sameReading(yaml11, yaml12) else { return nil }
    self.mark = mark
    self.text = text
    self.yaml11 = yaml11
    self.yaml12 = yaml12
  }

  /// One sentence for people: "`on` is boolean true for cloud-init; YAML 1.2 tools read string "on"".
  public var explanation: String {
    "'\(text)' is \(Self.describe(yaml11)) for cloud-init (YAML 1.1); YAML 1.2 tools read \(Self.describe(yaml12))"
  }

  static func describe(_ value: YAMLValue) -> String {
    switch value {
    case .null: "null"
    case .bool(let flag): "boolean \(flag)"
    case .int(let number): "integer \(number)"
    case .float(let number): "float \(YAMLScalarText.pythonFloat(number))"
    case .string(let text): "string \"\(text)\""
    case .timestamp(let stamp): (stamp.time == nil ? "date " : "datetime ") + stamp.isoFormat
    default: value.typeName
    }
  }

  private static func sameReading(_ left: YAMLValue, _ right: YAMLValue) -> Bool {
    if case .float(let a) = left, case .float(let b) = right { return a == b || (a.isNaN && b.isNaN) }
    return left == right
  }

  nonisolated(unsafe) private static let intPattern = #/[-+]?[0-9]+/#
  nonisolated(unsafe) private static let octalPattern = #/0o([0-7]+)/#
  nonisolated(unsafe) private static let hexPattern = #/0x([0-9a-fA-F]+)/#
  nonisolated(unsafe) private static let floatPattern = #/[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?/#

  /// The YAML 1.2.2 core schema (§10.3.2) reading of a plain scalar.
  static func coreSchemaValue(_ text: String) -> YAMLValue {
    switch text {
    case "", "~", "null", "Null", "NULL": return .null
    case "true", "True", "TRUE": return .bool(true)
    case "false", "False", "FALSE": return .bool(false)
    case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
    case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
    case ".nan", ".NaN", ".NAN": return .float(.nan)
    default: break
    }
    if text.wholeMatch(of: intPattern) != nil, let number = BigInt(text.hasPrefix("+") ? String(text.dropFirst()) : text) {
      return .int(number)
    }
    if let match = text.wholeMatch(of: octalPattern), let number = BigInt(match.1, radix: 8) {
      return .int(number)
    }
    if let match = text.wholeMatch(of: hexPattern), let number = BigInt(match.1, radix: 16) {
      return .int(number)
    }
    if text.wholeMatch(of: floatPattern) != nil, let number = Double(text) {
      return .float(number)
    }
    return .string(text)
  }
}
