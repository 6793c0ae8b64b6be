/// Where PyYAML's pure-Python scanner rejects what libyaml accepts: tabs, and block scalar
/// headers without a space before their comment.
///
/// PyYAML skips only spaces between tokens (`Scanner.scan_to_next_token`) and ends a plain
/// scalar at a tab, so a tab is legal only inside a quoted scalar, inside block scalar content,
/// or inside a comment; anywhere else (`a:\t1`, `- a\t`, `[a,\tb]`, `b\t# c`) cloud-init fails
/// with "found character '\t' that cannot start any token". libyaml skips such tabs, so the
/// composer runs this check over what libyaml read, using the scalar spans it reported. PyYAML
/// also wants a space or line break right after a block scalar's indicators (`|# note` fails).
struct PyYAMLScannerRules {
  /// Where one scalar event lies in the text, in scalar offsets.
  struct ScalarSpan {
    var start: Int
    var end: Int
    var style: YAMLEvent.ScalarStyle
  }

  /// A forbidden tab: its offset and PyYAML's message for it.
  struct Violation {
    var offset: Int
    var problem: String
    var context: String
    var hint = Self.tabHint

    static let tabHint = "PyYAML, which cloud-init uses, accepts tabs only inside quotes, block "
      + "scalars (| >) and comments; replace this tab with spaces"
    static let headerHint = "after '|' or '>' and its indicators (+, -, 1-9) PyYAML wants a space "
      + "or the end of the line; write '| # note', not '|# note'"
  }

  let scalars: [Unicode.Scalar]
  let containsTab: Bool
  private(set) var spans: [ScalarSpan] = []

  init(source: SourceText) {
    scalars = source.scalars
    containsTab = source.containsTab
  }

  mutating func record(_ span: ScalarSpan) {
    if containsTab || span.style == .literal || span.style == .folded { spans.append(span) }
  }

  /// The first tab PyYAML would stop at, among offsets `0...limit`.
  func firstViolation(upTo limit: Int) -> Violation? {
    let end = min(limit + 1, scalars.count)
    guard containsTab else {
      // Without tabs only block scalar headers can break PyYAML's rules.
      for span in spans where span.start < end {
        if let violation = violation(in: span, before: end) { return violation }
      }
      return nil
    }
    var index = 0
    var spanIndex = 0
    while index < end {
      if spanIndex < spans.count, index >= spans[spanIndex].start {
        let span = spans[spanIndex]
        spanIndex += 1
        if let violation = violation(in: span, before: end) { return violation }
        index = max(index, span.end)
        continue
      }
      switch scalars[index] {
      case "#":
        while index < end, !SourceText.isLineBreak(scalars[index]) { index += 1 }
      case "%" where isUnknownDirective(at: index):
        // PyYAML ignores the rest of an unknown directive's line, tabs included.
        while index < end, !SourceText.isLineBreak(scalars[index]) { index += 1 }
      case "\t":
        return Self.betweenTokens(index)
      default:
        index += 1
      }
    }
    return nil
  }

  /// The first tab PyYAML would stop at in text libyaml gave up on (`start..<end`, no events):
  /// tabs outside comments count until a quote or block scalar starts, whose extent is unknown.
  /// PyYAML's scanner also runs one token ahead of its parser, so a tab right after the token at
  /// `end` is reached before a parser error there.
  func firstViolation(unparsedFrom start: Int, to end: Int, parserError: Bool) -> Violation? {
    var index = start
    var stop = min(end, scalars.count)
    // PyYAML's parser fails only when its scanner hands it the token; while a possible simple key
    // is pending (a scalar or bracket that could still become a key), the scanner reads on to
    // the end of the line first. A `:`, `?` or `-` indicator at the error is handed over at once.
    if parserError, stop < scalars.count, !":?-".unicodeScalars.contains(scalars[stop]) {
      while stop < scalars.count, !SourceText.isLineBreak(scalars[stop]) { stop += 1 }
    }
    var previous: Unicode.Scalar = " "
    while index < stop {
      let scalar = scalars[index]
      switch scalar {
      case "\t":
        return Self.betweenTokens(index)
      case "#" where Self.isBlank(previous) || SourceText.isLineBreak(previous):
        while index < stop, !SourceText.isLineBreak(scalars[index]) { index += 1 }
        continue
      case "'", "\"":
        // Skip a quoted scalar to its closing quote; unclosed, its extent is unknown.
        guard let close = closingQuote(from: index) else { return nil }
        previous = scalars[close]
        index = close + 1
        continue
      case "|" where startsToken(at: index), ">" where startsToken(at: index):
        // A block scalar: check its header; its content's extent is unknown.
        return blockHeaderViolation(indicator: index)
      default:
        break
      }
      previous = scalar
      index += 1
    }
    return nil
  }

  private static func zeroIndentation(_ offset: Int) -> Violation {
    Violation(
      offset: offset, problem: "expected indentation indicator in the range 1-9, but found 0",
      context: "while scanning a block scalar", hint: Violation.headerHint)
  }

  /// The index of the quote that closes the quoted scalar opening at `start`.
  private func closingQuote(from start: Int) -> Int? {
    let quote = scalars[start]
    var index = start + 1
    while index < scalars.count {
      let scalar = scalars[index]
      if quote == "\"", scalar == "\\" {
        index += 2
        continue
      }
      if scalar == quote {
        // '' inside single quotes is an escaped quote.
        if quote == "'", index + 1 < scalars.count, scalars[index + 1] == "'" {
          index += 2
          continue
        }
        return index
      }
      index += 1
    }
    return nil
  }

  /// Whether a `%` here starts a directive other than `%YAML` and `%TAG` (at column 0).
  private func isUnknownDirective(at index: Int) -> Bool {
    guard index == 0 || SourceText.isLineBreak(scalars[index - 1]) else { return false }
    var end = index + 1
    while end < scalars.count, scalars[end].properties.isAlphabetic || ("0"..."9").contains(scalars[end]) || scalars[end] == "-" || scalars[end] == "_" {
      end += 1
    }
    let name = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
    // PyYAML wants a space or the line's end after the name; only then is the rest ignored.
    let next = end < scalars.count ? scalars[end] : "\n"
    return !name.isEmpty && name != "YAML" && name != "TAG" && (next == " " || SourceText.isLineBreak(next))
  }

  /// Whether a `|` or `>` here starts a block scalar: first on its line after spaces, or after
  /// a `:`, `-` or `?` indicator and a space (elsewhere it is part of a plain scalar).
  private func startsToken(at index: Int) -> Bool {
    var back = index - 1
    while back >= 0, scalars[back] == " " { back -= 1 }
    guard back >= 0, !SourceText.isLineBreak(scalars[back]) else { return true }
    return back < index - 1 && ":-?".unicodeScalars.contains(scalars[back])
  }

  private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
    scalar == " " || scalar == "\t"
  }

  /// PyYAML's error for a tab where a token should start.
  static func betweenTokens(_ offset: Int) -> Violation {
    Violation(
      offset: offset, problem: "found character '\\t' that cannot start any token",
      context: "while scanning for the next token")
  }

  private func violation(in span: ScalarSpan, before end: Int) -> Violation? {
    let stop = min(span.end, end)
    switch span.style {
    case .plain:
      // A tab ends a plain scalar in PyYAML, and the scanner then fails on it.
      return firstTab(in: span.start, stop).map(Self.betweenTokens)
    case .singleQuoted, .doubleQuoted:
      // Tabs inside the quotes are content; before them (after a tag or anchor) they are not.
      let quote = (span.start..<stop).first { scalars[$0] == "'" || scalars[$0] == "\"" } ?? stop
      return firstTab(in: span.start, quote).map(Self.betweenTokens)
    case .literal, .folded:
      let indicator = (span.start..<stop).first { scalars[$0] == "|" || scalars[$0] == ">" } ?? stop
      if let tab = firstTab(in: span.start, indicator) { return Self.betweenTokens(tab) }
      return blockHeaderViolation(indicator: indicator)
    }
  }

  /// PyYAML's `scan_block_scalar_indicators` and `scan_block_scalar_ignored_line`: after `|` or
  /// `>` and its indicators comes a space or the line break, then spaces, an optional comment and
  /// the line break. libyaml also accepts a tab or a `#` right after the indicators.
  func blockHeaderViolation(indicator: Int) -> Violation? {
    var index = indicator + 1
    func isChomping(_ scalar: Unicode.Scalar) -> Bool { scalar == "+" || scalar == "-" }
    func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
    // Chomping then a digit, or a digit then chomping; a 0 is refused.
    if index < scalars.count, isChomping(scalars[index]) {
      index += 1
      if index < scalars.count, isDigit(scalars[index]) {
        if scalars[index] == "0" { return Self.zeroIndentation(index) }
        index += 1
      }
    } else if index < scalars.count, isDigit(scalars[index]) {
      if scalars[index] == "0" { return Self.zeroIndentation(index) }
      index += 1
      if index < scalars.count, isChomping(scalars[index]) { index += 1 }
    }
    guard index < scalars.count else { return nil }
    let next = scalars[index]
    if next != " ", !SourceText.isLineBreak(next) {
      return Violation(
        offset: index,
        problem: "expected chomping or indentation indicators, but found \(PythonConversions.repr(String(next)))",
        context: "while scanning a block scalar",
        hint: next == "\t" ? Violation.tabHint : Violation.headerHint)
    }
    while index < scalars.count, scalars[index] == " " { index += 1 }
    if index < scalars.count, scalars[index] == "\t" {
      return Violation(
        offset: index, problem: "expected a comment or a line break, but found '\\t'",
        context: "while scanning a block scalar")
    }
    return nil
  }

  private func firstTab(in start: Int, _ stop: Int) -> Int? {
    guard start < stop else { return nil }
    return (start..<stop).first { scalars[$0] == "\t" }
  }
}
