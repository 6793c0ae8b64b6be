extension YAMLNode {
  /// The document as JSON, every scalar keeping its Python type (see README, "The JSON form").
  ///
  /// Byte for byte what Python's `json.dumps(canon(value), ensure_ascii=False, indent=2)` writes,
  /// so the conformance goldens made by PyYAML compare as text. Types JSON lacks are tagged
  /// objects: `{"!!float": ".inf"}`, `{"!!timestamp": "2001-12-14"}`, `{"!!binary": "base64"}`,
  /// `{"!!set": [...]}`, and `{"!!map": [[key, value], ...]}` for non-string keys.
  public func canonicalJSON() -> String {
    var output = ""
    YAMLJSONWriter(indentStep: 2).write(self, indent: 0, into: &output)
    return output + "\n"
  }
}

/// Writes the canonical JSON form, pretty (`indentStep` spaces) or compact (Python's default
/// `", "` and `": "` separators, used to order set members as the golden script does).
struct YAMLJSONWriter {
  var indentStep: Int?

  func write(_ node: YAMLNode, indent: Int, into output: inout String) {
    switch node.value {
    case .null: output += "null"
    case .bool(let flag): output += flag ? "true" : "false"
    case .int(let number): output += number.description
    case .float(let number):
      if number.isNaN {
        writeTagged("!!float", ".nan", indent: indent, into: &output)
      } else if number.isInfinite {
        writeTagged("!!float", number < 0 ? "-.inf" : ".inf", indent: indent, into: &output)
      } else {
        output += PythonFloatFormat.repr(number)
      }
    case .string(let text): output += Self.quoted(text)
    case .timestamp(let stamp): writeTagged("!!timestamp", stamp.isoFormat, indent: indent, into: &output)
    case .binary(let bytes): writeTagged("!!binary", Base64.encode(bytes), indent: indent, into: &output)
    case .sequence(let items):
      writeArray(items.count, indent: indent, into: &output) { index, inner, output in
        write(items[index], indent: inner, into: &output)
      }
    case .set(let members):
      let compact = YAMLJSONWriter(indentStep: nil)
      let sorted = members.map { member -> (String, YAMLNode) in
        var text = ""
        compact.write(member, indent: 0, into: &text)
        return (text, member)
      }.sorted { $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars) }
      writeObject(1, indent: indent, into: &output) { _, inner, output in
        output += Self.quoted("!!set") + ": "
        writeArray(sorted.count, indent: inner, into: &output) { index, inner, output in
          write(sorted[index].1, indent: inner, into: &output)
        }
      }
    case .mapping(let mapping):
      let entries = mapping.entries
      let isSingleTagLikeKey: Bool = {
        guard entries.count == 1, case .string(let key) = entries[0].key.value else { return false }
        return key.hasPrefix("!!")
      }()
      if mapping.hasOnlyStringKeys && !isSingleTagLikeKey {
        writeObject(entries.count, indent: indent, into: &output) { index, inner, output in
          guard case .string(let key) = entries[index].key.value else { return }
          output += Self.quoted(key) + ": "
          write(entries[index].value, indent: inner, into: &output)
        }
      } else {
        writeObject(1, indent: indent, into: &output) { _, inner, output in
          output += Self.quoted("!!map") + ": "
          writeArray(entries.count, indent: inner, into: &output) { index, inner, output in
            writeArray(2, indent: inner, into: &output) { part, inner, output in
              write(part == 0 ? entries[index].key : entries[index].value, indent: inner, into: &output)
            }
          }
        }
      }
    }
  }

  private func writeTagged(_ tag: String, _ text: String, indent: Int, into output: inout String) {
    writeObject(1, indent: indent, into: &output) { _, _, output in
      output += Self.quoted(tag) + ": " + Self.quoted(text)
    }
  }

  private func writeArray(
    _ count: Int, indent: Int, into output: inout String, item: (Int, Int, inout String) -> Void
  ) {
    writeContainer(open: "[", close: "]", count: count, indent: indent, into: &output, item: item)
  }

  private func writeObject(
    _ count: Int, indent: Int, into output: inout String, item: (Int, Int, inout String) -> Void
  ) {
    writeContainer(open: "{", close: "}", count: count, indent: indent, into: &output, item: item)
  }

  private func writeContainer(
    open: String, close: String, count: Int, indent: Int, into output: inout String,
    item: (Int, Int, inout String) -> Void
  ) {
    guard count > 0 else {
      output += open + close
      return
    }
    output += open
    guard let step = indentStep else {
      for index in 0..<count {
        if index > 0 { output += ", " }
        item(index, 0, &output)
      }
      output += close
      return
    }
    let inner = indent + step
    let innerPad = String(repeating: " ", count: inner)
    for index in 0..<count {
      output += (index > 0 ? ",\n" : "\n") + innerPad
      item(index, inner, &output)
    }
    output += "\n" + String(repeating: " ", count: indent) + close
  }

  /// A JSON string as Python's encoder writes it with `ensure_ascii=False`.
  static func quoted(_ text: String) -> String {
    YAMLValue.jsonQuoted(text)
  }
}

extension YAMLValue {
  /// `text` as a JSON string literal, escaped as Python's `json.dumps(..., ensure_ascii=False)`
  /// escapes it; also readable in messages (control characters become visible escapes).
  public static func jsonQuoted(_ text: String) -> String {
    // Most strings need no escape; they are copied whole.
    if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
      return "\"" + text + "\""
    }
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case "\u{08}": result += "\\b"
      case "\u{0C}": result += "\\f"
      default:
        if scalar.value < 0x20 {
          result += "\\u" + PythonConversions.hex(scalar.value, width: 4)
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }
}

/// Standard base64 with padding and no line breaks (Python's `base64.b64encode`).
enum Base64 {
  private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  static func encode(_ bytes: [UInt8]) -> String {
    var output: [UInt8] = []
    output.reserveCapacity((bytes.count + 2) / 3 * 4)
    var index = 0
    while index < bytes.count {
      let first = bytes[index]
      let second = index + 1 < bytes.count ? bytes[index + 1] : 0
      let third = index + 2 < bytes.count ? bytes[index + 2] : 0
      output.append(alphabet[Int(first >> 2)])
      output.append(alphabet[Int((first & 0x03) << 4 | second >> 4)])
      output.append(index + 1 < bytes.count ? alphabet[Int((second & 0x0F) << 2 | third >> 6)] : UInt8(ascii: "="))
      output.append(index + 2 < bytes.count ? alphabet[Int(third & 0x3F)] : UInt8(ascii: "="))
      index += 3
    }
    return String(decoding: output, as: UTF8.self)
  }
}
