/// Reads a YAML mapping of a data file strictly: every key must be known, required keys must be
/// present, and every value must have the expected type; each failure names the file and line.
struct StrictMapping {
  let node: YAMLNode
  private let entries: [String: YAMLMapping.Entry]

  /// Wraps `node`, which must be a mapping whose keys are all in `allowed`.
  init(_ node: YAMLNode, what: String, allowed: [String]) throws(DataFileError) {
    guard case .mapping(let mapping) = node.value else {
      throw DataFileError(mark: node.mark, problem: "\(what) must be a mapping, not \(node.value.typeName)")
    }
    var entries: [String: YAMLMapping.Entry] = [:]
    for entry in mapping.entries {
      guard case .string(let key) = entry.key.value else {
        throw DataFileError(mark: entry.key.mark, problem: "keys of \(what) must be strings, not \(entry.key.value.typeName)")
      }
      guard allowed.contains(key) else {
        throw DataFileError(
          mark: entry.key.mark, problem: "unknown key '\(key)' in \(what)",
          hint: "expected one of: \(allowed.joined(separator: ", "))")
      }
      entries[key] = entry
    }
    self.node = node
    self.entries = entries
  }

  /// The value node of `key`, or nil when it is absent.
  func optional(_ key: String) -> YAMLNode? {
    entries[key]?.value
  }

  /// The value node of `key`, or an error naming the mapping.
  func required(_ key: String, in what: String) throws(DataFileError) -> YAMLNode {
    guard let value = entries[key]?.value else {
      throw DataFileError(mark: node.mark, problem: "\(what) lacks the required key '\(key)'")
    }
    return value
  }

  func string(_ key: String, in what: String) throws(DataFileError) -> String {
    try Self.string(try required(key, in: what), what: "\(what).\(key)")
  }

  func optionalString(_ key: String, in what: String) throws(DataFileError) -> String? {
    guard let value = optional(key) else { return nil }
    return try Self.string(value, what: "\(what).\(key)")
  }

  func int(_ key: String, in what: String) throws(DataFileError) -> Int {
    let value = try required(key, in: what)
    guard case .int(let number) = value.value, let result = Int(exactly: number) else {
      throw DataFileError(mark: value.mark, problem: "\(what).\(key) must be an integer, not \(value.value.typeName)")
    }
    return result
  }

  func list(_ key: String, in what: String) throws(DataFileError) -> [YAMLNode] {
    let value = try required(key, in: what)
    guard case .sequence(let items) = value.value else {
      throw DataFileError(mark: value.mark, problem: "\(what).\(key) must be a list, not \(value.value.typeName)")
    }
    return items
  }

  func stringList(_ key: String, in what: String) throws(DataFileError) -> [String] {
    var result: [String] = []
    for item in try list(key, in: what) {
      result.append(try Self.string(item, what: "an item of \(what).\(key)"))
    }
    return result
  }

  static func string(_ node: YAMLNode, what: String) throws(DataFileError) -> String {
    guard case .string(let text) = node.value else {
      throw DataFileError(
        mark: node.mark, problem: "\(what) must be a string, not \(node.value.typeName) \(node.value.pythonLiteral)",
        hint: "quote the value: YAML 1.1 reads 22.2 as a float and yes as a boolean")
    }
    return text
  }
}
