/// Control characters made visible, so that user-data can never drive the reader's terminal:
/// no cursor moves, no cleared screen, no window title, no bell, no carriage return writing
/// over a line. Every byte the frontend writes passes through here (`Terminal.write`).
enum VisibleText {
  /// `text` with each control character other than newline and tab written as a JSON escape
  /// (`\u001b`, `\r`, `\u0085`): readable in every format, and in JSON output (where such a
  /// character can only stand inside a string) the same value, still valid JSON. With
  /// `keepingStyles`, the styles the frontend itself adds on a terminal (`Terminal.styles`) are
  /// kept; the same sequence from user-data stays too, and can make text bold or coloured but
  /// cannot hide it, move the cursor or set a title.
  static func escaped(_ text: String, keepingStyles: Bool) -> String {
    let scalars = text.unicodeScalars
    guard scalars.contains(where: isControl) else { return text }
    var out = String.UnicodeScalarView()
    var index = scalars.startIndex
    while index < scalars.endIndex {
      let scalar = scalars[index]
      if keepingStyles, scalar == "\u{1B}", let end = styleEnd(scalars, from: index),
         Terminal.styles.contains(String(scalars[scalars.index(index, offsetBy: 2)..<scalars.index(before: end)])) {
        out.append(contentsOf: scalars[index..<end])
        index = end
        continue
      }
      if isControl(scalar) {
        out.append(contentsOf: (scalar == "\r" ? "\\r" : "\\u" + hex(scalar.value)).unicodeScalars)
      } else {
        out.append(scalar)
      }
      index = scalars.index(after: index)
    }
    return String(out)
  }

  /// C0 controls but newline and tab, DEL, and C1 controls.
  static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0A, 0x09: false
    case 0x00...0x1F, 0x7F...0x9F: true
    default: false
    }
  }

  /// The end of an SGR sequence (`ESC [ 0-9; ... m`) starting at `start`, if one does.
  private static func styleEnd(_ scalars: String.UnicodeScalarView, from start: String.UnicodeScalarView.Index) -> String.UnicodeScalarView.Index? {
    var index = scalars.index(after: start)
    guard index < scalars.endIndex, scalars[index] == "[" else { return nil }
    index = scalars.index(after: index)
    while index < scalars.endIndex {
      let scalar = scalars[index]
      if scalar == "m" { return scalars.index(after: index) }
      guard ("0"..."9").contains(scalar) || scalar == ";" else { return nil }
      index = scalars.index(after: index)
    }
    return nil
  }

  private static func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
