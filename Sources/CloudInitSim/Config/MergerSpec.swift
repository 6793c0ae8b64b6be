/// Which of cloud-init's mergers apply, with their options, as `merge_how` spells them.
///
/// cloud-init (`cloudinit/mergers/__init__.py`, identical in 19.3 and 22.2.2) accepts the string
/// form `"dict(replace)+list(append)+str()"` (names lower-cased, `-` read as `_`) and the list form
/// `[{name: dict, settings: [replace]}, ...]` (names not lower-cased), and looks mergers up in
/// the order written: the first one that handles a type wins.
public struct MergerSpec: Sendable, Equatable, CustomStringConvertible {
  /// One merger: `dict`, `list` or `str`, and its options as written.
  public struct Merger: Sendable, Equatable {
    /// The merger's name after cloud-init's canonicalisation.
    public var name: String
    /// Its options, e.g. `replace`, `recurse_array`, `allow_delete`.
    public var options: [String]
  }

  /// The mergers in lookup order.
  public var mergers: [Merger]

  /// `mergers.DEF_MERGE_TYPE`, what `util.mergemanydict` applies to a source without `merge_how`.
  public static let configDefault = MergerSpec(mergers: [
    Merger(name: "list", options: []), Merger(name: "dict", options: []), Merger(name: "str", options: []),
  ])

  /// `handlers/cloud_config.py`'s default for user-data cloud-config parts.
  public static let partDefault = MergerSpec(mergers: [
    Merger(name: "dict", options: ["replace"]), Merger(name: "list", options: []), Merger(name: "str", options: []),
  ])

  /// Creates a spec.
  public init(mergers: [Merger]) {
    self.mergers = mergers
  }

  /// The spec in cloud-init's string form.
  public var description: String {
    mergers.map { "\($0.name)(\($0.options.joined(separator: ",")))" }.joined(separator: "+")
  }

  /// A merge_how value that cloud-init cannot use.
  public struct Invalid: Error, Sendable, Equatable {
    /// cloud-init's own words (the Python exception it raises).
    public var message: String
  }

  /// `mergers.string_extract_mergers`.
  public static func parse(_ text: String) throws(Invalid) -> MergerSpec {
    var result: [Merger] = []
    for piece in text.split(separator: "+", omittingEmptySubsequences: false) {
      let name = piece.lowercased().trimmingPythonWhitespace().replacingCharacter("-", with: "_")
      if name.isEmpty { continue }
      // NAME_MTCH: ^[a-zA-Z_][A-Za-z0-9_]*\((.*?)\)$
      guard let open = name.firstIndex(of: "("), name.hasSuffix(")"),
            let first = name.first, first.isASCII, first.isLetter || first == "_",
            name[..<open].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
      else {
        throw Invalid(message: "ValueError: Matcher identifier '\(name)' is not in the right format")
      }
      let inner = name[name.index(after: open)..<name.index(before: name.endIndex)]
      let options = inner.trimmingPythonWhitespace().split(separator: ",", omittingEmptySubsequences: false)
        .map { $0.trimmingPythonWhitespace().lowercased() }
        .filter { !$0.isEmpty }
      result.append(Merger(name: String(name[..<open]), options: options))
    }
    return MergerSpec(mergers: result)
  }

  /// `mergers.dict_extract_mergers` on the value of a `merge_how` or `merge_type` key.
  public static func parse(_ node: YAMLNode) throws(Invalid) -> MergerSpec {
    switch node.value {
    case .string(let text):
      return try parse(text)
    case .sequence(let items):
      var result: [Merger] = []
      for item in items {
        switch item.value {
        case .mapping(let mapping):
          guard case .string(let rawName) = mapping["name"]?.value else {
            throw Invalid(message: "KeyError: 'name'")
          }
          guard let settings = mapping["settings"] else {
            throw Invalid(message: "KeyError: 'settings'")
          }
          let name = rawName.replacingCharacter("-", with: "_").trimmingPythonWhitespace()
          guard case .sequence(let optionNodes) = settings.value else {
            throw Invalid(message: "merge_how settings must be a list")
          }
          let options = optionNodes.compactMap { if case .string(let text) = $0.value { text } else { nil } }
          if !name.isEmpty { result.append(Merger(name: name, options: options)) }
        case .sequence(let parts):
          let strings = parts.compactMap { if case .string(let text) = $0.value { text } else { nil } }
          guard let name = strings.first else { continue }
          if !name.isEmpty { result.append(Merger(name: name, options: Array(strings.dropFirst()))) }
        default:
          throw Invalid(message: "merge_how list items must be mappings ({name: dict, settings: [...]}) or lists")
        }
      }
      return MergerSpec(mergers: result)
    default:
      throw Invalid(message: "merge_how must be a string or a list, not \(node.value.typeName)")
    }
  }

  /// `mergers.construct`: every name must be one of cloud-init's merger modules.
  func validated() throws(Invalid) -> MergerSpec {
    for merger in mergers where !["dict", "list", "str"].contains(merger.name) {
      throw Invalid(
        message: "ImportError: Could not find merger module named 'm_\(merger.name)' with attribute 'Merger'")
    }
    return self
  }
}

extension StringProtocol {
  /// Python's `str.strip()`.
  func trimmingPythonWhitespace() -> String {
    String(String.UnicodeScalarView(Substring(self).unicodeScalars
      .drop(while: PythonConversions.isPythonWhitespace)
      .reversed().drop(while: PythonConversions.isPythonWhitespace).reversed()))
  }

  func replacingCharacter(_ target: Character, with replacement: Character) -> String {
    String(map { $0 == target ? replacement : $0 })
  }
}
