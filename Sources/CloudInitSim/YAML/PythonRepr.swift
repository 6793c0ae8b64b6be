/// Python's `repr()` of a loaded value, containers included (`{'a': [1, True, None]}`).
enum PythonRepr {
  static func repr(_ value: YAMLValue) -> String {
    switch value {
    case .sequence(let items):
      return "[" + items.map { repr($0.value) }.joined(separator: ", ") + "]"
    case .mapping(let mapping):
      return "{" + mapping.entries.map { "\(repr($0.key.value)): \(repr($0.value.value))" }.joined(separator: ", ") + "}"
    case .set(let members):
      return members.isEmpty ? "set()" : "{" + members.map { repr($0.value) }.joined(separator: ", ") + "}"
    case .timestamp(let stamp):
      guard let time = stamp.time else { return "datetime.date(\(stamp.year), \(stamp.month), \(stamp.day))" }
      var fields = [stamp.year, stamp.month, stamp.day, time.hour, time.minute].map(String.init)
      if time.second != 0 || time.microsecond != 0 { fields.append(String(time.second)) }
      if time.microsecond != 0 { fields.append(String(time.microsecond)) }
      var text = "datetime.datetime(" + fields.joined(separator: ", ")
      if let offset = time.utcOffsetMinutes {
        text += offset == 0 ? ", tzinfo=datetime.timezone.utc" : ", tzinfo=datetime.timezone(\(timedelta(offset)))"
      }
      return text + ")"
    case .binary(let bytes):
      var text = "b'"
      for byte in bytes {
        switch byte {
        case UInt8(ascii: "'"): text += "\\'"
        case UInt8(ascii: "\\"): text += "\\\\"
        case UInt8(ascii: "\n"): text += "\\n"
        case UInt8(ascii: "\r"): text += "\\r"
        case UInt8(ascii: "\t"): text += "\\t"
        case 0x20..<0x7F: text += String(UnicodeScalar(byte))
        default: text += "\\x" + PythonConversions.hex(UInt32(byte), width: 2)
        }
      }
      return text + "'"
    default:
      return value.pythonLiteral
    }
  }

  /// `repr(datetime.timedelta(minutes=offset))`.
  private static func timedelta(_ minutes: Int) -> String {
    let seconds = minutes * 60
    let days = Int((Double(seconds) / 86_400).rounded(.down))
    let rest = seconds - days * 86_400
    var parts: [String] = []
    if days != 0 { parts.append("days=\(days)") }
    if rest != 0 { parts.append("seconds=\(rest)") }
    return "datetime.timedelta(" + (parts.isEmpty ? "0" : parts.joined(separator: ", ")) + ")"
  }
}
