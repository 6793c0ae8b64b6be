import BigInt

/// Merges two values exactly as cloud-init's `mergers` package does (`LookupMerger` over
/// `m_dict`, `m_list`, `m_str`; unchanged from 19.3 to 22.2.2), recording every decision.
///
/// `merge(existing, incoming)` is cloud-init's `merger.merge(source, merge_with)`: it dispatches on
/// the type of the *existing* value to the first merger that handles it; a type no merger
/// handles (int, bool, null, float, ...) keeps the existing value.
struct CloudInitMerger {
  /// A Python exception raised by the merge.
  struct Failure: Error, Equatable {
    var message: String
  }

  private let dictOptions: MergerSpec.Options?
  private let listOptions: MergerSpec.Options?
  private let strOptions: MergerSpec.Options?
  private let version: CloudInitVersion
  private(set) var events: [MergeEvent] = []

  init(_ spec: MergerSpec, version: CloudInitVersion) {
    // LookupMerger: the first merger with an `_on_<type>` method handles that type.
    dictOptions = spec.mergers.first { $0.module == "m_dict" }?.options
    listOptions = spec.mergers.first { $0.module == "m_list" }?.options
    strOptions = spec.mergers.first { $0.module == "m_str" }?.options
    self.version = version
  }

  mutating func merge(_ existing: YAMLNode, _ incoming: YAMLNode, path: [String] = []) throws(Failure) -> YAMLNode {
    switch existing.value {
    case .mapping(let mapping):
      guard let options = dictOptions else { return keep(existing, incoming, path, "no dict merger") }
      return try mergeDict(existing, mapping, incoming, options: options, path: path)
    case .sequence(let items):
      guard let options = listOptions else { return keep(existing, incoming, path, "no list merger") }
      return try mergeList(existing, items, incoming, options: options, path: path)
    case .string(let text):
      guard let options = strOptions else { return keep(existing, incoming, path, "no str merger") }
      return try mergeString(existing, text, incoming, options: options, path: path)
    default:
      return keep(existing, incoming, path, "no merger handles \(existing.value.typeName)")
    }
  }

  private mutating func keep(_ existing: YAMLNode, _ incoming: YAMLNode, _ path: [String], _ rule: String) -> YAMLNode {
    events.append(MergeEvent(path: path, outcome: .kept, existing: existing.mark, incoming: incoming.mark, rule: rule))
    return existing
  }

  // MARK: - m_dict

  private mutating func mergeDict(
    _ existing: YAMLNode, _ mapping: YAMLMapping, _ incoming: YAMLNode, options: MergerSpec.Options, path: [String]
  ) throws(Failure) -> YAMLNode {
    guard case .mapping(let incomingMapping) = incoming.value else {
      return keep(existing, incoming, path, "dict merger: a \(incoming.value.typeName) does not merge into a dict")
    }
    let replace = options.contains("replace")
    let method = replace ? "dict(replace)" : "dict(no_replace)"
    let recurseString = options.contains("recurse_str")
    let recurseArray = options.contains("recurse_array") || options.contains("recurse_list")
    let allowDelete = options.contains("allow_delete")
    var entries = mapping.entries
    var index: [PythonKey: Int] = [:]
    for (position, entry) in entries.enumerated() {
      if let key = PythonKey(entry.key.value) { index[key] = position }
    }
    var removed = Set<Int>()
    for entry in incomingMapping.entries {
      let keyPath = path + [Self.render(entry.key.value)]
      guard let key = PythonKey(entry.key.value), let position = index[key], !removed.contains(position) else {
        if let key = PythonKey(entry.key.value) { index[key] = entries.count }
        entries.append(entry)
        events.append(MergeEvent(path: keyPath, outcome: .added, existing: nil, incoming: entry.value.mark, rule: method))
        continue
      }
      let old = entries[position].value
      let new = entry.value
      if new.value == .null && allowDelete {
        removed.insert(position)
        events.append(MergeEvent(path: keyPath, outcome: .deleted, existing: old.mark, incoming: new.mark, rule: "\(method) with allow_delete"))
        continue
      }
      let merged: YAMLNode
      if replace {
        merged = new
        events.append(MergeEvent(path: keyPath, outcome: .replaced, existing: old.mark, incoming: new.mark, rule: method))
      } else {
        switch new.value {
        case .sequence where recurseArray:
          merged = try merge(old, new, path: keyPath)
        case .string where recurseString:
          merged = try merge(old, new, path: keyPath)
        case .mapping:
          // recurse_dict is always on ("backwards compat").
          merged = try merge(old, new, path: keyPath)
        default:
          merged = old
          events.append(MergeEvent(path: keyPath, outcome: .kept, existing: old.mark, incoming: new.mark, rule: method))
        }
      }
      entries[position].value = merged
    }
    if !removed.isEmpty {
      entries = entries.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
    }
    return YAMLNode(.mapping(YAMLMapping(entries: entries)), mark: existing.mark)
  }

  // MARK: - m_list

  private mutating func mergeList(
    _ existing: YAMLNode, _ items: [YAMLNode], _ incoming: YAMLNode, options: MergerSpec.Options, path: [String]
  ) throws(Failure) -> YAMLNode {
    // MERGE_TYPES order decides when several are given: append, prepend, replace, no_replace.
    let method = ["append", "prepend", "replace", "no_replace"].first { options.contains($0) } ?? "replace"
    let rule = "list(\(method))"
    let incomingIsList: Bool = if case .sequence = incoming.value { true } else { false }
    if method == "replace" && !incomingIsList {
      events.append(MergeEvent(path: path, outcome: .replaced, existing: existing.mark, incoming: incoming.mark,
                               rule: "\(rule): a \(incoming.value.typeName) replaces the list"))
      return incoming
    }
    if method == "append" || method == "prepend" {
      let incomingItems = try Self.pythonIteration(incoming)
      events.append(MergeEvent(path: path, outcome: .combined, existing: existing.mark, incoming: incoming.mark, rule: rule))
      let joined = method == "append" ? items + incomingItems : incomingItems + items
      return YAMLNode(.sequence(joined), mark: existing.mark)
    }
    // replace / no_replace with a list: index by index over the common length only.
    let incomingItems = try Self.pythonIndexable(incoming)
    let recurseString = options.contains("recurse_str")
    let recurseDict = options.contains("recurse_dict")
    let recurseArray = options.contains("recurse_array") || options.contains("recurse_list")
    var merged = items
    for position in 0..<min(items.count, incomingItems.count) {
      let old = items[position]
      let new = try incomingItems.item(position)
      let itemPath = path + ["[\(position)]"]
      if method == "no_replace" {
        events.append(MergeEvent(path: itemPath, outcome: .kept, existing: old.mark, incoming: new.mark, rule: rule))
        continue
      }
      switch new.value {
      case .sequence where recurseArray, .string where recurseString, .mapping where recurseDict:
        merged[position] = try merge(old, new, path: itemPath)
      default:
        merged[position] = new
        events.append(MergeEvent(path: itemPath, outcome: .replaced, existing: old.mark, incoming: new.mark,
                                 rule: "\(rule): item by item over the shorter list"))
      }
    }
    return YAMLNode(.sequence(merged), mark: existing.mark)
  }

  /// What Python's `list.extend(x)` / `x[i]` see in a non-list: characters of a string, keys of
  /// a dict, members of a set; anything else raises a TypeError.
  private static func pythonIteration(_ node: YAMLNode) throws(Failure) -> [YAMLNode] {
    switch node.value {
    case .sequence(let items): return items
    case .string(let text): return text.unicodeScalars.map { YAMLNode(.string(String($0)), mark: node.mark) }
    case .mapping(let mapping): return mapping.entries.map(\.key)
    case .set(let members): return members
    default: throw Failure(message: "TypeError: '\(pythonTypeName(node.value))' object is not iterable")
    }
  }

  /// What `len(x)` and `x[i]` give for the incoming value of an index-wise list merge.
  private struct Indexable {
    var count: Int
    var item: (Int) throws(Failure) -> YAMLNode
    func item(_ index: Int) throws(Failure) -> YAMLNode { try item(index) }
  }

  private static func pythonIndexable(_ node: YAMLNode) throws(Failure) -> Indexable {
    switch node.value {
    case .sequence(let items):
      return Indexable(count: items.count) { index throws(Failure) in items[index] }
    case .string(let text):
      let characters = text.unicodeScalars.map { YAMLNode(.string(String($0)), mark: node.mark) }
      return Indexable(count: characters.count) { index throws(Failure) in characters[index] }
    case .mapping(let mapping):
      // new_dict[i]: the value of the integer key i, if the dict has one.
      return Indexable(count: mapping.entries.count) { index throws(Failure) in
        guard let entry = mapping.entries.first(where: { PythonKey($0.key.value) == .integer(BigInt(index)) }) else {
          throw Failure(message: "KeyError: \(index)")
        }
        return entry.value
      }
    default:
      throw Failure(message: "TypeError: object of type '\(pythonTypeName(node.value))' has no len()")
    }
  }

  // MARK: - m_str

  private mutating func mergeString(
    _ existing: YAMLNode, _ text: String, _ incoming: YAMLNode, options: MergerSpec.Options, path: [String]
  ) throws(Failure) -> YAMLNode {
    guard options.contains("append") else {
      events.append(MergeEvent(path: path, outcome: .replaced, existing: existing.mark, incoming: incoming.mark, rule: "str()"))
      return incoming
    }
    let addition: String
    if case .string(let text) = incoming.value {
      addition = text
    } else if version == .v19_3 {
      // 19.3: `value + six.text_type(merge_with)`, Python's str() of the value.
      addition = PythonRepr.repr(incoming.value)
    } else {
      throw Failure(message: "TypeError: can only concatenate str (not \"\(Self.pythonTypeName(incoming.value))\") to str")
    }
    events.append(MergeEvent(path: path, outcome: .combined, existing: existing.mark, incoming: incoming.mark, rule: "str(append)"))
    return YAMLNode(.string(text + addition), mark: existing.mark)
  }

  // MARK: - Names

  static func pythonTypeName(_ value: YAMLValue) -> String {
    switch value {
    case .null: "NoneType"
    case .binary: "bytes"
    case .timestamp(let stamp): stamp.time == nil ? "datetime.date" : "datetime.datetime"
    default: value.typeName
    }
  }

  /// A key as a path component: strings as they are, other keys as Python prints them.
  static func render(_ key: YAMLValue) -> String {
    if case .string(let text) = key { return text }
    return key.pythonLiteral
  }
}
