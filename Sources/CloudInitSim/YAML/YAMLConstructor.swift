import BigInt

/// Turns the node graph into values exactly as PyYAML's `SafeConstructor` does.
///
/// PyYAML constructs collections lazily: a list or dict is created empty and filled by a
/// generator that runs after the collection around it is complete, so nested collections are
/// filled breadth first. The order matters only for which error is reported first in a document
/// with several; it is reproduced with a queue of pending fills.
struct YAMLConstructor {
  private let source: SourceText
  private var constructed: [ObjectIdentifier: PythonObject] = [:]
  private var pendingFills: [(ComposedNode, PythonObject)] = []
  private(set) var warnings: [YAMLWarning] = []
  private(set) var yaml12Differences: [YAML12Difference] = []

  /// Whether `!!python/unicode` reads as a string, as in cloud-init's `_CustomSafeLoader`.
  private let acceptsPythonUnicode: Bool

  init(source: SourceText, acceptsPythonUnicode: Bool) {
    self.source = source
    self.acceptsPythonUnicode = acceptsPythonUnicode
  }

  /// PyYAML's `construct_document`.
  mutating func constructDocument(_ root: ComposedNode) throws(YAMLError) -> PythonObject {
    let object = try construct(root)
    while !pendingFills.isEmpty {
      let round = pendingFills
      pendingFills = []
      for (node, object) in round {
        try fill(object, from: node)
        // Filled, a node no alias can reach lets go of its children: the tree shrinks level by
        // level while the Python objects grow (a merge key reads only anchored or unfilled
        // nodes, and construction makes no new nodes, so no freed node's identity is reused).
        if !node.isAnchored { node.content = .scalar("") }
      }
    }
    return object
  }

  // MARK: - construct_object

  private mutating func construct(_ node: ComposedNode) throws(YAMLError) -> PythonObject {
    if let existing = constructed[ObjectIdentifier(node)] {
      return existing
    }
    let object: PythonObject
    switch node.tag {
    case YAMLTag.seq, YAMLTag.omap, YAMLTag.pairs:
      object = PythonObject(.list([]), mark: node.mark)
      pendingFills.append((node, object))
    case YAMLTag.map:
      object = PythonObject(.dict(PythonDict()), mark: node.mark)
      pendingFills.append((node, object))
    case YAMLTag.set:
      object = PythonObject(.set(PythonDict()), mark: node.mark)
      pendingFills.append((node, object))
    default:
      object = PythonObject(.scalar(try constructScalar(node)), mark: node.mark)
      if node.tag == YAMLTag.float, case .scalar(let text) = node.content, Self.isSharedNaN(text) {
        object.isSharedNaN = true
      }
    }
    // A scalar no alias can reach again needs no entry: a table of every scalar was one of the
    // largest allocations of a big document.
    if node.isAnchored || object.isCollection { constructed[ObjectIdentifier(node)] = object }
    return object
  }

  private mutating func fill(_ object: PythonObject, from node: ComposedNode) throws(YAMLError) {
    switch node.tag {
    case YAMLTag.seq:
      guard case .sequence(let children) = node.content else {
        throw error(nil, nil, "expected a sequence node, but found \(node.kindName)", node.mark)
      }
      var items: [PythonObject] = []
      for child in children {
        items.append(try construct(child))
      }
      object.kind = .list(items)
    case YAMLTag.omap, YAMLTag.pairs:
      object.kind = .list(try constructPairs(node))
    case YAMLTag.map:
      object.kind = .dict(try constructMapping(node))
    default:  // set
      object.kind = .set(try constructMapping(node))
    }
  }

  // MARK: - Mappings

  private mutating func constructMapping(_ node: ComposedNode) throws(YAMLError) -> PythonDict {
    guard case .mapping = node.content else {
      throw error(nil, nil, "expected a mapping node, but found \(node.kindName)", node.mark)
    }
    try flattenMapping(node)
    guard case .mapping(let pairs) = node.content else { return PythonDict() }
    var dict = PythonDict()
    for pair in pairs {
      let key = try construct(pair.key)
      guard key.isHashable else {
        throw error("while constructing a mapping", node.mark, "found unhashable key", pair.key.mark,
                    hint: "a list or mapping cannot be a key; quote the key or restructure")
      }
      let value = try construct(pair.value)
      if let (previousKey, previousFromMerge) = dict.set(key, value, fromMerge: pair.fromMerge),
         !pair.fromMerge, !previousFromMerge {
        warnings.append(.duplicateKey(
          key: describeKey(previousKey), first: previousKey.mark, second: pair.key.mark))
      }
    }
    return dict
  }

  private func describeKey(_ key: PythonObject) -> String {
    if case .scalar(let value) = key.kind {
      if case .string(let text) = value { return text }
      return YAMLScalarText.pythonLiteral(value)
    }
    return "?"
  }

  /// PyYAML's `flatten_mapping`: `<<` pairs are removed and the merged mappings' pairs are put in
  /// front (a list of mappings in reverse, so the first listed wins); `=` keys become strings.
  private mutating func flattenMapping(_ node: ComposedNode) throws(YAMLError) {
    guard case .mapping(var pairs) = node.content else { return }
    var merge: [ComposedNode.Pair] = []
    var index = 0
    while index < pairs.count {
      let pair = pairs[index]
      if pair.key.tag == YAMLTag.merge {
        pairs.remove(at: index)
        switch pair.value.content {
        case .mapping:
          try flattenMapping(pair.value)
          merge += mergedPairs(of: pair.value)
        case .sequence(let subnodes):
          var submerge: [[ComposedNode.Pair]] = []
          for subnode in subnodes {
            guard case .mapping = subnode.content else {
              throw error("while constructing a mapping", node.mark,
                          "expected a mapping for merging, but found \(subnode.kindName)", subnode.mark,
                          hint: "every item of a '<<' list must be a mapping (usually an alias like *base)")
            }
            try flattenMapping(subnode)
            submerge.append(mergedPairs(of: subnode))
          }
          for group in submerge.reversed() { merge += group }
        case .scalar:
          throw error("while constructing a mapping", node.mark,
                      "expected a mapping or list of mappings for merging, but found scalar", pair.value.mark,
                      hint: "'<<' merges a mapping into this one; write '<<: *anchor', or quote '<<' to use it as a key")
        }
      } else {
        if pair.key.tag == YAMLTag.value {
          pair.key.tag = YAMLTag.str
        }
        index += 1
      }
    }
    if !merge.isEmpty {
      pairs = merge + pairs
    }
    node.content = .mapping(pairs)
  }

  private func mergedPairs(of node: ComposedNode) -> [ComposedNode.Pair] {
    guard case .mapping(let pairs) = node.content else { return [] }
    return pairs.map { ComposedNode.Pair(key: $0.key, value: $0.value, fromMerge: true) }
  }

  /// `!!omap` and `!!pairs`: a sequence of one-pair mappings, built as a list of 2-tuples.
  private mutating func constructPairs(_ node: ComposedNode) throws(YAMLError) -> [PythonObject] {
    let context = node.tag == YAMLTag.omap ? "while constructing an ordered map" : "while constructing pairs"
    guard case .sequence(let subnodes) = node.content else {
      throw error(context, node.mark, "expected a sequence, but found \(node.kindName)", node.mark)
    }
    var items: [PythonObject] = []
    for subnode in subnodes {
      guard case .mapping(let pairs) = subnode.content else {
        throw error(context, node.mark, "expected a mapping of length 1, but found \(subnode.kindName)", subnode.mark)
      }
      guard pairs.count == 1, let pair = pairs.first else {
        throw error(context, node.mark, "expected a single mapping item, but found \(pairs.count) items", subnode.mark)
      }
      let key = try construct(pair.key)
      let value = try construct(pair.value)
      items.append(PythonObject(.list([key, value]), mark: subnode.mark))
    }
    return items
  }

  // MARK: - Scalars

  /// The scalar tags SafeConstructor has constructors for.
  private static let scalarTags: Set<String> = [
    YAMLTag.null, YAMLTag.bool, YAMLTag.int, YAMLTag.float, YAMLTag.str, YAMLTag.timestamp, YAMLTag.binary,
  ]

  private mutating func constructScalar(_ node: ComposedNode) throws(YAMLError) -> YAMLValue {
    if acceptsPythonUnicode, node.tag == YAMLTag.pythonUnicode {
      // `construct_python_unicode` is `construct_scalar`: the text as a string.
      guard case .scalar(let text) = node.content else {
        throw error(nil, nil, "expected a scalar node, but found \(node.kindName)", node.mark)
      }
      return .string(text)
    }
    guard Self.scalarTags.contains(node.tag) else {
      throw error(nil, nil, "could not determine a constructor for the tag \(PythonConversions.repr(node.tag))", node.mark,
                  hint: YAMLError.hint(forUnknownTag: node.tag))
    }
    guard case .scalar(let text) = node.content else {
      throw error(nil, nil, "expected a scalar node, but found \(node.kindName)", node.mark)
    }
    let value: YAMLValue
    do {
      if node.tag == YAMLTag.binary {
        // PyYAML turns these two failures into ConstructorErrors of its own wording.
        guard let bad = text.unicodeScalars.firstIndex(where: { !$0.isASCII }) else {
          do {
            return .binary(try PythonConversions.base64Decode(text))
          } catch {
            throw self.error(nil, nil, "failed to decode base64 data: \(error.message)", node.mark)
          }
        }
        throw self.error(
          nil, nil,
          "failed to convert base64 data into ascii: \(PythonConversions.asciiEncodeError(text, firstBad: bad))",
          node.mark)
      }
      value = try Self.scalarValue(tag: node.tag, text: text)
    } catch let error as YAMLError {
      throw error
    } catch let failure as PythonConversions.Failure {
      throw error(nil, nil, "cannot construct \(YAMLTag.display(node.tag)) from \(PythonConversions.repr(text)) "
                  + "(Python raises \(failure.description))", node.mark)
    } catch {
      throw self.error(nil, nil, "cannot construct \(YAMLTag.display(node.tag))", node.mark)
    }
    if node.isPlainImplicit, let difference = YAML12Difference(text: text, yaml11: value, mark: node.mark) {
      yaml12Differences.append(difference)
    }
    return value
  }

  /// The value PyYAML's constructor for `tag` builds from `text`.
  static func scalarValue(tag: String, text: String) throws -> YAMLValue {
    switch tag {
    case YAMLTag.null:
      return .null
    case YAMLTag.bool:
      switch text.lowercased() {
      case "yes", "true", "on": return .bool(true)
      case "no", "false", "off": return .bool(false)
      default: throw PythonConversions.Failure(type: "KeyError", message: PythonConversions.repr(text.lowercased()))
      }
    case YAMLTag.int:
      return .int(try constructInt(text))
    case YAMLTag.float:
      return .float(try constructFloat(text))
    case YAMLTag.timestamp:
      return .timestamp(try YAMLTimestamp.construct(text))
    case YAMLTag.binary:
      return .binary(try PythonConversions.base64Decode(text))
    default:
      return .string(text)
    }
  }

  /// `SafeConstructor.construct_yaml_int`.
  static func constructInt(_ text: String) throws(PythonConversions.Failure) -> BigInt {
    var value = Substring(text.filter { $0 != "_" })
    guard let first = value.first else {
      throw PythonConversions.Failure(type: "IndexError", message: "string index out of range")
    }
    let negative = first == "-"
    if first == "+" || first == "-" { value = value.dropFirst() }
    let sign = BigInt(negative ? -1 : 1)
    if value == "0" { return 0 }
    if value.hasPrefix("0b") { return sign * (try PythonConversions.int(value.dropFirst(2), base: 2)) }
    if value.hasPrefix("0x") { return sign * (try PythonConversions.int(value.dropFirst(2), base: 16)) }
    guard let lead = value.first else {
      throw PythonConversions.Failure(type: "IndexError", message: "string index out of range")
    }
    if lead == "0" { return sign * (try PythonConversions.int(value, base: 8)) }
    if value.utf8.contains(UInt8(ascii: ":")) {
      var result = BigInt(0)
      for part in value.split(separator: ":", omittingEmptySubsequences: false) {
        result = result * 60 + (try PythonConversions.int(part, base: 10))
      }
      return sign * result
    }
    return sign * (try PythonConversions.int(value, base: 10))
  }

  /// Whether `construct_yaml_float` returns its shared `nan_value` object for this text.
  static func isSharedNaN(_ text: String) -> Bool {
    var value = Substring(text.filter { $0 != "_" }.lowercased())
    if let first = value.first, first == "+" || first == "-" { value = value.dropFirst() }
    return value == ".nan"
  }

  /// `SafeConstructor.construct_yaml_float`.
  static func constructFloat(_ text: String) throws(PythonConversions.Failure) -> Double {
    var value = Substring(text.filter { $0 != "_" }.lowercased())
    guard let first = value.first else {
      throw PythonConversions.Failure(type: "IndexError", message: "string index out of range")
    }
    let sign: Double = first == "-" ? -1 : 1
    if first == "+" || first == "-" { value = value.dropFirst() }
    if value == ".inf" { return sign * .infinity }
    if value == ".nan" { return .nan }
    if value.utf8.contains(UInt8(ascii: ":")) {
      // Python converts every part first, then sums from the last part up, multiplying the base
      // by 60 each time; the same order gives the same rounding.
      var parts: [Double] = []
      for part in value.split(separator: ":", omittingEmptySubsequences: false) {
        parts.append(try PythonConversions.float(part))
      }
      var result = 0.0
      var base = 1.0
      for part in parts.reversed() {
        result += part * base
        base *= 60
      }
      return sign * result
    }
    return sign * (try PythonConversions.float(value))
  }

  // MARK: - Errors

  private func error(
    _ context: String?, _ contextMark: SourceMark?, _ problem: String, _ mark: SourceMark, hint: String? = nil
  ) -> YAMLError {
    YAMLError(
      kind: .constructor, problem: problem, mark: mark, context: context, contextMark: contextMark,
      sourceLine: source.line(mark.line), hint: hint)
  }
}
