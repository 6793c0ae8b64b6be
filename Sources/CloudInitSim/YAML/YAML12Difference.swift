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

  /// The YAML 1.2.2 core schema (§10.3.2) reading of a plain scalar.
  ///
  /// The schema's patterns are matched by hand: this runs on every plain scalar of every
  /// document, and Swift's `Regex` made it a third of the YAML layer's time.
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
    let bytes = Array(text.utf8)
    // Every numeric form starts with a sign, a digit or a dot.
    guard let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
      || Self.isDigit(first)
    else { return .string(text) }
    // [-+]?[0-9]+
    let unsigned = first == UInt8(ascii: "-") || first == UInt8(ascii: "+") ? bytes.dropFirst() : bytes[...]
    if !unsigned.isEmpty, unsigned.allSatisfy(Self.isDigit),
       let number = BigInt(first == UInt8(ascii: "+") ? String(text.dropFirst()) : text) {
      return .int(number)
    }
    // 0o[0-7]+ and 0x[0-9a-fA-F]+
    if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
      let digits = bytes[2...]
      if bytes[1] == UInt8(ascii: "o"), digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "7") }),
         let number = BigInt(String(decoding: digits, as: UTF8.self), radix: 8) {
        return .int(number)
      }
      if bytes[1] == UInt8(ascii: "x"), digits.allSatisfy(Self.isHexDigit),
         let number = BigInt(String(decoding: digits, as: UTF8.self), radix: 16) {
        return .int(number)
      }
    }
    if Self.isCoreFloat(unsigned), let number = Double(text) {
      return .float(number)
    }
    return .string(text)
  }

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

  private static func isHexDigit(_ byte: UInt8) -> Bool {
    isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
  }

  /// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, the sign already taken off.
  private static func isCoreFloat(_ bytes: ArraySlice<UInt8>) -> Bool {
    var index = bytes.startIndex
    func digits() -> Int {
      let start = index
      while index < bytes.endIndex, isDigit(bytes[index]) { index += 1 }
      return index - start
    }
    if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard digits() > 0 else { return false }
    } else {
      guard digits() > 0 else { return false }
      if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
        index += 1
        _ = digits()
      }
    }
    if index < bytes.endIndex, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < bytes.endIndex, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
      guard digits() > 0 else { return false }
    }
    return index == bytes.endIndex
  }
}
