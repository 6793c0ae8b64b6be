/// RFC 6902 JSON Patch as the `jsonpatch` package applies it to the cloud-config buffer for a
/// `#cloud-config-jsonp` part (`CloudConfigPartHandler._merge_patch`).
enum JSONPatch {
  struct Failure: Error, Equatable {
    var message: String
  }

  /// Applies the operations of `patch` (a list of `{op, path, ...}`) to `document`.
  static func apply(_ patch: YAMLNode, to document: YAMLNode) throws(Failure) -> YAMLNode {
    guard case .sequence(let operations) = patch.value else {
      throw Failure(message: "InvalidJsonPatch: Document is expected to be sequence of operations")
    }
    var result = document
    for operation in operations {
      guard case .mapping(let fields) = operation.value else {
        throw Failure(message: "InvalidJsonPatch: Operation must be an object")
      }
      guard case .string(let op) = fields["op"]?.value else {
        throw Failure(message: "InvalidJsonPatch: Operation does not contain 'op' member")
      }
      guard case .string(let pathText) = fields["path"]?.value else {
        throw Failure(message: "InvalidJsonPatch: Operation must have a string 'path' member")
      }
      let path = try pointer(pathText)
      switch op {
      case "add":
        result = try add(try value(fields, "value"), at: path, in: result)
      case "remove":
        result = try remove(at: path, in: result).document
      case "replace":
        _ = try get(path, in: result)
        result = try remove(at: path, in: result).document
        result = try add(try value(fields, "value"), at: path, in: result)
      case "move":
        let from = try pointer(try string(fields, "from"))
        let (moved, removed) = try remove(at: from, in: result)
        result = try add(removed, at: path, in: moved)
      case "copy":
        let from = try pointer(try string(fields, "from"))
        result = try add(try get(from, in: result), at: path, in: result)
      case "test":
        let expected = try value(fields, "value")
        guard try get(path, in: result).canonicalJSON() == expected.canonicalJSON() else {
          throw Failure(message: "JsonPatchTestFailed: \(pathText) is not equal to the given value")
        }
      default:
        throw Failure(message: "InvalidJsonPatch: Unknown operation '\(op)'")
      }
    }
    return result
  }

  private static func value(_ fields: YAMLMapping, _ key: String) throws(Failure) -> YAMLNode {
    guard let value = fields[key] else { throw Failure(message: "InvalidJsonPatch: The operation does not contain a '\(key)' member") }
    return value
  }

  private static func string(_ fields: YAMLMapping, _ key: String) throws(Failure) -> String {
    guard case .string(let text) = try value(fields, key).value else {
      throw Failure(message: "InvalidJsonPatch: '\(key)' must be a string")
    }
    return text
  }

  /// RFC 6901: `/a/b~1c/0`, with `~1` for `/` and `~0` for `~`.
  private static func pointer(_ text: String) throws(Failure) -> [String] {
    if text.isEmpty { return [] }
    guard text.hasPrefix("/") else { throw Failure(message: "JsonPointerException: Location must start with /") }
    return text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
      $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }
  }

  private static func index(_ token: String, count: Int, allowEnd: Bool) throws(Failure) -> Int {
    if allowEnd && token == "-" { return count }
    guard let number = Int(token), number >= 0, token == String(number) else {
      throw Failure(message: "JsonPointerException: '\(token)' is not a valid sequence index")
    }
    guard number < count || (allowEnd && number == count) else {
      throw Failure(message: "JsonPatchConflict: can't insert outside of list")
    }
    return number
  }

  private static func get(_ path: [String], in node: YAMLNode) throws(Failure) -> YAMLNode {
    guard let first = path.first else { return node }
    switch node.value {
    case .mapping(let mapping):
      guard let child = mapping[first] else { throw Failure(message: "JsonPointerException: member '\(first)' not found") }
      return try get(Array(path.dropFirst()), in: child)
    case .sequence(let items):
      return try get(Array(path.dropFirst()), in: items[try index(first, count: items.count, allowEnd: false)])
    default:
      throw Failure(message: "JsonPointerException: Document '\(node.value.typeName)' does not support indexing")
    }
  }

  private static func add(_ value: YAMLNode, at path: [String], in node: YAMLNode) throws(Failure) -> YAMLNode {
    guard let first = path.first else { return value }
    let rest = Array(path.dropFirst())
    switch node.value {
    case .mapping(var mapping):
      if let position = mapping.entries.firstIndex(where: { $0.key.value == .string(first) }) {
        mapping.entries[position].value = rest.isEmpty ? value : try add(value, at: rest, in: mapping.entries[position].value)
      } else {
        guard rest.isEmpty else { throw Failure(message: "JsonPointerException: member '\(first)' not found") }
        mapping.entries.append(YAMLMapping.Entry(key: YAMLNode(.string(first), mark: value.mark), value: value))
      }
      return YAMLNode(.mapping(mapping), mark: node.mark)
    case .sequence(var items):
      let position = try index(first, count: items.count, allowEnd: rest.isEmpty)
      if rest.isEmpty {
        items.insert(value, at: position)
      } else {
        items[position] = try add(value, at: rest, in: items[position])
      }
      return YAMLNode(.sequence(items), mark: node.mark)
    default:
      throw Failure(message: "JsonPointerException: Document '\(node.value.typeName)' does not support indexing")
    }
  }

  private static func remove(at path: [String], in node: YAMLNode) throws(Failure) -> (document: YAMLNode, removed: YAMLNode) {
    guard let first = path.first else { throw Failure(message: "JsonPatchConflict: can't remove the whole document") }
    let rest = Array(path.dropFirst())
    switch node.value {
    case .mapping(var mapping):
      guard let position = mapping.entries.firstIndex(where: { $0.key.value == .string(first) }) else {
        throw Failure(message: "JsonPatchConflict: can't remove a non-existent object '\(first)'")
      }
      if rest.isEmpty {
        let removed = mapping.entries.remove(at: position).value
        return (YAMLNode(.mapping(mapping), mark: node.mark), removed)
      }
      let (child, removed) = try remove(at: rest, in: mapping.entries[position].value)
      mapping.entries[position].value = child
      return (YAMLNode(.mapping(mapping), mark: node.mark), removed)
    case .sequence(var items):
      let position = try index(first, count: items.count, allowEnd: false)
      if rest.isEmpty {
        let removed = items.remove(at: position)
        return (YAMLNode(.sequence(items), mark: node.mark), removed)
      }
      let (child, removed) = try remove(at: rest, in: items[position])
      items[position] = child
      return (YAMLNode(.sequence(items), mark: node.mark), removed)
    default:
      throw Failure(message: "JsonPointerException: Document '\(node.value.typeName)' does not support indexing")
    }
  }
}
