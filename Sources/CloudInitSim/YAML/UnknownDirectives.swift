/// PyYAML ignores a directive it does not know (`%FOO bar`) and accepts any `%YAML 1.x`; libyaml
/// rejects both. Before the first document, such a line is rewritten into an unused `%TAG`
/// directive (or `%YAML 1.1`), which libyaml accepts and which changes nothing; later lines keep
/// their numbers, so every mark stays where it was.
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
      if name == "YAML" {
        // PyYAML requires major version 1 and only warns about the minor; libyaml wants 1.1 or 1.2.
        let version = line.dropFirst(5).drop { $0 == " " }.prefix { !$0.isWhitespace }
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 2, parts[0] == "1", let minor = Int(parts[1]), minor != 1, minor != 2 {
          lines[number] = "%YAML 1.1" + (line.hasSuffix("\r") ? "\r" : "")
        }
        continue
      }
      guard !name.isEmpty, name != "TAG", after == nil || after == " " || after == "\r" else {
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
