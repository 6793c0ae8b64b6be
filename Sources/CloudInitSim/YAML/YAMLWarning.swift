/// Something cloud-init accepts without a word that the user most likely did not mean.
public enum YAMLWarning: Sendable, Equatable {
  /// A key written twice in one mapping: PyYAML keeps the last value, at the first key's place.
  case duplicateKey(key: String, first: SourceMark, second: SourceMark)

  /// Where the warning points.
  public var mark: SourceMark {
    switch self {
    case .duplicateKey(_, _, let second): second
    }
  }

  /// The warning for people.
  public var message: String {
    switch self {
    case .duplicateKey(let key, let first, _):
      "duplicate key '\(key)': this value replaces the one at \(first) "
        + "(cloud-init keeps the last value without a warning)"
    }
  }
}
