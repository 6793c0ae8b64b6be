/// One decision a merge made at a key path: which value stayed, which one it met, and why.
public struct MergeEvent: Sendable, Equatable {
  /// What happened to the incoming value.
  public enum Outcome: String, Sendable, Codable {
    /// The key was new: the incoming value was added.
    case added
    /// The existing value stayed; the incoming one was dropped.
    case kept
    /// The incoming value replaced the existing one.
    case replaced
    /// Both lists were joined (`list(append)` / `list(prepend)`) or strings appended.
    case combined
    /// `allow_delete` with an incoming null removed the key.
    case deleted
  }

  /// The keys from the root to the value (`["cloud_final_modules"]`, `["system_info", "distro"]`).
  public var path: [String]
  /// What happened.
  public var outcome: Outcome
  /// The value that was there before this merge step (nil when the key was new).
  public var existing: SourceMark?
  /// The value this merge step brought in.
  public var incoming: SourceMark
  /// The merger rule that decided, in cloud-init's terms.
  public var rule: String
}
