import CloudInitSim

/// Builders for the value trees the JSON reports are written from (printed with `canonicalJSON`).
enum JSONTree {
  private static let mark = SourceMark(file: "report", line: 1, column: 1)

  static func node(_ value: YAMLValue) -> YAMLNode { YAMLNode(value, mark: mark) }

  /// A string, or null.
  static func string(_ text: String?) -> YAMLNode { node(text.map { .string($0) } ?? .null) }

  /// An object with its keys in this order.
  static func object(_ pairs: [(String, YAMLNode)]) -> YAMLNode {
    node(.mapping(YAMLMapping(entries: pairs.map { YAMLMapping.Entry(key: node(.string($0.0)), value: $0.1) })))
  }

  /// `{file, line, column}`.
  static func location(_ mark: SourceMark) -> YAMLNode {
    object([("file", string(mark.file)), ("line", node(.int(.init(mark.line)))), ("column", node(.int(.init(mark.column))))])
  }
}
