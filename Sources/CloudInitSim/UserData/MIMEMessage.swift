/// A message parsed as leniently as Python's `email` package (compat32) parses it, which is what
/// cloud-init uses: every defect Python forgives is forgiven here too, and recorded.
struct MIMEMessage {
  /// Headers in order, names as written, values unfolded.
  var headers: [(name: String, value: String)]
  /// The body of a non-multipart message, as written (transfer encoding not undone).
  var body: String
  /// The sub-messages of a multipart message whose boundary was found.
  var parts: [MIMEMessage]?
  /// What Python's parser forgave ("missing blank line after the headers", ...).
  var defects: [String]

  /// The first header `name` (case-insensitive), as `msg[name]` gives it.
  func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }

  /// `get_content_type()`: `maintype/subtype` lower-cased, `text/plain` when absent or invalid.
  var contentType: String {
    guard let value = header("Content-Type") else { return "text/plain" }
    let type = value.split(separator: ";", maxSplits: 1).first.map { $0.trimmingPythonWhitespace().lowercased() } ?? ""
    return type.split(separator: "/").count == 2 ? type : "text/plain"
  }

  /// `get_content_maintype()`.
  var mainType: String { String(contentType.split(separator: "/").first ?? "text") }

  /// A parameter of a header (`boundary` of Content-Type, `filename` of Content-Disposition).
  func parameter(_ name: String, of headerName: String) -> String? {
    guard let value = header(headerName) else { return nil }
    for piece in Self.splitParameters(value).dropFirst() {
      guard let equals = piece.firstIndex(of: "=") else { continue }
      let key = piece[..<equals].trimmingPythonWhitespace().lowercased()
      guard key == name.lowercased() else { continue }
      var result = piece[piece.index(after: equals)...].trimmingPythonWhitespace()
      if result.count >= 2, result.hasPrefix("\""), result.hasSuffix("\"") {
        result = String(result.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
      }
      return result
    }
    return nil
  }

  /// `get_filename()`: Content-Disposition's `filename`, else Content-Type's `name`, stripped.
  var filename: String? {
    (parameter("filename", of: "Content-Disposition") ?? parameter("name", of: "Content-Type"))?.trimmingPythonWhitespace()
  }

  /// Splits a header value at the semicolons outside quotes.
  private static func splitParameters(_ value: String) -> [String] {
    var pieces: [String] = []
    var current = ""
    var quoted = false
    for character in value {
      if character == "\"" { quoted.toggle() }
      if character == ";" && !quoted {
        pieces.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    pieces.append(current)
    return pieces
  }

  /// `msg.walk()`: the message, then every part depth first.
  func walk() -> [MIMEMessage] {
    [self] + (parts ?? []).flatMap { $0.walk() }
  }
}

extension MIMEMessage {
  /// A message past the parse's bounds.
  enum TooLarge: Error {
    /// Multiparts nested deeper than `maxDepth`.
    case depth
    /// Nested parts that together hold more than `maxBytes` (each level keeps its own body, so
    /// deep nesting multiplies the text).
    case bytes
  }

  /// `email.message_from_string`, refusing multiparts nested more than `maxDepth` deep or whose
  /// bodies, over all levels, hold more than `maxBytes`.
  static func parse(_ text: String, maxDepth: Int = 100, maxBytes: Int = 64 << 20) throws(TooLarge) -> MIMEMessage {
    var budget = maxBytes
    return try parse(lines: splitLines(text), depth: 0, maxDepth: maxDepth, budget: &budget)
  }

  /// Lines with their line endings, split as Python's feedparser splits (`\r\n`, `\r`, `\n`).
  static func splitLines(_ text: String) -> [String] {
    var lines: [String] = []
    var current = String.UnicodeScalarView()
    var previousCR = false
    for scalar in text.unicodeScalars {
      if previousCR && scalar != "\n" {
        lines.append(String(current))
        current = String.UnicodeScalarView()
      }
      current.append(scalar)
      previousCR = false
      if scalar == "\n" {
        lines.append(String(current))
        current = String.UnicodeScalarView()
      } else if scalar == "\r" {
        previousCR = true
      }
    }
    if !current.isEmpty { lines.append(String(current)) }
    return lines
  }

  private static func stripEnding(_ line: String) -> String {
    var line = line
    while line.hasSuffix("\n") || line.hasSuffix("\r") || line.hasSuffix("\r\n") { line.removeLast() }
    return line
  }

  /// feedparser's `headerRE`: `^(From |[\041-\071\073-\176]*:|[\t ])`.
  private static func looksLikeHeader(_ line: String) -> Bool {
    if line.hasPrefix("From ") || line.hasPrefix(" ") || line.hasPrefix("\t") { return true }
    for scalar in line.unicodeScalars {
      if scalar == ":" { return true }
      guard (0x21...0x7E).contains(scalar.value) else { return false }
    }
    return false
  }

  private static func parse(lines: [String], depth: Int, maxDepth: Int, budget: inout Int) throws(TooLarge) -> MIMEMessage {
    var headers: [(name: String, value: String)] = []
    var defects: [String] = []
    var index = 0
    while index < lines.count {
      let line = lines[index]
      let bare = stripEnding(line)
      if bare.isEmpty {
        index += 1
        break
      }
      guard looksLikeHeader(line) else {
        defects.append("no blank line after the headers: line \"\(bare)\" starts the body")
        break
      }
      if bare.hasPrefix(" ") || bare.hasPrefix("\t") {
        if headers.isEmpty {
          defects.append("a continuation line before any header")
        } else {
          headers[headers.count - 1].value += bare
        }
      } else if let colon = bare.firstIndex(of: ":") {
        let name = String(bare[..<colon])
        let value = String(bare[bare.index(after: colon)...]).drop { $0 == " " || $0 == "\t" }
        headers.append((name, String(value)))
      }
      index += 1
    }
    // A YAML line such as "packages:" looks like a header to Python; after a missing blank line
    // it silently leaves the body. Names no MIME sender uses are the tell.
    let known: Set<String> = [
      "content-type", "content-transfer-encoding", "content-disposition", "content-id", "content-description",
      "mime-version", "merge-type", "launch-index", "number-attachments", "subject", "from", "to", "date",
      "message-id",
    ]
    for header in headers where !known.contains(header.name.lowercased()) && !header.name.lowercased().hasPrefix("x-") {
      defects.append(
        "'\(header.name):' was read as a MIME header, not as content: the blank line between the part's "
          + "headers and its body is probably missing")
    }
    var message = MIMEMessage(headers: headers, body: lines[index...].joined(), parts: nil, defects: defects)
    guard message.mainType == "multipart" else { return message }
    guard depth < maxDepth else { throw .depth }
    budget -= message.body.utf8.count
    guard budget >= 0 else { throw .bytes }
    guard let boundary = message.parameter("boundary", of: "Content-Type") else {
      message.defects.append("multipart without a boundary parameter: no part is found")
      return message
    }
    let separator = "--" + boundary
    var parts: [[String]] = []
    var current: [String]?
    var closed = false
    var preamble = false
    var epilogue = false
    for line in lines[index...] {
      if closed {
        if !stripEnding(line).trimmingPythonWhitespace().isEmpty { epilogue = true }
        continue
      }
      let bare = stripEnding(line)
      if bare.hasPrefix(separator) {
        let rest = bare.dropFirst(separator.count)
        let isEnd = rest.hasPrefix("--")
        let tail = isEnd ? rest.dropFirst(2) : rest
        if tail.allSatisfy({ $0 == " " || $0 == "\t" }) {
          if let finished = current { parts.append(finished) }
          if isEnd {
            current = nil
            closed = true
            continue
          }
          current = []
          continue
        }
      }
      if current == nil, !stripEnding(line).trimmingPythonWhitespace().isEmpty { preamble = true }
      current?.append(line)
    }
    if preamble {
      message.defects.append("text before the first boundary (a preamble): ignored by Python's email parser")
    }
    if epilogue {
      message.defects.append("text after the closing boundary (trailing junk): ignored by Python's email parser")
    }
    if let unfinished = current {
      parts.append(unfinished)
      message.defects.append("the closing boundary '--\(boundary)--' is missing")
    }
    guard !parts.isEmpty || closed else {
      message.defects.append("boundary '\(boundary)' never appears: cloud-init finds no part at all")
      return message
    }
    var nested: [MIMEMessage] = []
    for partLines in parts {
      // The line break before a boundary belongs to the boundary.
      var trimmed = partLines
      if let last = trimmed.last {
        trimmed[trimmed.count - 1] = stripEnding(last)
        if trimmed[trimmed.count - 1].isEmpty { trimmed.removeLast() }
      }
      nested.append(try parse(lines: trimmed, depth: depth + 1, maxDepth: maxDepth, budget: &budget))
    }
    message.parts = nested
    return message
  }
}
