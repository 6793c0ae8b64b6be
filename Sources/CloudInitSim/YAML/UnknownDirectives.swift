/// PyYAML ignores a directive it does not know (`%FOO bar`); libyaml rejects it. Before the first
/// document, such a line is rewritten into an unused `%TAG` directive, which libyaml accepts and
/// which changes nothing; later lines keep their numbers, so every mark stays where it was.
enum UnknownDirectives {
  static func neutralize(_ text: String) -> String {
    guard hasDirectiveLine(text) else { return text }
    // Split on scalars: to Swift, "\r\n" is one Character and would not split on "\n".
    var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
      .map { String(String.UnicodeScalarView($0)) }
    var counter = 0
    for (number, line) in lines.enumerated() {
      let trimmed = line.drop { $0 == " " }
      if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed == "\r" { continue }
      guard line.hasPrefix("%") else { break }
      let name = line.dropFirst().prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
      let after = line.dropFirst(1 + name.count).first
      guard !name.isEmpty, name != "YAML", name != "TAG", after == nil || after == " " || after == "\r" else {
        continue
      }
      counter += 1
      lines[number] = "%TAG !cloudinit-sim-ignored-\(counter)! tag:cloudinit-sim.invalid,2026:" + (line.hasSuffix("\r") ? "\r" : "")
    }
    return lines.joined(separator: "\n")
  }

  /// Whether any line starts with `%` (a byte scan: this runs on every document).
  private static func hasDirectiveLine(_ text: String) -> Bool {
    func scan<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Bool {
      var atLineStart = true
      for byte in bytes {
        if atLineStart && byte == UInt8(ascii: "%") { return true }
        atLineStart = byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
      }
      return false
    }
    return text.utf8.withContiguousStorageIfAvailable { scan($0) } ?? scan(text.utf8)
  }
}
