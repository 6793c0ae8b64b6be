/// Bounds that keep hostile documents from exhausting time or memory.
public struct YAMLLimits: Sendable, Equatable {
  /// The deepest nesting of collections accepted. PyYAML itself gives up with a Python
  /// `RecursionError` from about 490 levels (measured: PyYAML 6.0.3, Python 3.11, flow and block
  /// collections), so real configs never come close. The composer is iterative; the passes
  /// after it recurse once per level, which this bound keeps within a normal thread stack.
  public var maxDepth: Int
  /// The most nodes aliases may add to a document once expanded ("billion laughs"); a scalar
  /// weighs one more per 64 bytes, so one long string aliased many times counts too.
  /// PyYAML shares aliased objects and has no bound, but everything after loading here (merging,
  /// rendering, JSON) walks the expanded tree: a 600-byte document expanding to a million nodes
  /// took 1.7 s and printed 38 MB (found by fuzzing). A 16 KB user-data holds a few thousand
  /// nodes, so 100,000 leaves room for any real use of anchors.
  public var maxExpandedNodes: Int

  /// Creates limits.
  public init(maxDepth: Int = 500, maxExpandedNodes: Int = 100_000) {
    self.maxDepth = maxDepth
    self.maxExpandedNodes = maxExpandedNodes
  }
}
