/// The bytes handed to libyaml, adjusted where libyaml's grammar is stricter than PyYAML's in a
/// way one inserted character fixes without changing the meaning, and the map from libyaml's
/// columns back to the user's text. Two such places:
///
/// - Inside `[ ]` or `{ }`, libyaml refuses a plain scalar followed by `:` and one of `,[]{}`
///   ("found unexpected ':'", e.g. `{b:[1, 2]}` or `[x:, y]`); PyYAML ends the scalar there and
///   reads the `:` as the value indicator. A space after the colon gives libyaml that reading.
/// - A block scalar whose first content line has a tab after its indentation (a Makefile in
///   `write_files`): libyaml stops with "found a tab character where an indentation space is
///   expected" while it still detects the indentation; PyYAML counts only the spaces and keeps
///   the tab as content. An explicit indentation indicator with PyYAML's detected value (`|2`)
///   gives libyaml the same reading.
///
/// The places are found by parsing, repaired one at a time, and parsed again.
struct LibYAMLInput {
  /// What libyaml parses.
  private(set) var bytes: [UInt8]
  /// For each 0-based line, the libyaml columns of the inserted characters, ascending.
  private(set) var insertedCharacters: [Int: [Int]] = [:]

  /// At most this many repairs; beyond, libyaml's error stands (hostile input).
  static let maxRepairs = 200

  init(text: String) {
    let prepared = UnknownDirectives.neutralize(text)
    bytes = Array(prepared.utf8)
    guard Self.mayNeedRepair(bytes) else { return }
    var scalars = Array(prepared.unicodeScalars)
    for _ in 0..<Self.maxRepairs {
      guard let (problem, line, column, indents) = Self.firstProblem(in: bytes) else { return }
      let source = SourceText(file: "", text: String(String.UnicodeScalarView(scalars)))
      let offset = source.offset(libyamlLine: line, column: column)
      let insertion: (offset: Int, character: Unicode.Scalar)?
      switch problem {
      case "found unexpected ':'":
        insertion = Self.colonRepair(scalars, colon: offset)
      case "found a tab character where an indentation space is expected":
        insertion = Self.indentationRepair(source, tab: offset, parentIndent: indents.last ?? -1)
      default:
        insertion = nil
      }
      guard let insertion else { return }
      scalars.insert(insertion.character, at: insertion.offset)
      let insertedMark = source.mark(scalarOffset: insertion.offset)
      let insertedLine = insertedMark.line - 1
      let lineStart = source.lineStarts[insertedLine]
      insertedCharacters[insertedLine, default: []].append(insertion.offset - lineStart)
      insertedCharacters[insertedLine]?.sort()
      bytes = Array(String(String.UnicodeScalarView(scalars)).utf8)
    }
  }

  /// The column in the user's text of a libyaml column on `line`.
  func originalColumn(line: Int, column: Int) -> Int {
    guard let inserted = insertedCharacters[line] else { return column }
    return column - inserted.count { $0 < column }
  }

  /// A cheap test first: most documents never need the parses below.
  private static func mayNeedRepair(_ bytes: [UInt8]) -> Bool {
    let indicators: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}")]
    for index in bytes.indices.dropLast() {
      if bytes[index] == UInt8(ascii: ":") && indicators.contains(bytes[index + 1]) { return true }
      if bytes[index] == UInt8(ascii: " ") && bytes[index + 1] == UInt8(ascii: "\t") { return true }
      if bytes[index] == UInt8(ascii: "\n") && bytes[index + 1] == UInt8(ascii: "\t") { return true }
    }
    return false
  }

  /// libyaml's first problem, its position, and the indentation columns of the block
  /// collections open there (the scanner's indentation stack, as far as events show it).
  private static func firstProblem(in bytes: [UInt8]) -> (String, Int, Int, [Int])? {
    let reader = LibYAMLEventReader(bytes: bytes)
    var indents: [Int] = []
    var flowDepth = 0
    while true {
      do {
        let event = try reader.next()
        switch event.kind {
        case .streamEnd:
          return nil
        case .sequenceStart(_, _, _, let flow), .mappingStart(_, _, _, let flow):
          if flow { flowDepth += 1 } else if flowDepth == 0 { indents.append(event.startColumn) }
        case .sequenceEnd, .mappingEnd:
          if flowDepth > 0 { flowDepth -= 1 } else if !indents.isEmpty { indents.removeLast() }
        default:
          break
        }
      } catch {
        return (error.problem, error.line, error.column, indents)
      }
    }
  }

  /// The space that turns `x:,` into `x: ,`.
  private static func colonRepair(_ scalars: [Unicode.Scalar], colon: Int) -> (Int, Unicode.Scalar)? {
    guard colon + 1 < scalars.count, scalars[colon] == ":", ",[]{}".unicodeScalars.contains(scalars[colon + 1]) else {
      return nil
    }
    return (colon + 1, " ")
  }

  /// The indentation indicator PyYAML's detection implies, placed after `|` or `>` and its
  /// chomping indicator. Only for a header without one, and a tab on the first content line.
  private static func indentationRepair(_ source: SourceText, tab: Int, parentIndent: Int) -> (Int, Unicode.Scalar)? {
    let scalars = source.scalars
    guard tab < scalars.count, scalars[tab] == "\t" else { return nil }
    let tabLine = source.mark(scalarOffset: tab).line - 1
    // The header is on the nearest line above with anything but spaces on it.
    var headerLine = tabLine - 1
    var maxIndent = 0
    while headerLine >= 0 {
      let text = Array(source.line(headerLine + 1).unicodeScalars)
      guard text.allSatisfy({ $0 == " " }) else { break }
      maxIndent = max(maxIndent, text.count)
      headerLine -= 1
    }
    guard headerLine >= 0 else { return nil }
    let header = Array(source.line(headerLine + 1).unicodeScalars)
    // The indicator: the last '|' or '>' followed only by chomping, spaces and a comment.
    guard let indicator = header.indices.last(where: { index in
      guard header[index] == "|" || header[index] == ">" else { return false }
      var rest = header[(index + 1)...].drop { $0 == "+" || $0 == "-" }
      rest = rest.drop { $0 == " " }
      return rest.isEmpty || rest.first == "#"
    }) else { return nil }
    // PyYAML's scan_block_scalar_indentation: spaces only, up to the tab.
    let leading = source.mark(scalarOffset: tab).column - 1
    maxIndent = max(maxIndent, leading)
    let minIndent = max(parentIndent + 1, 1)
    let indent = max(minIndent, maxIndent)
    let increment = parentIndent >= 0 ? indent - parentIndent : indent
    guard (1...9).contains(increment), let digit = Unicode.Scalar(UInt32(0x30 + increment)) else { return nil }
    var position = indicator + 1
    if position < header.count, header[position] == "+" || header[position] == "-" { position += 1 }
    return (source.lineStarts[headerLine] + position, digit)
  }
}
