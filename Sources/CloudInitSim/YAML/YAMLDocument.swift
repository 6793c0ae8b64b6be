/// A loaded YAML source: the value cloud-init would see, and what the simulator noticed on the way.
public struct YAMLDocument: Sendable, Equatable {
  /// The document's value; `.null` for an empty stream, as `safe_load` returns `None`.
  public var root: YAMLNode
  /// Things cloud-init accepts silently that are probably mistakes (duplicate keys).
  public var warnings: [YAMLWarning]
  /// Plain scalars that YAML 1.2 tools read differently, in source order.
  public var yaml12Differences: [YAML12Difference]
}
