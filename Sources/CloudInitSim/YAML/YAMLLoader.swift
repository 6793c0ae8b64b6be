/// Loads YAML exactly as cloud-init does: PyYAML's `yaml.safe_load`, YAML 1.1 rules.
///
/// libyaml does the scanning and parsing (PyYAML's pure-Python parser is a port of it); the
/// composer, resolver and constructor above it follow PyYAML's code, including its quirks.
public struct YAMLLoader: Sendable {
  /// Bounds against hostile input.
  public var limits: YAMLLimits

  /// Creates a loader.
  public init(limits: YAMLLimits = YAMLLimits()) {
    self.limits = limits
  }

  /// Loads raw bytes, which cloud-init decodes as UTF-8 before parsing.
  public func load(_ bytes: [UInt8], file: String) throws(YAMLError) -> YAMLDocument {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      let valid = Self.validUTF8Prefix(bytes)
      let prefix = String(decoding: bytes[..<valid], as: UTF8.self)
      let source = SourceText(file: file, text: prefix)
      let mark = source.mark(scalarOffset: source.scalars.count)
      let byte = PythonConversions.hex(UInt32(bytes[valid]), width: 2)
      throw YAMLError(
        kind: .reader,
        problem: "'utf-8' codec can't decode byte 0x\(byte) in position \(valid)",
        mark: mark, sourceLine: source.line(mark.line),
        hint: "cloud-init decodes user-data as UTF-8; save the file as UTF-8")
    }
    return try load(text, file: file)
  }

  /// Loads text.
  public func load(_ text: String, file: String) throws(YAMLError) -> YAMLDocument {
    let source = SourceText(file: file, text: text)
    try Self.checkPrintable(source)
    let reader = LibYAMLEventReader(bytes: Array(UnknownDirectives.neutralize(text).utf8))
    var composer = YAMLComposer(reader: reader, source: source, limits: limits)
    guard let root = try composer.singleDocument() else {
      return YAMLDocument(
        root: YAMLNode(.null, mark: SourceMark(file: file, line: 1, column: 1)),
        warnings: [], yaml12Differences: [])
    }
    var constructor = YAMLConstructor(source: source)
    let object = try constructor.constructDocument(root)
    var converter = PythonObjectConverter()
    return YAMLDocument(
      root: converter.node(of: object),
      warnings: constructor.warnings,
      // Construction runs breadth first, as PyYAML's does; people read in source order.
      yaml12Differences: constructor.yaml12Differences.sorted {
        ($0.mark.line, $0.mark.column) < ($1.mark.line, $1.mark.column)
      })
  }

  /// PyYAML's `Reader.check_printable`, which runs over the whole text before any parsing, so
  /// a bad character anywhere wins over every syntax error.
  private static func checkPrintable(_ source: SourceText) throws(YAMLError) {
    for (offset, scalar) in source.scalars.enumerated() where !isPrintable(scalar) {
      let mark = source.mark(scalarOffset: offset)
      throw YAMLError(
        kind: .reader,
        problem: "unacceptable character #x\(PythonConversions.hex(scalar.value, width: 4)): "
          + "special characters are not allowed",
        mark: mark, sourceLine: source.line(mark.line),
        hint: "remove the control character (often a stray byte from copy and paste)")
    }
  }

  static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF:
      return true
    default:
      return false
    }
  }

  private static func validUTF8Prefix(_ bytes: [UInt8]) -> Int {
    var low = 0
    var high = bytes.count
    // The longest prefix that decodes; a binary search is enough since validity is monotone
    // up to the first bad sequence (allowing for a sequence cut at the end).
    while low < high {
      let middle = (low + high + 1) / 2
      if String(validating: bytes[..<middle], as: UTF8.self) != nil || isTruncatedSequence(bytes[..<middle]) {
        low = middle
      } else {
        high = middle - 1
      }
    }
    return low
  }

  private static func isTruncatedSequence(_ bytes: ArraySlice<UInt8>) -> Bool {
    var end = bytes.endIndex
    var continuation = 0
    while end > bytes.startIndex, bytes[end - 1] & 0xC0 == 0x80, continuation < 3 {
      end -= 1
      continuation += 1
    }
    guard end > bytes.startIndex else { return false }
    return String(validating: bytes[bytes.startIndex..<(end - 1)], as: UTF8.self) != nil
      && bytes[end - 1] >= 0xC0
  }
}
