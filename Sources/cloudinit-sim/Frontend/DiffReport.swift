import CloudInitSim

/// The report of `diff`, in text, JSON (`schemaVersion` 1) and Markdown.
struct DiffReport {
  var diff: SimulationDiff
  var before: String
  var after: String

  func text(terminal: Terminal) -> String {
    var lines = ["--- \(before)", "+++ \(after)"]
    if diff.isEmpty {
      lines.append("no module decision, package verdict, merged-config key or finding changed")
      return lines.joined(separator: "\n") + "\n"
    }
    if !diff.modules.isEmpty {
      lines += ["", terminal.styled("modules", "1")]
      lines += diff.modules.map { "  " + moduleLine($0) }
    }
    if !diff.packages.isEmpty {
      lines += ["", terminal.styled("packages", "1")]
      lines += diff.packages.map { "  " + packageLine($0) }
    }
    if !diff.config.isEmpty {
      lines += ["", terminal.styled("merged config", "1")]
      for change in diff.config {
        lines.append("  \(change.key): \(summary(change))")
        lines.append("    before: \(change.before.map { "set at \($0.mark)" } ?? "not set")")
        lines.append("    after:  \(change.after.map { "set at \($0.mark)" } ?? "not set")")
      }
    }
    if !diff.findingsGone.isEmpty || !diff.findingsNew.isEmpty {
      lines += ["", terminal.styled("findings", "1")]
      lines += diff.findingsGone.map { "  - \($0)" } + diff.findingsNew.map { "  + \($0)" }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  func markdown() -> String {
    var lines = ["### cloudinit-sim diff", "", "- before: " + RunReport.code(before, inTable: false), "- after: " + RunReport.code(after, inTable: false), ""]
    if diff.isEmpty { return (lines + ["Nothing that matters changed."]).joined(separator: "\n") + "\n" }
    if !diff.modules.isEmpty { lines += ["#### Modules", ""] + diff.modules.map { "- " + RunReport.cell(moduleLine($0)) } + [""] }
    if !diff.packages.isEmpty { lines += ["#### Packages", ""] + diff.packages.map { "- " + RunReport.cell(packageLine($0)) } + [""] }
    if !diff.config.isEmpty {
      lines += ["#### Merged config", ""]
      lines += diff.config.map {
        "- \(RunReport.code($0.key, inTable: false)): " + RunReport.cell(summary($0))
          + " (before: \($0.before.map { RunReport.code("\($0.mark)", inTable: false) } ?? "not set"); "
          + "after: \($0.after.map { RunReport.code("\($0.mark)", inTable: false) } ?? "not set"))"
      }
    }
    if !diff.findingsGone.isEmpty || !diff.findingsNew.isEmpty {
      lines += ["", "#### Findings", ""]
      lines += diff.findingsGone.map { "- gone: " + RunReport.cell($0) } + diff.findingsNew.map { "- new: " + RunReport.cell($0) }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  func json() -> String {
    let (node, string, object) = (JSONTree.node, JSONTree.string, JSONTree.object)
    func verdict(_ package: PackageVerdict?) -> YAMLNode {
      guard let package else { return node(.null) }
      return object([
        ("installed", node(.bool(package.installed))), ("via", string(package.via.rawValue)),
        ("boot", string(package.boot?.rawValue)), ("stage", string(package.stage?.rawValue)),
      ])
    }
    let root = object([
      ("schemaVersion", node(.int(1))), ("before", string(before)), ("after", string(after)), ("changed", node(.bool(!diff.isEmpty))),
      ("modules", node(.sequence(diff.modules.map {
        object([
          ("boot", node(.int(.init($0.boot)))), ("stage", string($0.stage.rawValue)), ("name", string($0.name)),
          ("before", string($0.before)), ("after", string($0.after)),
          ("detailBefore", string($0.detailBefore)), ("detailAfter", string($0.detailAfter)),
          ("effectBefore", string($0.effectBefore)), ("effectAfter", string($0.effectAfter)),
        ])
      }))),
      ("packages", node(.sequence(diff.packages.map {
        object([("name", string($0.name)), ("before", verdict($0.before)), ("after", verdict($0.after))])
      }))),
      ("findingsGone", node(.sequence(diff.findingsGone.map { string($0) }))),
      ("findingsNew", node(.sequence(diff.findingsNew.map { string($0) }))),
      ("mergedConfig", node(.sequence(diff.config.map {
        object([
          ("key", string($0.key)), ("before", $0.before ?? node(.null)), ("after", $0.after ?? node(.null)),
          ("beforeSetAt", string($0.before.map { "\($0.mark)" })), ("afterSetAt", string($0.after.map { "\($0.mark)" })),
        ])
      }))),
    ])
    return root.canonicalJSON()
  }

  private func moduleLine(_ change: SimulationDiff.ModuleChange) -> String {
    let side = { (decision: String?, detail: String?) in
      decision.map { "\($0) (\(detail ?? ""))" } ?? "not in the list"
    }
    if change.before == change.after, change.before != nil {
      return "boot \(change.boot) \(change.stage.rawValue)/\(change.name): "
        + "\(change.effectBefore ?? "no modelled effect") -> \(change.effectAfter ?? "no modelled effect")"
    }
    return "boot \(change.boot) \(change.stage.rawValue)/\(change.name): "
      + "\(side(change.before, change.detailBefore)) -> \(side(change.after, change.detailAfter))"
  }

  private func packageLine(_ change: SimulationDiff.PackageChange) -> String {
    let side = { (verdict: PackageVerdict?) in
      guard let verdict else { return "not requested" }
      return verdict.installed
        ? "installed (\(verdict.via.rawValue), \(verdict.boot?.rawValue ?? "?") boot, \(verdict.stage?.rawValue ?? "?") stage)"
        : "NOT installed (\(verdict.via.rawValue))"
    }
    return "\(change.name): \(side(change.before)) -> \(side(change.after))"
  }

  /// A list of names reads best as what was added and removed; anything else as before -> after.
  private func summary(_ change: SimulationDiff.ConfigChange) -> String {
    if let old = names(change.before), let new = names(change.after) {
      let added = new.filter { !old.contains($0) }
      let removed = old.filter { !new.contains($0) }
      var parts: [String] = []
      if !added.isEmpty { parts.append("+ " + added.joined(separator: ", ")) }
      if !removed.isEmpty { parts.append("- " + removed.joined(separator: ", ")) }
      if parts.isEmpty { parts.append("same entries, another order") }
      return parts.joined(separator: "; ")
    }
    return "\(value(change.before)) -> \(value(change.after))"
  }

  private func names(_ node: YAMLNode?) -> [String]? {
    guard case .sequence(let items) = node?.value else { return nil }
    let names = items.compactMap { if case .string(let text) = $0.value { text } else { nil } }
    return names.count == items.count ? names : nil
  }

  /// One line of compact JSON, cut at 120 characters.
  private func value(_ node: YAMLNode?) -> String {
    guard let node else { return "(not set)" }
    let text = node.canonicalJSON().split(separator: "\n").map { $0.drop { $0 == " " } }.joined(separator: " ")
    return text.count > 120 ? String(text.prefix(117)) + "..." : text
  }
}
