/// Loads YAML exactly as cloud-init does: PyYAML's `yaml.safe_load`, YAML 1.1 rules.
///
/// libyaml does the scanning and parsing (PyYAML's pure-Python parser is a port of it); the
/// composer, resolver and constructor above it follow PyYAML's code, including its quirks.
public struct YAMLLoader: Sendable {
  /// Which loader's constructors apply.
  public enum Dialect: Sendable {
    /// cloud-init's `safeyaml.load` (19.3 and 22.2.2): PyYAML's SafeLoader plus a constructor
    /// that reads `!!python/unicode` as a string.
    case cloudInit
    /// PyYAML's plain `yaml.safe_load`.
    case safeLoad
  }

  /// Bounds against hostile input.
  public var limits: YAMLLimits
  /// Which loader's constructors apply.
  public var dialect: Dialect

  /// Creates a loader; by default the one cloud-init uses.
  public init(limits: YAMLLimits = YAMLLimits(), dialect: Dialect = .cloudInit) {
    self.limits = limits
    self.dialect = dialect
  }

  /// Loads raw bytes, which cloud-init decodes as UTF-8 before parsing.
  public func load(_ bytes: [UInt8], file: String) throws(YAMLError) -> YAMLDocument {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw Self.decodingError(bytes, file: file)
    }
    return try load(text, file: file)
  }

  /// Loads text.
  public func load(_ text: String, file: String) throws(YAMLError) -> YAMLDocument {
    // Each stage's tree is dropped once the next is built, so a big document never holds all
    // three (composed nodes, Python objects, YAML nodes) at once.
    guard let (object, warnings, differences) = try construct(text, file: file) else {
      return YAMLDocument(
        root: YAMLNode(.null, mark: SourceMark(file: file, line: 1, column: 1)),
        warnings: [], yaml12Differences: [])
    }
    var converter = PythonObjectConverter()
    return YAMLDocument(
      root: converter.node(of: object),
      warnings: warnings,
      // Construction runs breadth first, as PyYAML's does; people read in source order.
      yaml12Differences: differences.sorted { ($0.mark.line, $0.mark.column) < ($1.mark.line, $1.mark.column) })
  }

  /// The constructed Python object of the single document, with what construction noticed;
  /// nil for an empty stream.
  private func construct(
    _ text: String, file: String
  ) throws(YAMLError) -> (PythonObject, [YAMLWarning], [YAML12Difference])? {
    let source = SourceText(file: file, text: text)
    try Self.checkPrintable(source)
    let root: ComposedNode
    do {
      // The composer (libyaml's parser and its copies of the text) goes before construction.
      var composer = YAMLComposer(text: text, source: source, limits: limits)
      guard let document = try composer.singleDocument() else { return nil }
      root = document
    }
    var constructor = YAMLConstructor(source: source, acceptsPythonUnicode: dialect == .cloudInit)
    let object = try constructor.constructDocument(root)
    return (object, constructor.warnings, constructor.yaml12Differences)
  }

  /// PyYAML's `Reader.check_printable`, which runs over the whole text before any parsing, so
  /// a bad character anywhere wins over every syntax error.
  private static func checkPrintable(_ source: SourceText) throws(YAMLError) {
    guard let offset = source.firstNonPrintable else { return }
    let scalar = source.scalars[offset]
    let mark = source.mark(scalarOffset: offset)
    throw YAMLError(
      kind: .reader,
      problem: "unacceptable character #x\(PythonConversions.hex(scalar.value, width: 4)): "
        + "special characters are not allowed",
      mark: mark, sourceLine: source.line(mark.line),
      hint: "remove the control character (often a stray byte from copy and paste)")
  }

  static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF:
      return true
    default:
      return false
    }
  }

  /// Python's `UnicodeDecodeError` for the first byte that is not UTF-8, at its place.
  private static func decodingError(_ bytes: [UInt8], file: String) -> YAMLError {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var position = 0
    var reason = "invalid start byte"
    scanning: while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        position += encoded.count
      case .emptyInput:
        break scanning
      case .error(let length):
        let lead = bytes[position]
        if position + length >= bytes.count, (0xC2...0xF4).contains(lead) {
          reason = "unexpected end of data"
        } else if (0xC2...0xF4).contains(lead) {
          reason = "invalid continuation byte"
        }
        break scanning
      }
    }
    let prefix = String(decoding: bytes[..<position], as: UTF8.self)
    let source = SourceText(file: file, text: prefix)
    let mark = source.mark(scalarOffset: source.scalars.count)
    let byte = PythonConversions.hex(UInt32(bytes[min(position, bytes.count - 1)]), width: 2)
    return YAMLError(
      kind: .reader,
      problem: "'utf-8' codec can't decode byte 0x\(byte) in position \(position): \(reason)",
      mark: mark, sourceLine: source.line(mark.line),
      hint: "cloud-init decodes user-data as UTF-8; save the file as UTF-8")
  }
}
