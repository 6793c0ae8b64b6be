import CloudInitSim

/// The report of `run`, as text for people and as versioned JSON for programs.
struct RunReport {
  var profile: Profile
  var distro: String
  var loaded: SimulationLoader.Loaded
  var plans: [(boot: ModulePipeline.Boot, plan: StagePlan)]
  var packages: [PackageVerdict]
  var upstream: Bool
  /// Findings about the inputs (lists that drop the image's modules, ...).
  var warnings: [String] = []

  static let schemaVersion = 1

  func text(terminal: Terminal) -> String {
    var lines = [
      "\(profile.name): cloud-init \(profile.behaviour.rawValue) on \(distro), boots: \(plans.map(\.boot.rawValue).joined(separator: ", "))"
        + (upstream ? " (upstream cloud-init, without the image's patches)" : ""),
    ]
    for (index, (boot, plan)) in plans.enumerated() {
      if plans.count > 1 {
        lines.append("")
        lines.append(terminal.styled("=== boot \(index + 1): \(boot.rawValue)", "1"))
      }
      for stage in StagePlan.Stage.allCases {
        let decisions = plan.stages[stage] ?? []
        let origin = plan.listMarks[stage].map { " from \($0)" } ?? ""
        lines.append("")
        lines.append(terminal.styled("\(stage.rawValue) stage (\(stage.section)\(origin))", "1"))
        if decisions.isEmpty { lines.append("  no module runs") }
        let width = decisions.map(\.name.count).max() ?? 0
        for decision in decisions {
          let pad = String(repeating: " ", count: width - decision.name.count)
          let verdict = decision.runs ? terminal.styled("run ", "32") : terminal.styled("skip", "33")
          lines.append("  \(decision.name)\(pad)  \(verdict)  \(decision.detail)")
          if let effect = decision.effect { lines.append("  \(String(repeating: " ", count: width))        → \(effect)") }
        }
      }
    }
    lines.append("")
    lines.append(terminal.styled("packages", "1"))
    if packages.isEmpty { lines.append("  none requested") }
    for package in packages {
      let name = package.version.map { "\(package.name) \($0)" } ?? package.name
      let verdict = package.installed
        ? terminal.styled("installed", "32") + " in the \(package.stage?.rawValue ?? "?") stage"
        : terminal.styled("NOT installed", "1;31")
      lines.append("  \(name) (\(package.via.rawValue), \(package.requestedAt)): \(verdict)")
      for reason in package.reasons { lines.append("    - \(reason)") }
    }
    if !warnings.isEmpty {
      lines.append("")
      lines.append(terminal.styled("what changes what the image runs", "1"))
      for warning in warnings { lines.append("  " + terminal.styled("!", "1;33") + " \(warning)") }
    }
    let cloudInitWarnings = plans.first?.plan.warnings ?? []
    if !cloudInitWarnings.isEmpty {
      lines.append("")
      lines.append(terminal.styled("cloud-init warnings", "1"))
      for warning in cloudInitWarnings { lines.append("  \(warning)") }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The JSON contract, `schemaVersion` 1 (documented in the README).
  func json() -> String {
    let (node, string, object, location) = (JSONTree.node, JSONTree.string, JSONTree.object, JSONTree.location)
    let parts = (loaded.userData?.processed.parts ?? []).enumerated().map { index, part in
      object([
        ("index", node(.int(.init(index + 1)))), ("contentType", string(part.contentType)),
        ("handledBy", string(part.handler?.rawValue)), ("filename", string(part.filename)),
      ])
    }
    let plan = plans[plans.count - 1].plan
    let stages = StagePlan.Stage.allCases.map { stage in
      (stage.rawValue, node(.sequence((plan.stages[stage] ?? []).map { decision in
        object([
          ("name", string(decision.name)), ("module", string(decision.module)), ("frequency", string(decision.frequency)),
          ("decision", string(decision.runs ? "run" : "skip")), ("reason", string(decision.reason.rawValue)),
          ("detail", string(decision.detail)), ("effect", string(decision.effect)), ("location", location(decision.mark)),
        ])
      })))
    }
    let packageNodes = packages.map { package in
      object([
        ("name", string(package.name)), ("version", string(package.version)), ("via", string(package.via.rawValue)),
        ("requestedAt", location(package.requestedAt)), ("installed", node(.bool(package.installed))),
        ("boot", string(package.boot?.rawValue)), ("stage", string(package.stage?.rawValue)),
        ("command", string(package.command)), ("failure", string(package.failure)), ("reason", string(package.reasons.joined(separator: "; "))),
      ])
    }
    let diagnostics = (warnings + (plans.first?.plan.warnings ?? [])).map {
      object([("severity", string("warning")), ("message", string($0)), ("location", node(.null))])
    }
    let report = object([
      ("schemaVersion", node(.int(.init(Self.schemaVersion)))),
      ("profile", object([
        ("name", string(profile.name)), ("cloudInitVersion", string(profile.behaviour.rawValue)), ("distro", string(distro)),
        ("vendorPatches", node(.bool(!upstream))),
      ])),
      ("boot", string(plans[plans.count - 1].boot.rawValue)),
      ("boots", node(.sequence(plans.map { string($0.boot.rawValue) }))),
      ("mergedConfig", loaded.merged.moduleView),
      ("parts", node(.sequence(parts))),
      ("stages", object(stages)),
      ("packages", node(.sequence(packageNodes))),
      ("diagnostics", node(.sequence(diagnostics))),
    ])
    return report.canonicalJSON()
  }
}
