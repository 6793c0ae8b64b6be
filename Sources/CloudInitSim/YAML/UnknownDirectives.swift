/// PyYAML ignores a directive it does not know (`%FOO bar`); libyaml rejects it. Before the first
/// document, such a line is rewritten into an unused `%TAG` directive, which libyaml accepts and
/// which changes nothing; later lines keep their numbers, so every mark stays where it was.
enum UnknownDirectives {
  static func neutralize(_ text: String) -> String {
    guard text.hasPrefix("%") || text.contains("\n%") || text.contains("\r%") else { return text }
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
}
