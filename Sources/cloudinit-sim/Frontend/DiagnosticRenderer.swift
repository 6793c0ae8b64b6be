import CloudInitSim

/// Renders errors and warnings the way compilers do: `file:line:col: error: what`, the source
/// line, a caret under the spot, then what to do.
struct DiagnosticRenderer {
  var terminal: Terminal

  func render(_ error: YAMLError) -> String {
    var lines: [String] = []
    lines.append("\(error.mark): \(terminal.styled("error:", "1;31")) \(error.problem)")
    if let context = error.context {
      if let contextMark = error.contextMark, contextMark != error.mark {
        lines.append("  \(context) at \(contextMark)")
      } else {
        lines.append("  \(context)")
      }
    }
    lines.append(contentsOf: snippet(line: error.sourceLine, mark: error.mark))
    if let hint = error.hint {
      lines.append("\(terminal.styled("hint:", "1;36")) \(hint)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  func render(_ error: ProfileError) -> String {
    switch error {
    case .yaml(let yamlError):
      return render(yamlError)
    case .invalid(let problem):
      return render(problem)
    case .missingFile(let path, let hint):
      return "\(path): \(terminal.styled("error:", "1;31")) missing file\n\(terminal.styled("hint:", "1;36")) \(hint)\n"
    }
  }

  func render(_ error: DataFileError) -> String {
    var text = "\(error.mark): \(terminal.styled("error:", "1;31")) \(error.problem)\n"
    if let hint = error.hint {
      text += "\(terminal.styled("hint:", "1;36")) \(hint)\n"
    }
    return text
  }

  func render(_ warning: YAMLWarning) -> String {
    "\(warning.mark): \(terminal.styled("warning:", "1;33")) \(warning.message)\n"
  }

  /// The source line with a gutter, and a caret under `mark.column`. Tabs show as `→` and
  /// control characters as `·`, because an invisible tab is the most common YAML error of all.
  func snippet(line: String, mark: SourceMark) -> [String] {
    let gutter = String(mark.line)
    let blank = String(repeating: " ", count: gutter.count)
    var visible = ""
    var caretPad = ""
    for (index, scalar) in line.unicodeScalars.enumerated() {
      let shown: String
      switch scalar.value {
      case 0x09: shown = "→"
      case 0x00..<0x20, 0x7F: shown = "·"
      default: shown = String(scalar)
      }
      visible += shown
      if index < mark.column - 1 {
        caretPad += String(repeating: " ", count: shown == String(scalar) ? Self.displayWidth(scalar) : 1)
      }
    }
    return [
      " \(gutter) | \(visible)",
      " \(blank) | \(caretPad)\(terminal.styled("^", "1;32"))",
    ]
  }

  /// Terminal cells a character takes: two for East Asian wide characters and emoji.
  static func displayWidth(_ scalar: Unicode.Scalar) -> Int {
    switch scalar.value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
      return 2
    default:
      return scalar.properties.generalCategory == .nonspacingMark ? 0 : 1
    }
  }
}
