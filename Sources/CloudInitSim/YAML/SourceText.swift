/// The decoded text of one YAML source, indexed by line the way PyYAML counts lines.
///
/// PyYAML breaks lines at `\n`, `\r` (alone or before `\n`), U+0085, U+2028 and U+2029, and
/// counts columns in Unicode scalars, except that a byte order mark never counts as a column.
/// libyaml counts the same way but for byte order marks: it drops one at the very start before
/// counting and counts any other. Marks are converted here, in one place.
struct SourceText {
  let file: String
  let scalars: [Unicode.Scalar]
  /// Index into `scalars` of the first scalar of each line.
  let lineStarts: [Int]
  /// True when the text starts with U+FEFF, which libyaml removes before it counts columns.
  let startsWithBOM: Bool

  /// Offset of the first character PyYAML's reader refuses, if any.
  let firstNonPrintable: Int?
  /// Whether the text holds a tab at all (most do not, and then no tab check is needed).
  let containsTab: Bool

  /// Indexes the text in one pass (it runs on every document, and hostile ones are large).
  init(file: String, text: String) {
    self.file = file
    var scalars: [Unicode.Scalar] = []
    scalars.reserveCapacity(text.utf8.count)
    var starts = [0]
    var firstNonPrintable: Int?
    var containsTab = false
    var previousWasCR = false
    for scalar in text.unicodeScalars {
      let index = scalars.count
      scalars.append(scalar)
      if scalar == "\t" { containsTab = true }
      if firstNonPrintable == nil, !YAMLLoader.isPrintable(scalar) { firstNonPrintable = index }
      // "\r\n" is one line break: the "\r" already started the next line.
      if scalar == "\n", previousWasCR {
        starts[starts.count - 1] = index + 1
      } else if Self.isLineBreak(scalar) {
        starts.append(index + 1)
      }
      previousWasCR = scalar == "\r"
    }
    self.scalars = scalars
    self.lineStarts = starts
    self.startsWithBOM = scalars.first == "\u{FEFF}"
    self.firstNonPrintable = firstNonPrintable
    self.containsTab = containsTab
  }

  static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: true
    default: false
    }
  }

  /// The scalar offset of a libyaml position (0-based line, 0-based column).
  func offset(libyamlLine line: Int, column: Int) -> Int {
    guard line < lineStarts.count else { return scalars.count }
    let shift = line == 0 && startsWithBOM ? 1 : 0
    return min(lineStarts[line] + column + shift, scalars.count)
  }

  /// The mark of a libyaml position.
  func mark(libyamlLine line: Int, column: Int) -> SourceMark {
    mark(scalarOffset: offset(libyamlLine: line, column: column))
  }

  /// The mark of the scalar at `offset` (0-based, in Unicode scalars), with PyYAML's column.
  func mark(scalarOffset offset: Int) -> SourceMark {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
    }
    var column = 1
    var index = lineStarts[low]
    while index < offset, index < scalars.count {
      if scalars[index] != "\u{FEFF}" { column += 1 }
      index += 1
    }
    column += max(0, offset - max(index, lineStarts[low]))
    return SourceMark(file: file, line: low + 1, column: column)
  }

  /// The scalar offset of a UTF-8 byte offset (libyaml reports reader errors by byte).
  func scalarOffset(ofByte byteOffset: Int) -> Int {
    var bytes = 0
    for (index, scalar) in scalars.enumerated() {
      if bytes >= byteOffset { return index }
      bytes += UTF8.width(scalar)
    }
    return scalars.count
  }

  /// The text of a 1-based line, without its line break; empty past the end.
  func line(_ number: Int) -> String {
    guard number >= 1, number <= lineStarts.count else { return "" }
    var index = lineStarts[number - 1]
    var result = String.UnicodeScalarView()
    while index < scalars.count, !Self.isLineBreak(scalars[index]) {
      if scalars[index] != "\u{FEFF}" { result.append(scalars[index]) }
      index += 1
    }
    return String(result)
  }
}
