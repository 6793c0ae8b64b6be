import BigInt

/// Python's built-in conversions that PyYAML's SafeConstructor relies on (`int()`, `float()`,
/// `base64.decodebytes`, `datetime`), with Python's acceptance rules and error texts. A failure
/// carries Python's exception, because that is what cloud-init would log.
enum PythonConversions {
  /// A Python exception: its type name and message.
  struct Failure: Error, Equatable {
    var type: String
    var message: String
    var description: String { "\(type): \(message)" }
  }

  /// Python 3.11's limit on decimal digits in `int(str)` (CVE-2020-10735).
  static let maxDecimalDigits = 4300

  /// Python's `str.strip()` whitespace.
  static func isPythonWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
      return true
    default:
      return false
    }
  }

  static func stripped(_ text: Substring) -> Substring.UnicodeScalarView {
    var scalars = text.unicodeScalars
    while let first = scalars.first, isPythonWhitespace(first) { scalars.removeFirst() }
    while let last = scalars.last, isPythonWhitespace(last) { scalars.removeLast() }
    return scalars
  }

  /// `int(text, base)`.
  static func int(_ text: Substring, base: Int) throws(Failure) -> BigInt {
    let invalid = Failure(type: "ValueError", message: "invalid literal for int() with base \(base): \(repr(String(text)))")
    var scalars = Substring(stripped(text)).unicodeScalars[...]
    var negative = false
    if let first = scalars.first, first == "+" || first == "-" {
      negative = first == "-"
      scalars.removeFirst()
    }
    let prefix: String? = switch base { case 2: "b"; case 8: "o"; case 16: "x"; default: nil }
    if let prefix, scalars.count >= 2, scalars.first == "0",
       String(scalars[scalars.index(after: scalars.startIndex)]).lowercased() == prefix {
      scalars.removeFirst(2)
      if scalars.first == "_" { scalars.removeFirst() }
    }
    guard !scalars.isEmpty else { throw invalid }
    var digits: [Int] = []
    var previousUnderscore = true
    for scalar in scalars {
      if scalar == "_" {
        guard !previousUnderscore else { throw invalid }
        previousUnderscore = true
        continue
      }
      previousUnderscore = false
      guard let digit = digitValue(scalar), digit < base else { throw invalid }
      digits.append(digit)
    }
    guard !previousUnderscore else { throw invalid }
    if base == 10, digits.count > maxDecimalDigits {
      throw Failure(
        type: "ValueError",
        message: "Exceeds the limit (\(maxDecimalDigits) digits) for integer string conversion: "
          + "value has \(digits.count) digits; use sys.set_int_max_str_digits() to increase the limit")
    }
    var result = BigInt(0)
    let bigBase = BigInt(base)
    for digit in digits {
      result = result * bigBase + BigInt(digit)
    }
    return negative ? -result : result
  }

  private static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
    switch scalar.value {
    case 0x30...0x39: return Int(scalar.value - 0x30)
    case 0x61...0x7A: return Int(scalar.value - 0x61 + 10)
    case 0x41...0x5A: return Int(scalar.value - 0x41 + 10)
    default:
      // int() also accepts other Unicode decimal digits (e.g. Arabic-Indic).
      if scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue {
        return Int(value)
      }
      return nil
    }
  }

  /// `float(text)`.
  static func float(_ text: Substring) throws(Failure) -> Double {
    let invalid = Failure(type: "ValueError", message: "could not convert string to float: \(repr(String(text)))")
    let body = String(Substring(stripped(text)))
    var unsigned = Substring(body)
    var negative = false
    if let first = unsigned.first, first == "+" || first == "-" {
      negative = first == "-"
      unsigned = unsigned.dropFirst()
    }
    let lower = unsigned.lowercased()
    if lower == "inf" || lower == "infinity" { return negative ? -.infinity : .infinity }
    if lower == "nan" { return .nan }
    // Python's grammar: digits with single '_' between them, an optional fraction, an optional
    // exponent. Swift's parser is more lenient (hex floats), so check the shape first.
    guard isDecimalFloatLiteral(Array(unsigned.unicodeScalars)) else { throw invalid }
    let cleaned = unsigned.replacingOccurrences(of: "_")
    guard let value = Double(cleaned) else { throw invalid }
    return negative ? -value : value
  }

  private static func isDecimalFloatLiteral(_ scalars: [Unicode.Scalar]) -> Bool {
    var index = 0
    func digitRun() -> Int {
      var count = 0
      while index < scalars.count {
        let scalar = scalars[index]
        if ("0"..."9").contains(scalar) {
          count += 1
          index += 1
        } else if scalar == "_", count > 0, index + 1 < scalars.count, ("0"..."9").contains(scalars[index + 1]) {
          index += 1
        } else {
          break
        }
      }
      return count
    }
    let whole = digitRun()
    var fraction = 0
    if index < scalars.count, scalars[index] == "." {
      index += 1
      fraction = digitRun()
    }
    guard whole + fraction > 0 else { return false }
    if index < scalars.count, scalars[index] == "e" || scalars[index] == "E" {
      index += 1
      if index < scalars.count, scalars[index] == "+" || scalars[index] == "-" { index += 1 }
      guard digitRun() > 0 else { return false }
    }
    return index == scalars.count
  }

  /// `base64.decodebytes`, i.e. `binascii.a2b_base64` in its lenient mode: characters outside
  /// the alphabet are skipped and a complete pad ends the data.
  static func base64Decode(_ text: String) throws(Failure) -> [UInt8] {
    var output: [UInt8] = []
    var quadPosition = 0
    var leftover: UInt8 = 0
    var pads = 0
    for byte in text.utf8 {
      if byte == UInt8(ascii: "=") {
        if quadPosition >= 2 {
          pads += 1
          if quadPosition + pads >= 4 { return output }
        }
        continue
      }
      guard let value = base64Value(byte) else { continue }
      pads = 0
      switch quadPosition {
      case 0:
        quadPosition = 1
        leftover = value
      case 1:
        quadPosition = 2
        output.append((leftover << 2) | (value >> 4))
        leftover = value & 0x0F
      case 2:
        quadPosition = 3
        output.append((leftover << 4) | (value >> 2))
        leftover = value & 0x03
      default:
        quadPosition = 0
        output.append((leftover << 6) | value)
        leftover = 0
      }
    }
    if quadPosition == 1 {
      let characters = output.count / 3 * 4 + 1
      throw Failure(
        type: "binascii.Error",
        message: "Invalid base64-encoded string: number of data characters (\(characters)) cannot be 1 more than a multiple of 4")
    }
    if quadPosition != 0 {
      throw Failure(type: "binascii.Error", message: "Incorrect padding")
    }
    return output
  }

  private static func base64Value(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
    case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
    case UInt8(ascii: "+"): 62
    case UInt8(ascii: "/"): 63
    default: nil
    }
  }

  /// The message of the `UnicodeEncodeError` from `text.encode('ascii')`.
  static func asciiEncodeError(_ text: String, firstBad: String.UnicodeScalarView.Index) -> String {
    let scalars = text.unicodeScalars
    let start = scalars.distance(from: scalars.startIndex, to: firstBad)
    let run = scalars[firstBad...].prefix { !$0.isASCII }
    let reason = "ordinal not in range(128)"
    if run.count == 1, let scalar = run.first {
      return "'ascii' codec can't encode character '\(escapedCharacter(scalar))' in position \(start): \(reason)"
    }
    return "'ascii' codec can't encode characters in position \(start)-\(start + run.count - 1): \(reason)"
  }

  /// How Python's `repr` escapes one non-ASCII character inside an error message.
  private static func escapedCharacter(_ scalar: Unicode.Scalar) -> String {
    switch scalar.value {
    case ..<0x100: "\\x" + hex(scalar.value, width: 2)
    case ..<0x10000: "\\u" + hex(scalar.value, width: 4)
    default: "\\U" + hex(scalar.value, width: 8)
    }
  }

  /// Python's `repr()` of a `str`, as PyYAML puts it in messages.
  static func repr(_ text: String) -> String {
    let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
    var result = String(quote)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default:
        if Character(scalar) == quote {
          result += "\\" + String(quote)
        } else if scalar.value < 0x20 || scalar.value == 0x7F {
          result += "\\x" + hex(scalar.value, width: 2)
        } else if (0x80..<0xA0).contains(scalar.value) {
          result += "\\x" + hex(scalar.value, width: 2)
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + String(quote)
  }

  static func hex(_ value: UInt32, width: Int) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}

extension Substring {
  fileprivate func replacingOccurrences(of character: Character) -> String {
    String(filter { $0 != character })
  }
}
