import CloudInitSim

/// The text form of `yaml`: one line per value with its Python type and position, and a note
/// under each value that YAML 1.2 tools read differently.
struct TypedTreeRenderer {
  var terminal: Terminal

  func render(_ document: YAMLDocument) -> String {
    var notes: [SourceMark: YAML12Difference] = [:]
    for difference in document.yaml12Differences {
      notes[difference.mark] = difference
    }
    var lines = ["# \(document.root.mark.file) as cloud-init reads it (PyYAML safe_load, YAML 1.1)"]
    append(document.root, prefix: "", indent: 0, notes: notes, into: &lines)
    if !document.yaml12Differences.isEmpty {
      let count = document.yaml12Differences.count
      lines.append("# \(count) value\(count == 1 ? "" : "s") read differently by YAML 1.2 tools (marked !)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private func append(
    _ node: YAMLNode, prefix: String, indent: Int, notes: [SourceMark: YAML12Difference], into lines: inout [String]
  ) {
    let pad = String(repeating: "  ", count: indent)
    let position = terminal.styled("@\(node.mark.line):\(node.mark.column)", "2")
    lines.append("\(pad)\(prefix)\(Self.summary(node.value))  \(position)")
    if let note = notes[node.mark] {
      lines.append("\(pad)  \(terminal.styled("!", "1;33")) \(note.explanation)")
    }
    switch node.value {
    case .sequence(let items), .set(let items):
      for item in items {
        append(item, prefix: "- ", indent: indent + 1, notes: notes, into: &lines)
      }
    case .mapping(let mapping):
      for entry in mapping.entries {
        if let keyNote = notes[entry.key.mark] {
          lines.append("\(pad)  \(terminal.styled("!", "1;33")) key \(keyNote.explanation)")
        }
        append(entry.value, prefix: Self.keyText(entry.key.value) + ": ", indent: indent + 1, notes: notes, into: &lines)
      }
    default:
      break
    }
  }

  static func keyText(_ key: YAMLValue) -> String {
    if case .string(let text) = key {
      let isSimple = !text.isEmpty && text.unicodeScalars.allSatisfy {
        $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_./".unicodeScalars.contains($0)
      }
      return isSimple ? text : YAMLValue.jsonQuoted(text)
    }
    return "(\(summary(key)))"
  }

  static func summary(_ value: YAMLValue) -> String {
    switch value {
    case .null: "null"
    case .bool(let flag): "bool \(flag)"
    case .int(let number): "int \(number)"
    case .float(let number): "float \(YAMLValue.float(number).pythonLiteral)"
    case .string(let text): "str \(YAMLValue.jsonQuoted(text))"
    case .timestamp(let stamp): "\(stamp.time == nil ? "date" : "datetime") \(stamp.isoFormat)"
    case .binary(let bytes): "bytes (\(bytes.count) bytes)"
    case .sequence(let items): "list (\(items.count) item\(items.count == 1 ? "" : "s"))"
    case .mapping(let mapping): "dict (\(mapping.entries.count) key\(mapping.entries.count == 1 ? "" : "s"))"
    case .set(let items): "set (\(items.count) member\(items.count == 1 ? "" : "s"))"
    }
  }
}
