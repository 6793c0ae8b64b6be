import CloudInitSim

/// The text of `config --parts`: each user-data part as cloud-init's handlers see it.
struct PartsRenderer {
  func render(_ result: UserDataProcessor.Result, role: String) -> String {
    var lines = ["\(role): \(result.envelope), \(result.parts.count) part\(result.parts.count == 1 ? "" : "s")"]
    for (index, part) in result.parts.enumerated() {
      let handler = part.handler?.rawValue ?? "no handler (cloud-init warns and ignores it)"
      var line = "  \(index + 1). \(part.filename)  \(part.contentType)  -> \(handler)"
      if let merge = part.headers["Merge-Type"] ?? part.headers["X-Merge-Type"] { line += "  Merge-Type: \(merge)" }
      if let path = part.writtenTo {
        let full = path.hasPrefix("/") ? path : "/var/lib/cloud/instance/" + path
        line += part.handler == .bootHook ? "  (written to \(full), run at once on every boot)" : "  (written to \(full))"
      }
      lines.append(line)
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
