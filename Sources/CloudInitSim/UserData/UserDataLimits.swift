/// Bounds that keep hostile user-data from exhausting time or memory. cloud-init itself has none
/// of these (it inflates whatever gzip says and recurses until Python's recursion limit); past a
/// bound the simulator refuses the input with `Exceeded` rather than give an answer it cannot
/// stand behind. Every bound is far above anything a cloud accepts: EC2 caps raw user-data at
/// 16 KB, Azure custom data at 64 KB, OpenStack at 64 KB.
public struct UserDataLimits: Sendable, Equatable {
  /// The most raw bytes read (1,024 times EC2's cap).
  public var maxInputBytes: Int
  /// The most bytes all gzip streams of one input may inflate to, together (a gzip bomb stops
  /// here, mid-inflation).
  public var maxInflatedBytes: Int
  /// The most MIME parts in one message, counting nested multiparts.
  public var maxParts: Int
  /// The deepest nesting of multipart inside multipart.
  public var maxMIMEDepth: Int
  /// The deepest chain of `#include` inside included content.
  public var maxIncludeDepth: Int

  /// Creates limits.
  public init(
    maxInputBytes: Int = 16 << 20, maxInflatedBytes: Int = 64 << 20, maxParts: Int = 5_000, maxMIMEDepth: Int = 100,
    maxIncludeDepth: Int = 10
  ) {
    self.maxInputBytes = maxInputBytes
    self.maxInflatedBytes = maxInflatedBytes
    self.maxParts = maxParts
    self.maxMIMEDepth = maxMIMEDepth
    self.maxIncludeDepth = maxIncludeDepth
  }

  /// User-data past one of the bounds: the simulator gives no answer for it.
  public struct Exceeded: Error, Sendable, Equatable {
    /// What was too big, what cloud-init would do with it, and what to do.
    public var message: String
  }
}
