/// A position in a source file: 1-based line and column, counted in Unicode scalars as PyYAML does.
public struct SourceMark: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The file name as given to the loader (a path, or a label such as `<stdin>`).
  public var file: String
  /// The 1-based line.
  public var line: Int
  /// The 1-based column, in Unicode scalars (a tab counts as one).
  public var column: Int

  /// Creates a mark.
  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `file:line:col`, the form compilers use and editors jump to.
  public var description: String { "\(file):\(line):\(column)" }
}
