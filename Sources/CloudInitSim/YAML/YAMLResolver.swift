/// Decides the tag of an untagged scalar exactly as PyYAML's `Resolver` does (YAML 1.1).
///
/// PyYAML picks candidate rules by the scalar's first character, in the order the rules were
/// registered (bool, float, int, merge, null, timestamp, yaml, value), and the first whose
/// regular expression matches wins. Its patterns end in `$`, which in Python also matches just
/// before one final `\n`; `matches` reproduces that. Patterns below are PyYAML 6.0.3's
/// (`yaml/resolver.py`), with the verbose-mode whitespace removed.
enum YAMLResolver {
  private struct Rule: @unchecked Sendable {
    let tag: String
    let firstCharacters: String
    /// The pattern; nil when it is a plain alternation of `literals`.
    let regex: Regex<Substring>?
    /// The strings a pattern of bare alternatives matches, looked up instead of matched: the
    /// bool rule is tried on every plain scalar starting with y, n, t, f or o.
    let literals: Set<String>
  }

  // The patterns are constant and known to compile; a failure would be a programming error that
  // the test suite catches at once, so an unmatched pattern simply never resolves.
  private static func rule(_ tag: String, _ first: String, _ pattern: String) -> Rule {
    let alternatives = pattern.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
    if alternatives.allSatisfy({ $0.allSatisfy { $0.isLetter || $0 == "<" || $0 == "~" || $0 == "=" } }) {
      return Rule(tag: tag, firstCharacters: first, regex: nil, literals: Set(alternatives))
    }
    let regex = (try? Regex<Substring>(pattern)) ?? Regex<Substring>(verbatim: "\u{0}never\u{0}")
    return Rule(tag: tag, firstCharacters: first, regex: regex.matchingSemantics(.unicodeScalar), literals: [])
  }

  private static let digits = "0123456789"

  private static let rules: [Rule] = [
    rule(YAMLTag.bool, "yYnNtTfFoO",
         "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"),
    rule(YAMLTag.float, "-+" + digits + ".",
         #"[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?"#
         + #"|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"#
         + #"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*"#
         + #"|[-+]?\.(?:inf|Inf|INF)"#
         + #"|\.(?:nan|NaN|NAN)"#),
    rule(YAMLTag.int, "-+" + digits,
         #"[-+]?0b[0-1_]+"#
         + #"|[-+]?0[0-7_]+"#
         + #"|[-+]?(?:0|[1-9][0-9_]*)"#
         + #"|[-+]?0x[0-9a-fA-F_]+"#
         + #"|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"#),
    rule(YAMLTag.merge, "<", "<<"),
    rule(YAMLTag.null, "~nN", "~|null|Null|NULL|"),
    rule(YAMLTag.timestamp, digits,
         #"[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"#
         + #"|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"#
         + #"(?:[Tt]|[ \t]+)[0-9][0-9]?"#
         + #":[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?"#
         + #"(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?"#),
    rule(YAMLTag.yaml, "!&*", #"!|&|\*"#),
    rule(YAMLTag.value, "=", "="),
  ]

  /// The tag PyYAML gives a scalar with these implicit flags (`plain`: untagged plain scalar or
  /// tagged `!`; `quoted`: untagged quoted scalar).
  static func resolveScalar(_ value: String, plainImplicit: Bool) -> String {
    if plainImplicit, let tag = implicitTag(of: value) {
      return tag
    }
    return YAMLTag.str
  }

  /// For each ASCII first character, the indices of the rules registered for it, in order
  /// (PyYAML's `yaml_implicit_resolvers` table).
  private static let rulesByFirstCharacter: [[Int]] = (0..<128).map { code in
    rules.indices.filter { rules[$0].firstCharacters.unicodeScalars.contains(Unicode.Scalar(UInt8(code))) }
  }

  /// The rules registered for the empty string: only null.
  private static let emptyStringRules = rules.indices.filter { rules[$0].tag == YAMLTag.null }

  /// The tag an implicit rule gives `value`, or nil when it stays a string.
  static func implicitTag(of value: String) -> String? {
    let candidates: [Int]
    if let first = value.utf8.first {
      // Every rule starts with an ASCII character.
      guard first < 128 else { return nil }
      candidates = rulesByFirstCharacter[Int(first)]
    } else {
      candidates = emptyStringRules
    }
    for index in candidates {
      let rule = rules[index]
      if let regex = rule.regex {
        if matches(regex, value) { return rule.tag }
      } else if rule.literals.contains(value) || (value.hasSuffix("\n") && rule.literals.contains(String(value.dropLast()))) {
        return rule.tag
      }
    }
    return nil
  }

  /// Python's `re.match(pattern + "$")`: a whole match, or a whole match of all but one final `\n`.
  static func matches(_ regex: Regex<Substring>, _ value: String) -> Bool {
    if (try? regex.wholeMatch(in: value)) != nil { return true }
    if value.hasSuffix("\n"), (try? regex.wholeMatch(in: value.dropLast())) != nil { return true }
    return false
  }
}
