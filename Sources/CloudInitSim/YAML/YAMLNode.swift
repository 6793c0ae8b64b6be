import BigInt

/// A loaded YAML value with the place it was written.
public struct YAMLNode: Sendable, Equatable {
  /// The value, typed as PyYAML's SafeLoader constructs it.
  public var value: YAMLValue
  /// Where the value starts (its anchor or tag, if it has one).
  public var mark: SourceMark

  /// Creates a node.
  public init(_ value: YAMLValue, mark: SourceMark) {
    self.value = value
    self.mark = mark
  }
}

/// A value as PyYAML's `safe_load` produces it, one case per Python type it can return.
public enum YAMLValue: Sendable, Equatable {
  /// `None`.
  case null
  /// `bool`.
  case bool(Bool)
  /// `int`, of any size.
  case int(BigInt)
  /// `float`, including infinities and NaN.
  case float(Double)
  /// `str`.
  case string(String)
  /// `datetime.date` or `datetime.datetime`.
  case timestamp(YAMLTimestamp)
  /// `bytes`, from `!!binary`.
  case binary([UInt8])
  /// `list` (also `!!omap` and `!!pairs`, which PyYAML builds as lists of 2-tuples).
  case sequence([YAMLNode])
  /// `dict`, in insertion order.
  case mapping(YAMLMapping)
  /// `set`, from `!!set`, in source order.
  case set([YAMLNode])

  /// The Python type name, for messages ("expected a list, got str").
  public var typeName: String {
    switch self {
    case .null: "null"
    case .bool: "bool"
    case .int: "int"
    case .float: "float"
    case .string: "str"
    case .timestamp(let stamp): stamp.time == nil ? "date" : "datetime"
    case .binary: "bytes"
    case .sequence: "list"
    case .mapping: "dict"
    case .set: "set"
    }
  }
}

/// A mapping in insertion order, as a Python `dict`: keys are unique under Python equality.
public struct YAMLMapping: Sendable, Equatable {
  /// One key and its value.
  public struct Entry: Sendable, Equatable {
    /// The key node (the first occurrence: a later duplicate replaces only the value).
    public var key: YAMLNode
    /// The value node (the last occurrence).
    public var value: YAMLNode

    /// Creates an entry.
    public init(key: YAMLNode, value: YAMLNode) {
      self.key = key
      self.value = value
    }
  }

  /// The entries in dict order.
  public var entries: [Entry]

  /// Creates a mapping from entries whose keys are already unique.
  public init(entries: [Entry] = []) {
    self.entries = entries
  }

  /// The value for a string key, if present.
  public subscript(key: String) -> YAMLNode? {
    entries.first { $0.key.value == .string(key) }?.value
  }

  /// True when every key is a string, so the mapping reads as a JSON object.
  public var hasOnlyStringKeys: Bool {
    entries.allSatisfy { if case .string = $0.key.value { true } else { false } }
  }
}
