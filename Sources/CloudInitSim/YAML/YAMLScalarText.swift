extension YAMLValue {
  /// The value as Python's `repr()` prints it (`True`, `None`, `420`, `1.1`, `inf`, `'on'`).
  public var pythonLiteral: String { YAMLScalarText.pythonLiteral(self) }
}

/// How scalar values read in messages: as Python would print them.
enum YAMLScalarText {
  /// Python's `repr()` of a scalar value (`True`, `None`, `420`, `1.1`, `'on'`).
  static func pythonLiteral(_ value: YAMLValue) -> String {
    switch value {
    case .null: "None"
    case .bool(let flag): flag ? "True" : "False"
    case .int(let number): number.description
    case .float(let number): pythonFloat(number)
    case .string(let text): PythonConversions.repr(text)
    case .timestamp(let stamp): stamp.isoFormat
    case .binary(let bytes): "b'<\(bytes.count) bytes>'"
    case .sequence(let items): "[\(items.count) items]"
    case .mapping(let mapping): "{\(mapping.entries.count) keys}"
    case .set(let items): "{\(items.count) members}"
    }
  }

  /// Python's `repr(float)`, with `inf`, `-inf` and `nan`.
  static func pythonFloat(_ number: Double) -> String {
    if number.isNaN { return "nan" }
    if number.isInfinite { return number < 0 ? "-inf" : "inf" }
    return PythonFloatFormat.repr(number)
  }
}
