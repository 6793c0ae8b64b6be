/// A YAML document cloud-init could not load, with the place and the reason.
///
/// The kinds follow PyYAML's error classes, so a message can be compared with what cloud-init
/// logs; `limit` is the simulator's own guard against hostile input.
public struct YAMLError: Error, Sendable, Equatable {
  /// Which stage of loading failed.
  public enum Kind: String, Sendable, Codable {
    /// The bytes are not acceptable text (invalid UTF-8, control characters).
    case reader
    /// A token could not be read (tabs, unclosed quotes, `: ` in a plain value, ...).
    case scanner
    /// Tokens in an order YAML does not allow (bad indentation, unclosed brackets, ...).
    case parser
    /// The node graph is invalid (undefined alias, duplicate anchor, several documents).
    case composer
    /// A node cannot become a value (unknown tag, bad merge, `!!int abc`, unhashable key).
    case constructor
    /// The simulator's bound on nesting depth or alias expansion was exceeded.
    case limit
  }

  /// Which stage of loading failed.
  public var kind: Kind
  /// What is wrong, in PyYAML's or libyaml's words.
  public var problem: String
  /// Where it is wrong.
  public var mark: SourceMark
  /// What was being read when it went wrong ("while parsing a block mapping"), if known.
  public var context: String?
  /// Where that enclosing construct started.
  public var contextMark: SourceMark?
  /// The source line at `mark`, without its line break, for a caret display.
  public var sourceLine: String
  /// What the user can do about it.
  public var hint: String?

  /// Creates an error.
  public init(
    kind: Kind, problem: String, mark: SourceMark, context: String? = nil,
    contextMark: SourceMark? = nil, sourceLine: String = "", hint: String? = nil
  ) {
    self.kind = kind
    self.problem = problem
    self.mark = mark
    self.context = context
    self.contextMark = contextMark
    self.sourceLine = sourceLine
    self.hint = hint
  }
}
