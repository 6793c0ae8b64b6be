/// The bytes handed to libyaml, adjusted where libyaml's grammar is stricter than PyYAML's in a
/// way a blank fixes without changing the meaning, and the map from libyaml's columns back to
/// the user's text.
///
/// Inside `[ ]` or `{ }`, libyaml refuses a plain scalar followed by `:` and one of `,[]{}`
/// ("found unexpected ':'", e.g. `{b:[1, 2]}` or `[x:, y]`); PyYAML ends the scalar there and reads
/// the `:` as the value indicator. A space after that colon gives libyaml exactly PyYAML's
/// reading, so such colons are found by parsing and the space inserted, one at a time.
struct LibYAMLInput {
  /// What libyaml parses.
  private(set) var bytes: [UInt8]
  /// For each 0-based line, the libyaml columns of the inserted spaces, ascending.
  private(set) var insertedSpaces: [Int: [Int]] = [:]

  /// At most this many colons are repaired; beyond, libyaml's error stands (hostile input).
  static let maxRepairs = 200

  init(text: String) {
    let prepared = UnknownDirectives.neutralize(text)
    bytes = Array(prepared.utf8)
    guard Self.hasColonBeforeFlowIndicator(bytes) else { return }
    var scalars = Array(prepared.unicodeScalars)
    for _ in 0..<Self.maxRepairs {
      guard let (line, column) = Self.unexpectedColon(in: bytes) else { return }
      let source = SourceText(file: "", text: String(String.UnicodeScalarView(scalars)))
      let colon = source.offset(libyamlLine: line, column: column)
      guard colon + 1 < scalars.count, scalars[colon] == ":", ",[]{}".unicodeScalars.contains(scalars[colon + 1]) else {
        return
      }
      scalars.insert(" ", at: colon + 1)
      insertedSpaces[line, default: []].append(column + 1)
      bytes = Array(String(String.UnicodeScalarView(scalars)).utf8)
    }
  }

  /// The column in the user's text of a libyaml column on `line`.
  func originalColumn(line: Int, column: Int) -> Int {
    guard let spaces = insertedSpaces[line] else { return column }
    return column - spaces.count { $0 < column }
  }

  /// A cheap test first: most documents never need the parse below.
  private static func hasColonBeforeFlowIndicator(_ bytes: [UInt8]) -> Bool {
    let indicators: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}")]
    for index in bytes.indices.dropLast() where bytes[index] == UInt8(ascii: ":") && indicators.contains(bytes[index + 1]) {
      return true
    }
    return false
  }

  /// Where libyaml stops with "found unexpected ':'", if it does.
  private static func unexpectedColon(in bytes: [UInt8]) -> (Int, Int)? {
    let reader = LibYAMLEventReader(bytes: bytes)
    while true {
      do {
        if case .streamEnd = try reader.next().kind { return nil }
      } catch {
        guard error.problem == "found unexpected ':'" else { return nil }
        return (error.line, error.column)
      }
    }
  }
}
