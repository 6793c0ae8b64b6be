/// Which of cloud-init's mergers apply, with their options, as `merge_how` spells them.
///
/// Parsing follows `cloudinit/mergers/__init__.py` (19.3 and 22.2.2 alike) to the letter,
/// including what Python does with odd input: the string form `"dict(replace)+list(append)"`
/// (names lower-cased, `-` read as `_`), the list form `[{name: dict, settings: [replace]}]`
/// (names not lower-cased; `settings` tested with Python's `in`, so a string matches by
/// substring), and list items that are plain strings (taken apart character by character).
public struct MergerSpec: Sendable, Equatable, CustomStringConvertible {
  /// A merger's options as Python's `option in opts` sees them.
  public enum Options: Sendable, Equatable {
    /// A list: an option is present when an item equals it.
    case items([String])
    /// A string: an option is present when it is a substring (`"replace" in "no_replace"`).
    case text(String)

    /// `option in opts`.
    public func contains(_ option: String) -> Bool {
      switch self {
      case .items(let items): items.contains(option)
      case .text(let text): text.contains(option)
      }
    }

    /// The options as written, for messages.
    public var written: String {
      switch self {
      case .items(let items): items.joined(separator: ",")
      case .text(let text): text
      }
    }
  }

  /// One merger: cloud-init's module (`m_dict`, `m_list`, `m_str`) and its options.
  public struct Merger: Sendable, Equatable {
    /// The module the name resolves to (`dict` and `m_dict` are both `m_dict`).
    public var module: String
    /// Its options.
    public var options: Options

    /// Creates a merger.
    public init(module: String, options: Options) {
      self.module = module
      self.options = options
    }
  }

  /// The mergers in lookup order: for each type, the first that handles it decides.
  public var mergers: [Merger]

  /// `mergers.DEF_MERGE_TYPE`, what `util.mergemanydict` applies to a source without `merge_how`.
  public static let configDefault = MergerSpec(mergers: [
    Merger(module: "m_list", options: .items([])), Merger(module: "m_dict", options: .items([])),
    Merger(module: "m_str", options: .items([])),
  ])

  /// `handlers/cloud_config.py`'s default for user-data cloud-config parts.
  public static let partDefault = MergerSpec(mergers: [
    Merger(module: "m_dict", options: .items(["replace"])), Merger(module: "m_list", options: .items([])),
    Merger(module: "m_str", options: .items([])),
  ])

  /// Creates a spec.
  public init(mergers: [Merger]) {
    self.mergers = mergers
  }

  /// The spec in cloud-init's string form.
  public var description: String {
    mergers.map { "\($0.module.dropFirst(2))(\($0.options.written))" }.joined(separator: "+")
  }

  /// A merge_how value that cloud-init fails on.
  public struct Invalid: Error, Sendable, Equatable {
    /// The Python exception cloud-init raises, as `Type: message`.
    public var message: String
  }

  /// `dict_extract_mergers`: removes `merge_how` from `mapping` (and, when that is absent or
  /// null, `merge_type`) and parses it; nil when neither gave a value.
  static func extract(from mapping: inout YAMLMapping) throws(Invalid) -> MergerSpec? {
    var raw: YAMLNode?
    for key in ["merge_how", "merge_type"] where raw == nil || raw?.value == .null {
      if let index = mapping.entries.firstIndex(where: { $0.key.value == .string(key) }) {
        raw = mapping.entries.remove(at: index).value
      }
    }
    guard let raw, raw.value != .null else { return nil }
    return try parse(raw)
  }

  /// The known merger modules.
  static let modules: Set<String> = ["m_dict", "m_list", "m_str"]

  /// `mergers.string_extract_mergers` followed by `mergers.construct`.
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
      result.append(Merger(module: try module(String(name[..<open])), options: .items(options)))
    }
    return MergerSpec(mergers: result)
  }

  /// `mergers.dict_extract_mergers` on a `merge_how`/`merge_type` value, then `construct`.
  public static func parse(_ node: YAMLNode) throws(Invalid) -> MergerSpec {
    let items: [YAMLNode]
    switch node.value {
    case .string(let text):
      return try parse(text)
    case .sequence(let list):
      items = list
    case .set(let members):
      items = members
    case .mapping(let mapping):
      // Iterating a dict gives its keys.
      items = mapping.entries.map(\.key)
    default:
      throw Invalid(message: "TypeError: '\(CloudInitMerger.pythonTypeName(node.value))' object is not iterable")
    }
    var result: [Merger] = []
    for item in items {
      let name: YAMLValue
      let options: YAMLValue
      switch item.value {
      case .mapping(let mapping):
        guard let nameNode = mapping["name"] else { throw Invalid(message: "KeyError: 'name'") }
        guard case .string(let text) = nameNode.value else {
          throw Invalid(message: "AttributeError: '\(CloudInitMerger.pythonTypeName(nameNode.value))' object has no attribute 'replace'")
        }
        name = .string(text.replacingCharacter("-", with: "_").trimmingPythonWhitespace())
        guard let settings = mapping["settings"] else { throw Invalid(message: "KeyError: 'settings'") }
        options = settings.value
      case .string(let text):
        // m[0] and m[1:] of a string: its first character and the rest.
        guard let first = text.unicodeScalars.first else { throw Invalid(message: "IndexError: string index out of range") }
        name = .string(String(first))
        options = .sequence(text.unicodeScalars.dropFirst().map { YAMLNode(.string(String($0)), mark: item.mark) })
      case .sequence(let parts):
        guard let first = parts.first else { throw Invalid(message: "IndexError: list index out of range") }
        name = first.value
        options = .sequence(Array(parts.dropFirst()))
      default:
        throw Invalid(message: "TypeError: '\(CloudInitMerger.pythonTypeName(item.value))' object is not subscriptable")
      }
      guard isTruthy(name) else { continue }
      guard case .string(let nameText) = name else {
        throw Invalid(message: "AttributeError: '\(CloudInitMerger.pythonTypeName(name))' object has no attribute 'startswith'")
      }
      result.append(Merger(module: try module(nameText), options: try pythonContainer(options)))
    }
    return MergerSpec(mergers: result)
  }

  /// `construct`: `dict` becomes `m_dict`; a module that does not exist is an ImportError.
  private static func module(_ name: String) throws(Invalid) -> String {
    let module = name.hasPrefix("m_") ? name : "m_" + name
    guard modules.contains(module) else {
      throw Invalid(
        message: "ImportError: Could not find merger module named '\(module)' with attribute 'Merger' "
          + "(searched ['cloudinit.mergers.\(module)'])")
    }
    return module
  }

  /// What `option in settings` can look at: the items of a list (or the keys of a dict), or the
  /// text of a string; anything else makes `in` raise.
  private static func pythonContainer(_ value: YAMLValue) throws(Invalid) -> Options {
    switch value {
    case .string(let text):
      return .text(text)
    case .sequence(let items), .set(let items):
      return .items(items.compactMap { if case .string(let text) = $0.value { text } else { nil } })
    case .mapping(let mapping):
      return .items(mapping.entries.compactMap { if case .string(let text) = $0.key.value { text } else { nil } })
    default:
      throw Invalid(message: "TypeError: argument of type '\(CloudInitMerger.pythonTypeName(value))' is not iterable")
    }
  }

  /// Python's truth value of a scalar name.
  private static func isTruthy(_ value: YAMLValue) -> Bool {
    switch value {
    case .null: false
    case .bool(let flag): flag
    case .int(let number): number != 0
    case .float(let number): number != 0
    case .string(let text): !text.isEmpty
    case .sequence(let items), .set(let items): !items.isEmpty
    case .mapping(let mapping): !mapping.entries.isEmpty
    case .binary(let bytes): !bytes.isEmpty
    case .timestamp: true
    }
  }
}

extension StringProtocol {
  /// Python's `str.strip()`.
  func trimmingPythonWhitespace() -> String {
    let scalars = Substring(self).unicodeScalars
    guard let start = scalars.firstIndex(where: { !PythonConversions.isPythonWhitespace($0) }),
          let end = scalars.lastIndex(where: { !PythonConversions.isPythonWhitespace($0) })
    else { return "" }
    return String(scalars[start...end])
  }

  func replacingCharacter(_ target: Character, with replacement: Character) -> String {
    String(map { $0 == target ? replacement : $0 })
  }
}
