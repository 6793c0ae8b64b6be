/// Checks on raw user-data that cloud-init does not make (or makes silently): the mistakes that
/// make a node come up without its configuration.
public enum EnvelopeCheck {
  /// Warnings for `raw` user-data on a platform accepting `limit` raw bytes.
  public static func warnings(_ raw: [UInt8], processed: UserDataProcessor.Result, limit: Int) -> [String] {
    var warnings: [String] = []
    if raw.count > limit {
      var text = "user-data is \(raw.count) bytes; EC2 accepts at most \(limit) bytes of raw user-data"
      if !Gzip.isCompressed(raw), let compressed = Gzip.compressedSize(raw) {
        text += compressed <= limit
          ? " (gzip -9 makes it \(compressed) bytes, which fits: cloud-init inflates gzip user-data)"
          : " (even gzip -9 makes it \(compressed) bytes)"
      }
      warnings.append(text)
    }
    if looksBase64(raw) {
      warnings.append(
        "user-data looks base64-encoded: EC2 hands it to cloud-init as it is stored, and cloud-init does not decode base64 "
          + "(double encoding is a classic mistake); pass --base64 to see what it decodes to")
    }
    // A leading blank line is harmless (cloud-init strips leading whitespace before it looks at
    // the first characters); a document marker or directive first is not.
    if let text = String(validating: raw.prefix(256), as: UTF8.self) {
      let firstLine = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
      if firstLine.hasPrefix("---") || firstLine.hasPrefix("%YAML") {
        warnings.append(
          "the first line is '\(firstLine)', not '#cloud-config': cloud-init does not recognise the user-data "
            + "(\"Unhandled non-multipart\") and applies none of it")
      }
    }
    for part in processed.parts where part.contentType.hasPrefix("text/x-shellscript") || part.contentType == "text/cloud-boothook" {
      if let firstLine = part.payload.split(separator: UInt8(ascii: "\n"), maxSplits: 1).first, firstLine.last == UInt8(ascii: "\r") {
        warnings.append(
          "\(part.filename): the script has Windows line endings (CRLF): its '#!' line names an interpreter ending in \\r "
            + "and it fails with 'bad interpreter: No such file or directory'")
      }
    }
    return warnings
  }

  /// The whole blob is base64 text of something that looks like user-data.
  static func looksBase64(_ raw: [UInt8]) -> Bool {
    let text = raw.filter { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
    guard text.count >= 16, text.count % 4 == 0 else { return false }
    let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".utf8)
    guard text.allSatisfy({ alphabet.contains($0) }),
          let decoded = try? PythonConversions.base64Decode(String(decoding: text, as: UTF8.self)) else { return false }
    return Gzip.isCompressed(decoded) || decoded.starts(with: Array("#".utf8))
      || String(decoding: decoded.prefix(64), as: UTF8.self).lowercased().contains("content-type")
      || String(decoding: decoded.prefix(64), as: UTF8.self).lowercased().contains("mime-version")
  }

  /// `--base64`: the blob decoded once.
  public static func decodeBase64(_ raw: [UInt8]) -> [UInt8]? {
    try? PythonConversions.base64Decode(String(decoding: raw, as: UTF8.self))
  }
}
