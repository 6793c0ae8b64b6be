/// `## template: jinja` parts rendered the way cloud-init's `JinjaTemplatePartHandler` renders
/// them, for the part of Jinja that user-data uses: `{{ variable.path }}` with dotted or
/// `['key']` access. Statements (`{% ... %}`), filters and expressions are not simulated: such a
/// part is reported, never rendered wrongly.
public enum JinjaTemplate {
  /// The outcome of rendering one part.
  public enum Outcome: Sendable, Equatable {
    /// Rendered text (the `## template: jinja` line removed), and cloud-init's warning about
    /// variables it could not find (they render as `CI_MISSING_JINJA_VAR/name`).
    case rendered(String, warning: String?)
    /// cloud-init gives up on the part ("Ignoring jinja template for ...").
    case ignored(String)
    /// The template uses Jinja the simulator does not evaluate.
    case unsupported(String)
  }

  /// `convert_jinja_instance_data(include_key_aliases=True)`: `-` in keys gets a `_` alias, and
  /// the keys of `v1` are copied to the top level.
  public static func variables(from instanceData: YAMLNode) -> YAMLNode {
    guard case .mapping(let mapping) = instanceData.value else { return instanceData }
    var entries: [YAMLMapping.Entry] = []
    func add(_ key: String, _ value: YAMLNode, mark: SourceMark) {
      entries.removeAll { $0.key.value == .string(key) }
      entries.append(YAMLMapping.Entry(key: YAMLNode(.string(key), mark: mark), value: value))
    }
    let sorted = mapping.entries.sorted {
      YAMLValue.jsonQuoted(CloudInitMerger.render($0.key.value)) < YAMLValue.jsonQuoted(CloudInitMerger.render($1.key.value))
    }
    for entry in sorted {
      guard case .string(let key) = entry.key.value else { continue }
      let value = variables(from: entry.value)
      add(key, value, mark: entry.key.mark)
      if key.wholeMatch(of: #/v\d+/#) != nil, case .mapping(let inner) = value.value {
        for item in inner.entries {
          if case .string(let innerKey) = item.key.value { add(innerKey, item.value, mark: item.key.mark) }
        }
      }
      if key.contains("-") { add(key.replacingDash(), value, mark: entry.key.mark) }
    }
    return YAMLNode(.mapping(YAMLMapping(entries: entries)), mark: instanceData.mark)
  }

  /// Renders `template` (which starts with `## template: jinja`) named `filename`.
  public static func render(_ template: String, filename: String, variables: YAMLNode) -> Outcome {
    var body = Substring(template)
    if let newline = body.firstIndex(of: "\n"), body[..<newline].lowercased().hasPrefix("## template:") {
      body = body[body.index(after: newline)...]
    }
    if body.contains("{%") || body.contains("{#") {
      return .unsupported("Jinja statements ({% ... %}) and comments are not simulated")
    }
    var output = ""
    var missing: [String] = []
    var rest = body
    while let open = rest.range(of: "{{") {
      output += rest[..<open.lowerBound]
      guard let close = rest[open.upperBound...].range(of: "}}") else {
        return .ignored("unexpected end of template, expected 'end of print statement'")
      }
      let expression = rest[open.upperBound..<close.lowerBound].trimmingPythonWhitespace()
      let pieces = expression.split(separator: "|", maxSplits: 1).map { $0.trimmingPythonWhitespace() }
      var fallback: String?
      if pieces.count == 2 {
        guard let literal = Self.defaultFilter(pieces[1]) else {
          return .unsupported("the filter '\(pieces[1])' is not simulated (only default(...) is)")
        }
        fallback = literal
      }
      guard let path = parsePath(pieces[0]) else {
        return .unsupported("the expression '\(expression)' (operators, calls) is not simulated")
      }
      switch lookup(path, in: variables) {
      case .value(let text): output += text
      case .missing where fallback != nil: output += fallback ?? ""
      case .error where fallback != nil && path.count > 1: output += fallback ?? ""
      case .missing(let name):
        output += "CI_MISSING_JINJA_VAR/\(name)"
        missing.append("'\(name)'")
      case .error(let message): return .ignored(message)
      }
      rest = rest[close.upperBound...]
    }
    output += rest
    let warning = missing.isEmpty
      ? nil : "Could not render jinja template variables in file '\(filename)': \(missing.joined(separator: ", "))"
    return .rendered(output, warning: warning)
  }

  /// `default("text")`, `default('text')`, `default(12)` or `d(...)`: the literal's text.
  private static func defaultFilter(_ filter: String) -> String? {
    let names = ["default(", "d("]
    guard let name = names.first(where: { filter.hasPrefix($0) }), filter.hasSuffix(")") else { return nil }
    let argument = filter.dropFirst(name.count).dropLast().trimmingPythonWhitespace()
    if argument.count >= 2, let quote = argument.first, quote == "'" || quote == "\"", argument.last == quote {
      return String(argument.dropFirst().dropLast())
    }
    if Int(argument) != nil || Double(argument) != nil { return argument }
    switch argument {
    case "true", "True": return "True"
    case "false", "False": return "False"
    case "none", "None": return "None"
    default: return nil
    }
  }

  private enum Lookup {
    case value(String)
    case missing(String)
    case error(String)
  }

  /// `a.b['c']` as a list of keys; nil when the expression is anything else.
  private static func parsePath(_ expression: String) -> [String]? {
    var keys: [String] = []
    var rest = Substring(expression)
    func identifier() -> String? {
      let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
      guard let first = name.first, !first.isNumber else { return nil }
      rest = rest.dropFirst(name.count)
      return String(name)
    }
    guard let first = identifier() else { return nil }
    keys.append(first)
    while let next = rest.first {
      if next == "." {
        rest = rest.dropFirst()
        guard let name = identifier() else { return nil }
        keys.append(name)
      } else if next == "[" {
        rest = rest.dropFirst()
        guard let quote = rest.first, quote == "'" || quote == "\"" else { return nil }
        rest = rest.dropFirst()
        guard let end = rest.firstIndex(of: quote) else { return nil }
        keys.append(String(rest[..<end]))
        rest = rest[rest.index(after: end)...]
        guard rest.first == "]" else { return nil }
        rest = rest.dropFirst()
      } else {
        return nil
      }
    }
    return keys
  }

  /// Jinja's lookup on dicts: a missing last key renders cloud-init's placeholder; going on
  /// from a missing key raises UndefinedError.
  private static func lookup(_ path: [String], in variables: YAMLNode) -> Lookup {
    var node: YAMLNode? = variables
    var describe = "dict object"
    for (index, key) in path.enumerated() {
      guard let current = node else {
        let previous = path[index - 1]
        return .error(index == 1 ? "'\(previous)' is undefined" : "'\(describe)' has no attribute '\(previous)'")
      }
      if case .mapping(let mapping) = current.value {
        node = mapping[key]
        describe = "dict object"
      } else {
        node = nil
        describe = "\(current.value.typeName) object"
      }
    }
    guard let value = node else { return .missing(path.last ?? "") }
    if case .string(let text) = value.value { return .value(text) }
    return .value(PythonRepr.repr(value.value))
  }
}

extension String {
  fileprivate func replacingDash() -> String {
    String(map { $0 == "-" ? "_" : $0 })
  }
}
