internal import CLibYAML

/// Writes a value back as YAML (block style, keys in their order) that PyYAML reads back to the
/// same value: a string that would resolve to another type is quoted, as PyYAML's representer
/// does, and libyaml's emitter does the escaping.
public enum YAMLEmitter {
  /// A failure of libyaml's emitter (not expected for trees the loader produced).
  public struct Failure: Error, Sendable, Equatable {
    /// libyaml's problem text.
    public var problem: String
  }

  /// The YAML text of `node`.
  public static func emit(_ node: YAMLNode) throws(Failure) -> String {
    let session = EmitterSession()
    try session.emit(node)
    return session.text
  }
}

/// Owns one libyaml emitter and the bytes it writes.
private final class EmitterSession {
  private var emitter = yaml_emitter_t()
  private var output: [UInt8] = []

  var text: String { String(decoding: output, as: UTF8.self) }

  init() {
    yaml_emitter_initialize(&emitter)
    yaml_emitter_set_unicode(&emitter, 1)
    // No folding of long lines: a merged runcmd entry should read as written.
    yaml_emitter_set_width(&emitter, -1)
    yaml_emitter_set_indent(&emitter, 2)
    yaml_emitter_set_output(&emitter, { data, buffer, size in
      guard let data, let buffer else { return 0 }
      let session = Unmanaged<EmitterSession>.fromOpaque(data).takeUnretainedValue()
      session.output.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
      return 1
    }, Unmanaged.passUnretained(self).toOpaque())
  }

  deinit {
    yaml_emitter_delete(&emitter)
  }

  func emit(_ node: YAMLNode) throws(YAMLEmitter.Failure) {
    var event = yaml_event_t()
    yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING)
    try send(&event)
    yaml_document_start_event_initialize(&event, nil, nil, nil, 1)
    try send(&event)
    try emitNode(node)
    yaml_document_end_event_initialize(&event, 1)
    try send(&event)
    yaml_stream_end_event_initialize(&event)
    try send(&event)
  }

  private func send(_ event: inout yaml_event_t) throws(YAMLEmitter.Failure) {
    guard yaml_emitter_emit(&emitter, &event) == 1 else {
      let problem = emitter.problem.map { String(cString: $0) } ?? "libyaml emitter error"
      throw YAMLEmitter.Failure(problem: problem)
    }
  }

  private func emitNode(_ node: YAMLNode) throws(YAMLEmitter.Failure) {
    switch node.value {
    case .null:
      try scalar("null", tag: YAMLTag.null)
    case .bool(let flag):
      try scalar(flag ? "true" : "false", tag: YAMLTag.bool)
    case .int(let number):
      try scalar(number.description, tag: YAMLTag.int)
    case .float(let number):
      try scalar(Self.floatText(number), tag: YAMLTag.float)
    case .string(let text):
      let style = text.contains("\n") ? YAML_LITERAL_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE
      try scalar(text, tag: YAMLTag.str, style: style)
    case .timestamp(let stamp):
      try scalar(stamp.text, tag: YAMLTag.timestamp)
    case .binary(let bytes):
      try scalar(Base64.encode(bytes), tag: YAMLTag.binary, forceTag: true)
    case .sequence(let items):
      try collection(.sequence, tag: YAMLTag.seq, implicit: true) { () throws(YAMLEmitter.Failure) in
        for item in items { try emitNode(item) }
      }
    case .mapping(let mapping):
      try collection(.mapping, tag: YAMLTag.map, implicit: true) { () throws(YAMLEmitter.Failure) in
        for entry in mapping.entries {
          try emitNode(entry.key)
          try emitNode(entry.value)
        }
      }
    case .set(let members):
      try collection(.mapping, tag: YAMLTag.set, implicit: false) { () throws(YAMLEmitter.Failure) in
        for member in members {
          try emitNode(member)
          try scalar("null", tag: YAMLTag.null)
        }
      }
    }
  }

  /// PyYAML's `represent_float`: `repr` in lower case, with `.0` added before a bare exponent so
  /// the text still resolves as a float.
  private static func floatText(_ number: Double) -> String {
    if number.isNaN { return ".nan" }
    if number.isInfinite { return number < 0 ? "-.inf" : ".inf" }
    let text = PythonFloatFormat.repr(number).lowercased()
    if !text.contains("."), let e = text.firstIndex(of: "e") {
      return text[..<e] + ".0" + text[e...]
    }
    return text
  }

  private func scalar(
    _ text: String, tag: String, style: yaml_scalar_style_t = YAML_ANY_SCALAR_STYLE, forceTag: Bool = false
  ) throws(YAMLEmitter.Failure) {
    // Plain is allowed only when PyYAML would read the plain text back with the same tag.
    let plainImplicit = !forceTag && YAMLResolver.resolveScalar(text, plainImplicit: true) == tag
    let quotedImplicit = !forceTag && tag == YAMLTag.str
    var event = yaml_event_t()
    let bytes = Array(text.utf8)
    let tagBytes = Array(tag.utf8) + [0]
    bytes.withUnsafeBufferPointer { value in
      tagBytes.withUnsafeBufferPointer { tagPointer in
        _ = yaml_scalar_event_initialize(
          &event, nil, tagPointer.baseAddress, value.baseAddress ?? tagPointer.baseAddress,
          Int32(bytes.count), plainImplicit ? 1 : 0, quotedImplicit ? 1 : 0, style)
      }
    }
    try send(&event)
  }

  private enum Collection { case sequence, mapping }

  /// A block collection: its start event, whatever `body` emits, its end event.
  private func collection(
    _ kind: Collection, tag: String, implicit: Bool, body: () throws(YAMLEmitter.Failure) -> Void
  ) throws(YAMLEmitter.Failure) {
    var event = yaml_event_t()
    let tagBytes = Array(tag.utf8) + [0]
    tagBytes.withUnsafeBufferPointer { pointer in
      switch kind {
      case .sequence:
        _ = yaml_sequence_start_event_initialize(&event, nil, pointer.baseAddress, implicit ? 1 : 0, YAML_BLOCK_SEQUENCE_STYLE)
      case .mapping:
        _ = yaml_mapping_start_event_initialize(&event, nil, pointer.baseAddress, implicit ? 1 : 0, YAML_BLOCK_MAPPING_STYLE)
      }
    }
    try send(&event)
    try body()
    switch kind {
    case .sequence: yaml_sequence_end_event_initialize(&event)
    case .mapping: yaml_mapping_end_event_initialize(&event)
    }
    try send(&event)
  }
}
