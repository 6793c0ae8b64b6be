/// Turns raw user-data into the parts cloud-init's handlers see, as `user_data.py`
/// `UserDataProcessor.process` does in the modelled version: gzip, MIME, type sniffing,
/// `#include` (served from a map, never the network), `#cloud-config-archive`.
public struct UserDataProcessor: Sendable {
  /// The cloud-init version whose rules apply.
  public var version: CloudInitVersion
  /// Bodies served for `#include` URLs (what `--include-url URL=FILE` gives).
  public var includes: [String: [UInt8]]
  /// The instance's launch index (EC2: `ami-launch-index`, usually 0); nil for datasources
  /// without one, which keep every part.
  public var launchIndex: Int?
  /// The bounds past which the input is refused.
  public var limits: UserDataLimits

  /// Creates a processor.
  public init(
    version: CloudInitVersion, includes: [String: [UInt8]] = [:], launchIndex: Int? = nil,
    limits: UserDataLimits = UserDataLimits()
  ) {
    self.version = version
    self.includes = includes
    self.launchIndex = launchIndex
    self.limits = limits
  }

  /// The processed user-data: its parts in order, and problems cloud-init reports or hides.
  public struct Result: Sendable, Equatable {
    /// The parts, named and typed as the handlers see them.
    public var parts: [UserDataPart]
    /// Warnings in cloud-init's words, or the simulator's where cloud-init is silent.
    public var warnings: [String]
    /// What the user-data is: `mime`, `gzip+mime`, `single`, ...
    public var envelope: String
    /// Why processing failed as a whole (22.x raises on a failed include or gzip part: the init
    /// stage stops and no user-data takes effect), if it did.
    public var fatal: String?
    /// The bound the input went past, if it did: then there are no parts and no answer.
    public var refused: UserDataLimits.Exceeded?
  }

  /// `UserDataProcessor.process(blob)` followed by the handler walk.
  public func process(_ raw: [UInt8]) -> Result {
    var state = State()
    if raw.count > limits.maxInputBytes {
      state.refused = UserDataLimits.Exceeded(
        message: "is \(raw.count) bytes; the simulator reads at most \(limits.maxInputBytes) bytes of user-data "
          + "(EC2 accepts 16 KB)")
    } else {
      processBlob(raw, into: &state, depth: 0, includeChain: [])
    }
    let label = state.envelope.isEmpty ? "single" : state.envelope.joined(separator: "+")
    if let refused = state.refused {
      return Result(parts: [], warnings: state.warnings, envelope: label, fatal: nil, refused: refused)
    }
    // features.ERROR_ON_USER_DATA_FAILURE (True from 20.3): the first failure raises, and no
    // user-data takes effect.
    if let fatal = state.fatal {
      return Result(parts: [], warnings: state.warnings, envelope: label, fatal: fatal, refused: nil)
    }
    return Result(parts: filterLaunchIndex(state.attached, warnings: &state.warnings), warnings: state.warnings,
                  envelope: label, fatal: nil, refused: nil)
  }

  /// What processing has produced so far.
  private struct State {
    var attached: [UserDataPart] = []
    var warnings: [String] = []
    var envelope: [String] = []
    var fatal: String?
    var refused: UserDataLimits.Exceeded?
    /// Bytes inflated so far, over every gzip stream: the bound is on the total, or many small
    /// bombs in parts would each pass.
    var inflated = 0
  }

  /// Refuses the input: past a bound, nothing more is processed.
  private func refuse(_ message: String, _ state: inout State) {
    if state.refused == nil { state.refused = UserDataLimits.Exceeded(message: message) }
  }

  /// `_handle_error`: 19.3 warns and goes on; 22.x raises (the first error ends processing).
  private func handleError(_ message: String, _ state: inout State, goingOn: String) {
    if version == .v19_3 {
      state.warnings.append(message + "; " + goingOn)
    } else if state.fatal == nil {
      state.fatal = message
      state.warnings.append(message + "; cloud-init \(version.rawValue) raises: the init stage stops and no user-data takes effect")
    }
  }

  // MARK: - convert_string and _process_msg

  private func processBlob(_ raw: [UInt8], into state: inout State, depth: Int, includeChain: [String]) {
    guard state.refused == nil else { return }
    var bytes = raw
    if Gzip.isCompressed(bytes) {
      // util.decomp_gzip(quiet=True): a failure leaves the bytes as they were.
      do {
        bytes = try Gzip.decompress(bytes, limit: limits.maxInflatedBytes - state.inflated)
        state.inflated += bytes.count
        if depth == 0 { state.envelope.append("gzip") }
      } catch where error.isOverLimit {
        refuse(
          "gzip data inflates to more than \(limits.maxInflatedBytes >> 20) MiB in all (a gzip bomb?); cloud-init would "
            + "inflate all of it in memory. The simulator stops here", &state)
        return
      } catch {
        state.warnings.append("user-data starts like gzip but does not inflate; cloud-init reads the bytes as they are")
      }
    }
    let head = String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased()
    let message: MIMEMessage
    if head.contains("mime-version:") {
      guard let text = String(validating: bytes, as: UTF8.self) else {
        state.warnings.append("MIME user-data is not UTF-8: cloud-init fails with UnicodeDecodeError and processes no user-data")
        return
      }
      do {
        message = try MIMEMessage.parse(text, maxDepth: limits.maxMIMEDepth, maxBytes: limits.maxInflatedBytes)
      } catch .depth {
        refuse(
          "MIME multiparts nested more than \(limits.maxMIMEDepth) deep; Python's email parser recurses once per level "
            + "and stops at its recursion limit. The simulator stops here", &state)
        return
      } catch {
        refuse(
          "nested MIME multiparts hold more than \(limits.maxInflatedBytes >> 20) MiB of text over all levels "
            + "(each level keeps its whole body); the simulator stops here", &state)
        return
      }
      if depth == 0 { state.envelope.append("mime") }
      let count = message.walk().count - 1
      guard count <= limits.maxParts else {
        refuse("a MIME message of \(count) parts; the simulator reads at most \(limits.maxParts)", &state)
        return
      }
      for defect in message.walk().flatMap(\.defects) {
        state.warnings.append("MIME: \(defect) (Python's email parser forgives this; stricter readers such as nodeadm may not)")
      }
    } else {
      message = MIMEMessage(
        headers: [("Content-Type", "text/x-not-multipart")], body: String(decoding: bytes, as: UTF8.self),
        parts: nil, defects: [])
      // Keep the exact bytes for a non-MIME blob.
      var part = Self.rawPart(bytes)
      processPart(&part, into: &state, depth: depth, includeChain: includeChain)
      return
    }
    for sub in message.walk() where sub.mainType != "multipart" {
      var part = Self.decodedPart(sub)
      processPart(&part, into: &state, depth: depth, includeChain: includeChain)
    }
  }

  private static func rawPart(_ bytes: [UInt8]) -> UserDataPart {
    UserDataPart(
      contentType: "text/x-not-multipart", filename: "", payload: bytes, headers: [:], handler: nil, notes: [],
      renderedContentType: nil)
  }

  /// `util.fully_decoded_payload`: transfer encoding undone; text parts decoded.
  private static func decodedPart(_ message: MIMEMessage) -> UserDataPart {
    let encoding = message.header("Content-Transfer-Encoding")?.trimmingPythonWhitespace().lowercased() ?? ""
    var payload: [UInt8]
    var notes: [String] = []
    switch encoding {
    case "base64":
      payload = (try? PythonConversions.base64Decode(message.body.filter { !$0.isWhitespace })) ?? Array(message.body.utf8)
    case "quoted-printable":
      payload = QuotedPrintable.decode(message.body)
    default:
      if message.mainType == "text", message.body.unicodeScalars.contains(where: { !$0.isASCII }) {
        // Python's get_payload(decode=True) turns a non-ASCII str into bytes with
        // raw-unicode-escape, then decodes them as UTF-8 with surrogateescape.
        notes.append(
          "non-ASCII characters in a MIME part without base64 transfer encoding: cloud-init (Python's email "
            + "package) mangles them (é becomes an unpaired surrogate, 中 becomes the text \\u4e2d)")
      }
      payload = Array(message.body.utf8)
    }
    var headers: [String: String] = [:]
    for (name, value) in message.headers where headers[name] == nil {
      headers[name] = value
    }
    return UserDataPart(
      contentType: message.contentType, filename: message.filename ?? "", payload: payload, headers: headers,
      handler: nil, notes: notes, renderedContentType: nil)
  }

  private func processPart(_ part: inout UserDataPart, into state: inout State, depth: Int, includeChain: [String]) {
    guard state.refused == nil else { return }
    var original = part.contentType
    if Self.gzipTypes.contains(original) {
      do {
        part.payload = try Gzip.decompress(part.payload, limit: limits.maxInflatedBytes - state.inflated)
        state.inflated += part.payload.count
        original = "text/plain"
      } catch where error.isOverLimit {
        refuse(
          "the \(original) part takes what gzip inflates past \(limits.maxInflatedBytes >> 20) MiB in all (a gzip bomb?); cloud-init "
            + "would inflate all of it in memory. The simulator stops here", &state)
        return
      } catch {
        handleError(
          "Failed decompressing payload from \(original) of length \(part.payload.count) due to: \(error.message)",
          &state, goingOn: "cloud-init 19.3 skips the part")
        return
      }
    }
    var sniffed: String?
    if sniffedTypes.contains(original) {
      sniffed = Self.typeFromStartsWith(part.payload, version: version)
    }
    part.contentType = sniffed ?? original
    switch part.contentType {
    case "text/x-include-url", "text/x-include-once-url":
      include(part, into: &state, depth: depth, includeChain: includeChain)
    case "text/cloud-config-archive":
      explodeArchive(part, into: &state)
    default:
      attach(&part, into: &state.attached)
    }
  }

  /// `_attach_part`: unnamed parts become `part-NNN`, counting attached parts from 1.
  private func attach(_ part: inout UserDataPart, into attached: inout [UserDataPart]) {
    if part.filename.isEmpty {
      part.filename = "part-" + String(attached.count + 1).leftPadded(3)
    }
    part.handler = Self.handler(for: part.contentType, version: version)
    attached.append(part)
  }

  /// `filters/launch_index.py` with the datasource's launch index: a part whose `Launch-Index`
  /// header (or, for cloud-config, `launch-index:` key, as `_attach_launch_index` copies it)
  /// names another index is dropped; parts without one are kept.
  private func filterLaunchIndex(_ parts: [UserDataPart], warnings: inout [String]) -> [UserDataPart] {
    guard let wanted = launchIndex else { return parts }
    return parts.filter { part in
      var index = part.headers.first { $0.key.lowercased() == "launch-index" }.flatMap { Int($0.value.trimmingPythonWhitespace()) }
      if index == nil, part.contentType == "text/cloud-config",
         let document = try? YAMLLoader().load(part.payload, file: part.filename),
         case .mapping(let mapping) = document.root.value {
        switch mapping["launch-index"]?.value {
        case .int(let number): index = Int(number)
        case .string(let text): index = Int(text.trimmingPythonWhitespace())
        default: break
        }
      }
      guard let index, index != wanted else { return true }
      warnings.append("\(part.filename): Launch-Index \(index) is not this instance's (\(wanted)): cloud-init drops the part")
      return false
    }
  }

  // MARK: - Includes and archives

  private func include(_ part: UserDataPart, into state: inout State, depth: Int, includeChain: [String]) {
    guard depth < limits.maxIncludeDepth else {
      refuse(
        "#include nested more than \(limits.maxIncludeDepth) deep (\(includeChain.joined(separator: " -> "))); "
          + "the simulator stops here", &state)
      return
    }
    for rawLine in part.text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
      var line = Substring(rawLine)
      let lower = line.lowercased()
      if lower.hasPrefix("#include-once") {
        line = line.dropFirst("#include-once".count).drop { $0 == " " || $0 == "\t" }
      } else if lower.hasPrefix("#include") {
        line = line.dropFirst("#include".count).drop { $0 == " " || $0 == "\t" }
      }
      if line.hasPrefix("#") { continue }
      let url = line.trimmingPythonWhitespace()
      if url.isEmpty { continue }
      guard let body = includes[url] else {
        handleError(
          "Fetching from \(url) failed: the simulator fetches nothing (serve it with --include-url URL=FILE)",
          &state, goingOn: "cloud-init 19.3 warns and goes on")
        continue
      }
      if let start = includeChain.firstIndex(of: url) {
        // Plain #include remembers nothing, so cloud-init would fetch the loop again and again
        // until Python's recursion limit ends it.
        refuse(
          "#include loop: \((includeChain[start...] + [url]).joined(separator: " -> ")); cloud-init would fetch it "
            + "again and again until Python's recursion limit stops it. Break the loop", &state)
        return
      }
      processBlob(body, into: &state, depth: depth + 1, includeChain: includeChain + [url])
    }
  }

  /// `_explode_archive`: a YAML list of parts, attached without further processing.
  private func explodeArchive(_ part: UserDataPart, into state: inout State) {
    guard let document = try? YAMLLoader().load(part.payload, file: part.filename.isEmpty ? "archive" : part.filename),
          case .sequence(let entries) = document.root.value else {
      state.warnings.append("#cloud-config-archive is not a YAML list: cloud-init reads it as [] and attaches nothing")
      return
    }
    // Archive entries are parts too.
    guard state.attached.count + entries.count <= limits.maxParts else {
      refuse("a #cloud-config-archive of \(entries.count) parts; the simulator reads at most \(limits.maxParts)", &state)
      return
    }
    for entry in entries {
      var fields: [String: YAMLNode] = [:]
      var order: [String] = []
      switch entry.value {
      case .string(let text):
        fields["content"] = YAMLNode(.string(text), mark: entry.mark)
        order = ["content"]
      case .mapping(let mapping):
        for item in mapping.entries {
          if case .string(let key) = item.key.value {
            fields[key] = item.value
            order.append(key)
          }
        }
      default:
        continue
      }
      let content: [UInt8]
      switch fields["content"]?.value {
      case .string(let text): content = Array(text.utf8)
      case .binary(let bytes): content = bytes
      default: content = []
      }
      var type = ""
      if case .string(let given) = fields["type"]?.value { type = given }
      if type.isEmpty {
        let fallback = fields["content"].map { if case .binary = $0.value { "application/octet-stream" } else { "text/cloud-config" } }
          ?? "text/cloud-config"
        type = Self.typeFromStartsWith(content, version: version) ?? fallback
      }
      var headers: [String: String] = [:]
      for key in order where !["content", "filename", "type", "launch-index", "content-disposition",
                               "number-attachments", "content-type"].contains(key.lowercased()) {
        if case .string(let value) = fields[key]?.value { headers[key] = value } else if let value = fields[key] {
          headers[key] = value.value.pythonLiteral
        }
      }
      var filename = ""
      if case .string(let name) = fields["filename"]?.value { filename = name }
      var exploded = UserDataPart(
        contentType: type.lowercased(), filename: filename, payload: content, headers: headers, handler: nil, notes: [],
        renderedContentType: nil)
      attach(&exploded, into: &state.attached)
    }
  }

  // MARK: - Types

  static let gzipTypes: Set<String> = [
    "application/gzip", "application/gzip-compressed", "application/gzipped", "application/x-compress",
    "application/x-compressed", "application/x-gunzip", "application/x-gzip", "application/x-gzip-compressed",
  ]

  /// The declared types cloud-init sniffs: `TYPE_NEEDED` (+ `text/x-shellscript` from 20.3).
  private var sniffedTypes: Set<String> {
    version == .v19_3
      ? ["text/plain", "text/x-not-multipart"]
      : ["text/plain", "text/x-not-multipart", "text/x-shellscript"]
  }

  /// `handlers.type_from_starts_with`: the longest known prefix of the lower-cased payload
  /// (leading whitespace removed).
  static func typeFromStartsWith(_ payload: [UInt8], version: CloudInitVersion) -> String? {
    guard let text = String(validating: payload, as: UTF8.self) else { return nil }
    // Only the start matters (the longest prefix has 31 characters): lowercasing a whole
    // payload per part made many-part user-data slow.
    let start = Substring(text).drop { PythonConversions.isPythonWhitespace($0.unicodeScalars.first ?? "x") }
    let lower = start.prefix(64).lowercased()
    for (prefix, type) in version == .v19_3 ? startsWith19 : startsWith22 where lower.hasPrefix(prefix) {
      return type
    }
    return nil
  }

  /// `INCLUSION_TYPES_MAP` and the handlers' prefixes, longest first (cloud-init sorts them so).
  private static func startsWithTable(_ version: CloudInitVersion) -> [(String, String)] {
    var prefixes: [(String, String)] = [
      ("#include", "text/x-include-url"), ("#include-once", "text/x-include-once-url"),
      ("#!", "text/x-shellscript"), ("#cloud-config", "text/cloud-config"),
      ("#part-handler", "text/part-handler"), ("#cloud-boothook", "text/cloud-boothook"),
      ("#cloud-config-archive", "text/cloud-config-archive"), ("#cloud-config-jsonp", "text/cloud-config-jsonp"),
      ("## template: jinja", "text/jinja2"),
    ]
    switch version {
    case .v19_3:
      prefixes.append(("#upstart-job", "text/upstart-job"))
    case .v22_2_2:
      for suffix in ["per-boot", "per-instance", "per-once"] {
        prefixes.append(("text/x-shellscript-\(suffix)", "text/x-shellscript-\(suffix)"))
      }
    }
    return prefixes.sorted { $0.0.count > $1.0.count }
  }

  private static let startsWith19 = startsWithTable(.v19_3)
  private static let startsWith22 = startsWithTable(.v22_2_2)

  /// The default handler registered for a content type in this version.
  static func handler(for contentType: String, version: CloudInitVersion) -> UserDataHandler? {
    switch contentType {
    case "text/cloud-config", "text/cloud-config-jsonp": return .cloudConfig
    case "text/x-shellscript": return .shellScript
    case "text/x-shellscript-per-boot", "text/x-shellscript-per-instance", "text/x-shellscript-per-once":
      return version == .v19_3 ? nil : .shellScriptByFrequency
    case "text/cloud-boothook": return .bootHook
    case "text/jinja2": return .jinja
    case "text/upstart-job": return version == .v19_3 ? .upstartJob : nil
    case "text/part-handler": return .partHandler
    default: return nil
    }
  }
}

/// Quoted-printable decoding as Python's `quopri.decodestring`.
enum QuotedPrintable {
  static func decode(_ text: String) -> [UInt8] {
    var output: [UInt8] = []
    let bytes = Array(text.utf8)
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "=") {
        if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") {
          index += 2
          continue
        }
        if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "\r"), bytes[index + 2] == UInt8(ascii: "\n") {
          index += 3
          continue
        }
        if index + 2 < bytes.count, let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
          output.append(value)
          index += 3
          continue
        }
      }
      output.append(byte)
      index += 1
    }
    return output
  }
}

extension String {
  fileprivate func leftPadded(_ width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}

