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
  /// The largest input the repairs run on.
  static let maxRepairedSize = 1 << 20

  /// Whether U+FEFF occurs anywhere but as the first character (searched as UTF-8 bytes: this
  /// runs on every document).
  static func hasByteOrderMarkAfterStart(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
    var index = bytes.starts(with: mark) ? 3 : 0
    while index + 2 < bytes.count {
      if bytes[index] == 0xEF, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF { return true }
      index += 1
    }
    return false
  }

  init(text: String) {
    bytes = []
    var prepared = UnknownDirectives.neutralize(text)
    if Self.hasByteOrderMarkAfterStart(prepared) {
      prepared = removeByteOrderMarksAtLineStarts(prepared)
    }
    bytes = Array(prepared.utf8)
    // Each repair parses the text again; real configs are kilobytes (EC2 caps user-data at
    // 16 KiB), so beyond a mebibyte libyaml's reading stands rather than risk minutes of work.
    guard bytes.count <= Self.maxRepairedSize, Self.mayNeedRepair(bytes) else { return }
    var scalars = Array(prepared.unicodeScalars)
    var ignoredDirectives = 0
    for _ in 0..<Self.maxRepairs {
      let source = SourceText(file: "", text: String(String.UnicodeScalarView(scalars)))
      guard let problem = Self.firstProblem(in: bytes, source: source) else { return }
      switch problem {
      case .tagEndsAt(let offset):
        escapeTagCharacter(at: offset, in: &scalars, source: source)
      case .libyaml(let message, let line, let column, let indents):
        let offset = source.offset(libyamlLine: line, column: column)
        switch message {
        case "found unexpected ':'":
          guard let at = Self.colonRepair(scalars, colon: offset) else { return }
          scalars.insert(" ", at: at)
          record(insertedAt: at, count: 1, in: source)
        case "found a tab character where an indentation space is expected":
          guard let (at, digit) = Self.indentationRepair(source, tab: offset, parentIndent: indents.last ?? -1) else { return }
          scalars.insert(digit, at: at)
          record(insertedAt: at, count: 1, in: source)
        case "did not find expected whitespace or line break":
          // A tag libyaml ended at ',', '[' or ']' outside a flow collection.
          guard offset < scalars.count, ",[]".unicodeScalars.contains(scalars[offset]) else { return }
          escapeTagCharacter(at: offset, in: &scalars, source: source)
        case "found unknown directive name":
          // A '%' line at column 0 inside the stream: PyYAML ends the document there and ignores
          // the directive; an unused %TAG directive makes libyaml do the same.
          let start = source.lineStarts[min(line, source.lineStarts.count - 1)]
          guard start < scalars.count, scalars[start] == "%" else { return }
          var end = start
          while end < scalars.count, !SourceText.isLineBreak(scalars[end]) { end += 1 }
          ignoredDirectives += 1
          let directive = "%TAG !cloudinit-sim-ignored-inside-\(ignoredDirectives)! tag:cloudinit-sim.invalid,2026:"
          scalars.replaceSubrange(start..<end, with: Array(directive.unicodeScalars))
        default:
          return
        }
      }
      bytes = Array(String(String.UnicodeScalarView(scalars)).utf8)
    }
  }

  /// PyYAML's tags may hold ',', '[' and ']'; written as URI escapes (`%5D`), libyaml keeps them
  /// in the tag too, and both decode the escape.
  private mutating func escapeTagCharacter(at offset: Int, in scalars: inout [Unicode.Scalar], source: SourceText) {
    let escape = Array(PythonConversions.hex(scalars[offset].value, width: 2).uppercased().unicodeScalars)
    scalars[offset] = "%"
    scalars.insert(contentsOf: escape, at: offset + 1)
    record(insertedAt: offset + 1, count: escape.count, in: source)
  }

  private mutating func record(insertedAt offset: Int, count: Int, in source: SourceText) {
    let line = source.mark(scalarOffset: offset).line - 1
    let column = offset - source.lineStarts[line]
    for extra in 0..<count {
      insertedCharacters[line, default: []].append(column + extra)
    }
    insertedCharacters[line]?.sort()
  }

  /// The 0-based lines that started with a U+FEFF removed from libyaml's input.
  private(set) var linesWithoutByteOrderMark: Set<Int> = []

  /// The column in the user's text of a libyaml column on `line`.
  func originalColumn(line: Int, column: Int) -> Int {
    var result = column
    if let inserted = insertedCharacters[line] { result -= inserted.count { $0 < column } }
    if linesWithoutByteOrderMark.contains(line) { result += 1 }
    return result
  }

  /// libyaml skips a U+FEFF at the start of any line but counts it as a column, which shifts
  /// the line's indentation; PyYAML keeps it as the first character of a plain scalar and never
  /// counts it. Removed here (and put back into the scalar by the composer).
  private mutating func removeByteOrderMarksAtLineStarts(_ text: String) -> String {
    var result = String.UnicodeScalarView()
    var line = 0
    var atLineStart = true
    var previousWasCR = false
    for (index, scalar) in text.unicodeScalars.enumerated() {
      if scalar == "\u{FEFF}", atLineStart, index > 0 {
        linesWithoutByteOrderMark.insert(line)
        atLineStart = false
        continue
      }
      result.append(scalar)
      if scalar == "\u{FEFF}", index == 0 {
        // libyaml drops a leading byte order mark before reading, so the next one starts the line.
        continue
      }
      if scalar == "\n", previousWasCR {
        // "\r\n" is one line break, already counted at the "\r".
      } else if SourceText.isLineBreak(scalar) {
        line += 1
      }
      atLineStart = SourceText.isLineBreak(scalar)
      previousWasCR = scalar == "\r"
    }
    return String(result)
  }

  /// A cheap test first: most documents never need the parses below.
  private static func mayNeedRepair(_ bytes: [UInt8]) -> Bool {
    let indicators: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}")]
    for index in bytes.indices.dropLast() {
      let (byte, next) = (bytes[index], bytes[index + 1])
      if byte == UInt8(ascii: ":") && indicators.contains(next) { return true }
      if (byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n")) && next == UInt8(ascii: "\t") { return true }
      if byte == UInt8(ascii: "\n") && next == UInt8(ascii: "%") { return true }
      if byte == UInt8(ascii: "!") { return true }
    }
    return false
  }

  /// What stops libyaml from reading the text as PyYAML does.
  private enum Problem {
    /// libyaml's error, its position, and the indentation columns of the block collections open
    /// there (the scanner's indentation stack, as far as events show it).
    case libyaml(String, Int, Int, [Int])
    /// A tag that libyaml ended at this ',', '[' or ']', where PyYAML's tag goes on.
    case tagEndsAt(Int)
  }

  private static func firstProblem(in bytes: [UInt8], source: SourceText) -> Problem? {
    let reader = LibYAMLEventReader(bytes: bytes)
    var indents: [Int] = []
    var flowDepth = 0
    while true {
      let event: YAMLEvent
      do {
        event = try reader.next()
      } catch {
        return .libyaml(error.problem, error.line, error.column, indents)
      }
      var tag: String?
      switch event.kind {
      case .streamEnd:
        return nil
      case .sequenceStart(_, let eventTag, _, let flow), .mappingStart(_, let eventTag, _, let flow):
        tag = eventTag
        if flow { flowDepth += 1 } else if flowDepth == 0 { indents.append(event.startColumn) }
      case .sequenceEnd, .mappingEnd:
        if flowDepth > 0 { flowDepth -= 1 } else if !indents.isEmpty { indents.removeLast() }
      case .scalar(_, let eventTag, _, _, _, _):
        tag = eventTag
      default:
        break
      }
      if tag != nil, let end = tagEnd(from: source.offset(libyamlLine: event.startLine, column: event.startColumn), in: source.scalars),
         end < source.scalars.count, ",[]".unicodeScalars.contains(source.scalars[end]) {
        return .tagEndsAt(end)
      }
    }
  }

  /// The offset just past the tag of a node starting at `start` (after its anchor, if any), as
  /// libyaml reads tags: URI characters without ',', '[' and ']'.
  private static func tagEnd(from start: Int, in scalars: [Unicode.Scalar]) -> Int? {
    var index = start
    if index < scalars.count, scalars[index] == "&" {
      while index < scalars.count, scalars[index] != " ", !SourceText.isLineBreak(scalars[index]) { index += 1 }
      while index < scalars.count, scalars[index] == " " { index += 1 }
    }
    guard index < scalars.count, scalars[index] == "!" else { return nil }
    let uriCharacters = "-;/?:@&=+$_.!~*'()%"
    index += 1
    while index < scalars.count {
      let scalar = scalars[index]
      guard scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || uriCharacters.unicodeScalars.contains(scalar) else { break }
      index += 1
    }
    return index
  }

  /// The space that turns `x:,` into `x: ,`.
  private static func colonRepair(_ scalars: [Unicode.Scalar], colon: Int) -> Int? {
    guard colon + 1 < scalars.count, scalars[colon] == ":", ",[]{}".unicodeScalars.contains(scalars[colon + 1]) else {
      return nil
    }
    return colon + 1
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
