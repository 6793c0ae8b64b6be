/// Python's `repr(float)`: the shortest digits that round-trip, in fixed notation when the decimal
/// exponent is in -4..<16 and scientific otherwise (`1e+16`, `1.5e-07`, `1000.0`).
enum PythonFloatFormat {
  /// The text Python prints for a finite `value` (callers handle infinities and NaN).
  static func repr(_ value: Double) -> String {
    // Swift's description also gives the shortest round-trip digits; only the layout differs.
    let (negative, digits, pointPosition) = decompose(value)
    let sign = negative ? "-" : ""
    // `pointPosition` is where the decimal point goes relative to `digits` (Python's decpt).
    if pointPosition > -4 && pointPosition <= 16 {
      if pointPosition <= 0 {
        return sign + "0." + String(repeating: "0", count: -pointPosition) + digits
      }
      if pointPosition >= digits.count {
        return sign + digits + String(repeating: "0", count: pointPosition - digits.count) + ".0"
      }
      let split = digits.index(digits.startIndex, offsetBy: pointPosition)
      return sign + digits[..<split] + "." + digits[split...]
    }
    let exponent = pointPosition - 1
    let mantissa = digits.count == 1 ? digits : String(digits.prefix(1)) + "." + digits.dropFirst()
    let exponentDigits = String(abs(exponent))
    let paddedExponent = exponentDigits.count < 2 ? "0" + exponentDigits : exponentDigits
    return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + paddedExponent
  }

  /// Sign, significant digits without leading or trailing zeros ("0" for zero), and decpt.
  private static func decompose(_ value: Double) -> (Bool, String, Int) {
    var text = value.description
    let negative = text.hasPrefix("-")
    if negative { text.removeFirst() }
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      exponent = Int(text[text.index(after: e)...]) ?? 0
      text = String(text[..<e])
    }
    var integerPart = text
    var fractionPart = ""
    if let dot = text.firstIndex(of: ".") {
      integerPart = String(text[..<dot])
      fractionPart = String(text[text.index(after: dot)...])
    }
    var digits = integerPart + fractionPart
    var pointPosition = integerPart.count + exponent
    while digits.hasPrefix("0") && digits.count > 1 {
      digits.removeFirst()
      pointPosition -= 1
    }
    while digits.hasSuffix("0") && digits.count > 1 {
      digits.removeLast()
    }
    if digits == "0" { pointPosition = 1 }
    return (negative, digits, pointPosition)
  }
}
