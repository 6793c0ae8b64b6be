extension StringProtocol {
  /// Every occurrence of `target` replaced (the library does not import Foundation for this).
  func replacingOccurrences(of target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
