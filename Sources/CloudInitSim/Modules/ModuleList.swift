/// A stage's module list read exactly as cloud-init reads it (`Modules._read_modules` and
/// `_fixup_modules`, 19.3 and 22.2.2 alike).
public enum ModuleList {
  /// One entry of a stage list.
  public struct Entry: Sendable, Equatable {
    /// The name as written, which cloud-init keeps for messages and semaphores.
    public var rawName: String
    /// `form_module_name`: `-` as `_`, no `.py`, stripped, `cc_` in front.
    public var module: String
    /// A frequency given in the list (`[name, always]`), if valid.
    public var frequencyOverride: String?
    /// Where the entry is written.
    public var mark: SourceMark
  }

  /// What reading the list found.
  public struct Reading: Sendable, Equatable {
    public var entries: [Entry]
    /// cloud-init's warnings (unknown frequency, ...).
    public var warnings: [String]
    /// An error that aborts the whole stage (a non-string name, an item of unknown type).
    public var abort: String?
    /// Where the list itself is, if set.
    public var mark: SourceMark?
  }

  static let frequencies: Set<String> = ["once-per-instance", "always", "once"]

  /// cloud-init's `form_module_name`: the `cc_` module a list entry names.
  public static func formModuleName(_ name: String) -> String {
    // The common case, an ASCII name, without Unicode-aware string operations: this runs for
    // every module of every stage of every boot.
    let utf8 = name.utf8
    if utf8.allSatisfy({ $0 < 128 }) {
      var bytes = utf8.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: "_") : $0 }
      if bytes.count >= 3, bytes[bytes.count - 3] == UInt8(ascii: "."), bytes[bytes.count - 2] | 0x20 == UInt8(ascii: "p"),
         bytes[bytes.count - 1] | 0x20 == UInt8(ascii: "y") {
        bytes.removeLast(3)
      }
      // Python's str.strip(): ASCII whitespace is \t-\r, \x1c-\x1f and space.
      func isSpace(_ byte: UInt8) -> Bool { (9...13).contains(byte) || (28...32).contains(byte) }
      guard let start = bytes.firstIndex(where: { !isSpace($0) }), let end = bytes.lastIndex(where: { !isSpace($0) }) else {
        return ""
      }
      let canonical = String(decoding: bytes[start...end], as: UTF8.self)
      return canonical.hasPrefix("cc_") ? canonical : "cc_" + canonical
    }
    var canonical = name.replacingCharacter("-", with: "_")
    if canonical.lowercased().hasSuffix(".py") { canonical = String(canonical.dropLast(3)) }
    canonical = canonical.trimmingPythonWhitespace()
    if canonical.isEmpty { return "" }
    return canonical.hasPrefix("cc_") ? canonical : "cc_" + canonical
  }

  /// Reads `section` (`cloud_init_modules`, ...) of the merged config.
  public static func read(_ config: YAMLNode, section: String) -> Reading {
    guard case .mapping(let mapping) = config.value, let list = mapping[section] else {
      return Reading(entries: [], warnings: [], abort: nil, mark: nil)
    }
    let items: [YAMLNode]
    switch list.value {
    case .sequence(let nodes), .set(let nodes): items = nodes
    case .string(let text):
      // A string is iterated character by character.
      items = text.unicodeScalars.map { YAMLNode(.string(String($0)), mark: list.mark) }
    case .mapping(let keys): items = keys.entries.map(\.key)
    case .null, .bool(false): return Reading(entries: [], warnings: [], abort: nil, mark: list.mark)
    default:
      return Reading(entries: [], warnings: [], abort: "TypeError: '\(list.value.typeName)' object is not iterable", mark: list.mark)
    }
    var entries: [Entry] = []
    var warnings: [String] = []
    for item in items {
      var raw: String?
      var frequency: String?
      switch item.value {
      case .null, .bool(false), .string(""): continue
      case .sequence(let parts) where parts.isEmpty: continue
      case .mapping(let fields) where fields.entries.isEmpty: continue
      case .string(let text):
        raw = text.trimmingPythonWhitespace()
      case .sequence(let parts):
        guard case .string(let name) = parts[0].value else {
          return Reading(entries: entries, warnings: warnings,
                         abort: "AttributeError: '\(CloudInitMerger.pythonTypeName(parts[0].value))' object has no attribute 'strip'",
                         mark: list.mark)
        }
        raw = name.trimmingPythonWhitespace()
        if parts.count >= 2 {
          guard case .string(let text) = parts[1].value else {
            return Reading(entries: entries, warnings: warnings,
                           abort: "AttributeError: '\(CloudInitMerger.pythonTypeName(parts[1].value))' object has no attribute 'strip'",
                           mark: list.mark)
          }
          frequency = text.trimmingPythonWhitespace()
        }
      case .mapping(let fields):
        guard let nameNode = fields["name"] else { continue }
        guard case .string(let name) = nameNode.value else {
          return Reading(entries: entries, warnings: warnings,
                         abort: "AttributeError: '\(CloudInitMerger.pythonTypeName(nameNode.value))' object has no attribute 'strip'",
                         mark: list.mark)
        }
        raw = name.trimmingPythonWhitespace()
        if let freqNode = fields["frequency"] {
          guard case .string(let text) = freqNode.value else {
            return Reading(entries: entries, warnings: warnings,
                           abort: "AttributeError: '\(CloudInitMerger.pythonTypeName(freqNode.value))' object has no attribute 'strip'",
                           mark: list.mark)
          }
          frequency = text.trimmingPythonWhitespace()
        }
      default:
        return Reading(entries: entries, warnings: warnings,
                       abort: "TypeError: Failed to read '\(item.value.pythonLiteral)' item in config, unknown type \(CloudInitMerger.pythonTypeName(item.value))",
                       mark: list.mark)
      }
      guard let rawName = raw else { continue }
      let module = formModuleName(rawName)
      if module.isEmpty { continue }
      if let given = frequency, !given.isEmpty, !frequencies.contains(given) {
        warnings.append("Config specified module \(rawName) has an unknown frequency \(given)")
        frequency = nil
      }
      entries.append(Entry(
        rawName: rawName, module: module, frequencyOverride: frequency?.isEmpty == true ? nil : frequency, mark: item.mark))
    }
    return Reading(entries: entries, warnings: warnings, abort: nil, mark: list.mark)
  }
}
