internal import CLibYAML

/// One libyaml parse event, copied out of C memory so no libyaml type leaves this file.
struct YAMLEvent {
  enum Kind {
    case streamStart
    case streamEnd
    case documentStart
    case documentEnd
    case alias(anchor: String)
    case scalar(anchor: String?, tag: String?, value: String, plainImplicit: Bool, quotedImplicit: Bool, style: ScalarStyle)
    case sequenceStart(anchor: String?, tag: String?, implicit: Bool, flow: Bool)
    case sequenceEnd
    case mappingStart(anchor: String?, tag: String?, implicit: Bool, flow: Bool)
    case mappingEnd
  }

  /// How a scalar was written; only plain versus quoted matters to resolution.
  enum ScalarStyle {
    case plain, singleQuoted, doubleQuoted, literal, folded
  }

  var kind: Kind
  /// 0-based line and column of the event's first character, as libyaml reports it.
  var startLine: Int
  var startColumn: Int
  /// 0-based line and column just past the event's last character.
  var endLine: Int
  var endColumn: Int
}

/// A libyaml problem, with libyaml's 0-based marks (converted to 1-based in one place, `YAMLError`).
struct LibYAMLProblem: Error {
  enum Stage { case reader, scanner, parser, other }
  var stage: Stage
  var problem: String
  var line: Int
  var column: Int
  /// For reader errors libyaml gives a byte offset rather than a line and column.
  var byteOffset: Int?
  var context: String?
  var contextLine: Int?
  var contextColumn: Int?
}

/// Pulls events from libyaml's parser, owning the parser and the input buffer for its lifetime.
final class LibYAMLEventReader {
  private var parser = yaml_parser_t()
  private let input: UnsafeMutableBufferPointer<UInt8>

  init(bytes: [UInt8]) {
    input = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
    _ = input.initialize(from: bytes)
    yaml_parser_initialize(&parser)
    if let base = input.baseAddress {
      yaml_parser_set_input_string(&parser, base, bytes.count)
    }
  }

  deinit {
    yaml_parser_delete(&parser)
    input.deallocate()
  }

  /// The next event, or the problem libyaml found.
  func next() throws(LibYAMLProblem) -> YAMLEvent {
    var event = yaml_event_t()
    guard yaml_parser_parse(&parser, &event) == 1 else {
      throw currentProblem()
    }
    defer { yaml_event_delete(&event) }
    return YAMLEvent(
      kind: Self.kind(of: event),
      startLine: Int(event.start_mark.line),
      startColumn: Int(event.start_mark.column),
      endLine: Int(event.end_mark.line),
      endColumn: Int(event.end_mark.column)
    )
  }

  private func currentProblem() -> LibYAMLProblem {
    let stage: LibYAMLProblem.Stage
    switch parser.error {
    case YAML_READER_ERROR: stage = .reader
    case YAML_SCANNER_ERROR: stage = .scanner
    case YAML_PARSER_ERROR: stage = .parser
    default: stage = .other
    }
    let problem = parser.problem.map { String(cString: $0) } ?? "unknown libyaml error"
    if stage == .reader {
      return LibYAMLProblem(
        stage: stage, problem: problem, line: 0, column: 0,
        byteOffset: Int(parser.problem_offset), context: nil)
    }
    let context = parser.context.map { String(cString: $0) }
    return LibYAMLProblem(
      stage: stage, problem: problem,
      line: Int(parser.problem_mark.line), column: Int(parser.problem_mark.column),
      byteOffset: nil, context: context,
      contextLine: context == nil ? nil : Int(parser.context_mark.line),
      contextColumn: context == nil ? nil : Int(parser.context_mark.column))
  }

  private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: pointer)
  }

  private static func kind(of event: yaml_event_t) -> YAMLEvent.Kind {
    switch event.type {
    case YAML_STREAM_START_EVENT:
      return .streamStart
    case YAML_STREAM_END_EVENT:
      return .streamEnd
    case YAML_DOCUMENT_START_EVENT:
      return .documentStart
    case YAML_DOCUMENT_END_EVENT:
      return .documentEnd
    case YAML_ALIAS_EVENT:
      return .alias(anchor: string(event.data.alias.anchor) ?? "")
    case YAML_SCALAR_EVENT:
      let scalar = event.data.scalar
      // The value may hold NUL characters (from "\0" escapes), so read it by length.
      let value: String
      if let bytes = scalar.value {
        value = String(decoding: UnsafeBufferPointer(start: bytes, count: Int(scalar.length)), as: UTF8.self)
      } else {
        value = ""
      }
      let style: YAMLEvent.ScalarStyle
      switch scalar.style {
      case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
      case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
      case YAML_LITERAL_SCALAR_STYLE: style = .literal
      case YAML_FOLDED_SCALAR_STYLE: style = .folded
      default: style = .plain
      }
      return .scalar(
        anchor: string(scalar.anchor), tag: string(scalar.tag), value: value,
        plainImplicit: scalar.plain_implicit != 0, quotedImplicit: scalar.quoted_implicit != 0,
        style: style)
    case YAML_SEQUENCE_START_EVENT:
      let start = event.data.sequence_start
      return .sequenceStart(
        anchor: string(start.anchor), tag: string(start.tag), implicit: start.implicit != 0,
        flow: start.style == YAML_FLOW_SEQUENCE_STYLE)
    case YAML_SEQUENCE_END_EVENT:
      return .sequenceEnd
    case YAML_MAPPING_START_EVENT:
      let start = event.data.mapping_start
      return .mappingStart(
        anchor: string(start.anchor), tag: string(start.tag), implicit: start.implicit != 0,
        flow: start.style == YAML_FLOW_MAPPING_STYLE)
    default:
      return .mappingEnd
    }
  }
}
