/// One part of user-data as cloud-init hands it to a handler.
public struct UserDataPart: Sendable, Equatable {
  /// The content type after cloud-init's sniffing (`text/cloud-config`, `text/x-shellscript`, ...).
  public var contentType: String
  /// The file name: the part's own, or `part-NNN`.
  public var filename: String
  /// The decoded payload.
  public var payload: [UInt8]
  /// The part's headers (`Merge-Type` matters to cloud-config parts).
  public var headers: [String: String]
  /// What handles it in this cloud-init version, or nil when nothing does.
  public var handler: UserDataHandler?
  /// Things a user should know about this part (decoding defects, dropped content).
  public var notes: [String]
  /// For a jinja part: the type its rendered text was handed on as (`text/cloud-config`,
  /// `text/x-shellscript`), when it rendered.
  public var renderedContentType: String?

  /// Where the handler writes the part: relative to `/var/lib/cloud/instance/` for scripts
  /// (`scripts/NAME`, run later by scripts-user) and boothooks (`boothooks/NAME`, run at once,
  /// every boot), absolute for the 22.x per-frequency scripts; nil for parts not written alone.
  public var writtenTo: String? {
    let name = Self.cleanFilename(filename)
    switch handler {
    case .shellScript: return "scripts/" + name
    case .jinja where renderedContentType == "text/x-shellscript": return "scripts/" + name
    case .bootHook: return "boothooks/" + name
    case .shellScriptByFrequency:
      return "/var/lib/cloud/scripts/" + contentType.replacingOccurrences(of: "text/x-shellscript-", with: "") + "/" + name
    default: return nil
    }
  }

  /// `util.clean_filename`: `/` becomes `_`, characters outside `_-.()` and ASCII letters and
  /// digits are dropped, then the name is stripped.
  /// Every allowed character is ASCII, so filtering UTF-8 bytes gives the same name.
  static func cleanFilename(_ name: String) -> String {
    func allowed(_ byte: UInt8) -> Bool {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
        UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"):
        true
      default: false
      }
    }
    let kept = name.utf8.map { $0 == UInt8(ascii: "/") ? UInt8(ascii: "_") : $0 }.filter(allowed)
    return String(decoding: kept, as: UTF8.self).trimmingPythonWhitespace()
  }

  /// The payload as text (UTF-8; invalid bytes replaced).
  public var text: String { String(decoding: payload, as: UTF8.self) }
}

/// cloud-init's built-in part handlers (and the cases where none applies).
public enum UserDataHandler: String, Sendable, Equatable, CaseIterable {
  /// `CloudConfigPartHandler`: merged into `cloud-config.txt`.
  case cloudConfig = "CloudConfigPartHandler"
  /// `ShellScriptPartHandler`: written to `instance/scripts/`, run later by `scripts-user`.
  case shellScript = "ShellScriptPartHandler"
  /// `ShellScriptByFreqPartHandler` (22.x): written to `/var/lib/cloud/scripts/per-*`.
  case shellScriptByFrequency = "ShellScriptByFreqPartHandler"
  /// `BootHookPartHandler`: written and executed at once, on every boot.
  case bootHook = "BootHookPartHandler"
  /// `JinjaTemplatePartHandler`: rendered, then handled as what it renders to.
  case jinja = "JinjaTemplatePartHandler"
  /// `UpstartJobPartHandler` (19.3 only).
  case upstartJob = "UpstartJobPartHandler"
  /// A `#part-handler`: user Python code that handles later parts.
  case partHandler = "PartHandler"
}
