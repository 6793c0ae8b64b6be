/// Bounds that keep hostile documents from exhausting time or memory.
public struct YAMLLimits: Sendable, Equatable {
  /// The deepest nesting of collections accepted. PyYAML itself gives up with a Python
  /// `RecursionError` somewhere in the hundreds of levels, so real configs never come close.
  public var maxDepth: Int
  /// The most nodes a document may stand for once every alias is expanded ("billion laughs").
  public var maxExpandedNodes: Int

  /// Creates limits.
  public init(maxDepth: Int = 500, maxExpandedNodes: Int = 1_000_000) {
    self.maxDepth = maxDepth
    self.maxExpandedNodes = maxExpandedNodes
  }
}
