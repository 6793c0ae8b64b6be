/// Where PyYAML's pure-Python scanner rejects a tab that libyaml accepts.
///
/// PyYAML skips only spaces between tokens (`Scanner.scan_to_next_token`) and ends a plain
/// scalar at a tab, so a tab is legal only inside a quoted scalar, inside block scalar content,
/// or inside a comment; anywhere else (`a:\t1`, `- a\t`, `[a,\tb]`, `b\t# c`) cloud-init fails
/// with "found character '\t' that cannot start any token". libyaml skips such tabs, so the
/// composer runs this check over what libyaml read, using the scalar spans it reported.
struct PyYAMLTabRule {
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
  }

  let scalars: [Unicode.Scalar]
  let containsTab: Bool
  private(set) var spans: [ScalarSpan] = []

  init(source: SourceText) {
    scalars = source.scalars
    containsTab = source.containsTab
  }

  mutating func record(_ span: ScalarSpan) {
    if containsTab { spans.append(span) }
  }

  /// The first tab PyYAML would stop at, among offsets `0...limit`.
  func firstViolation(upTo limit: Int) -> Violation? {
    guard containsTab else { return nil }
    let end = min(limit + 1, scalars.count)
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
  func firstViolation(unparsedFrom start: Int, to end: Int) -> Violation? {
    guard containsTab else { return nil }
    var index = start
    var stop = min(end, scalars.count)
    // One token ahead: the token at `end`, then spaces, then possibly the tab.
    var ahead = stop
    while ahead < scalars.count, !Self.isBlank(scalars[ahead]), !SourceText.isLineBreak(scalars[ahead]) { ahead += 1 }
    while ahead < scalars.count, scalars[ahead] == " " { ahead += 1 }
    if ahead < scalars.count, scalars[ahead] == "\t" { stop = ahead + 1 }
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
        return nil
      case "|", ">":
        // A block scalar header: indicators, spaces, then a comment or the line break.
        var header = index + 1
        var sawIndicators = true
        while header < scalars.count, !SourceText.isLineBreak(scalars[header]), scalars[header] != "#" {
          if scalars[header] == "\t" {
            return Violation(
              offset: header,
              problem: sawIndicators
                ? "expected chomping or indentation indicators, but found '\\t'"
                : "expected a comment or a line break, but found '\\t'",
              context: "while scanning a block scalar")
          }
          if scalars[header] == " " { sawIndicators = false }
          header += 1
        }
        return nil
      default:
        break
      }
      previous = scalar
      index += 1
    }
    return nil
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
      // The header line: indicators, spaces, then a comment or the line break.
      var index = indicator + 1
      var sawIndicators = true
      while index < stop, !SourceText.isLineBreak(scalars[index]), scalars[index] != "#" {
        if scalars[index] == "\t" {
          return Violation(
            offset: index,
            problem: sawIndicators
              ? "expected chomping or indentation indicators, but found '\\t'"
              : "expected a comment or a line break, but found '\\t'",
            context: "while scanning a block scalar")
        }
        if scalars[index] == " " { sawIndicators = false }
        index += 1
      }
      return nil
    }
  }

  private func firstTab(in start: Int, _ stop: Int) -> Int? {
    guard start < stop else { return nil }
    return (start..<stop).first { scalars[$0] == "\t" }
  }
}
