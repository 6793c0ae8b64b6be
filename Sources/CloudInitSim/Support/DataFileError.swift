/// A data file (profile, scenario) that is valid YAML but not what the simulator expects.
public struct DataFileError: Error, Sendable, Equatable {
  /// Where the problem is.
  public var mark: SourceMark
  /// What is wrong.
  public var problem: String
  /// What to do about it.
  public var hint: String?

  /// Creates an error.
  public init(mark: SourceMark, problem: String, hint: String? = nil) {
    self.mark = mark
    self.problem = problem
    self.hint = hint
  }
}
