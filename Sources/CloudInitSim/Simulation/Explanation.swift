/// Why a package is or is not installed, in words, with fixes that were each checked by
/// simulating them: each fix is a `WhatIf` (what `--set` does: a last cloud-config part), run
/// through the same pipeline as the original.
public struct Explanation: Sendable {
  /// Simulates the original inputs with a what-if on top; nil when the result cannot be had
  /// (the fix is then reported as not installing).
  public typealias Simulate = (WhatIf) -> Simulation?

  /// A fix, as user-data to add, and what simulating it showed.
  public struct Fix: Sendable {
    public var title: String
    /// The cloud-config to add to the user-data.
    public var cloudConfig: String
    /// The what-if that was simulated (`--set` of the same key gives the same run).
    public var whatIf: WhatIf
    /// Whether the package is installed with the fix (checked by simulation).
    public var installs: Bool
    /// What else the fix changes (modules it drops), from the same simulation.
    public var sideEffects: [String]
  }

  public var package: String
  public var lines: [String]
  public var fixes: [Fix]

  /// Explains `package` in `simulation`, simulating each fix with `simulate`.
  public static func explain(_ package: String, in simulation: Simulation, simulate: Simulate) -> Explanation {
    guard let verdict = simulation.packages.first(where: { $0.name == package }) else {
      return Explanation(package: package, lines: ["\(package) is not requested anywhere in the user-data (packages:, runcmd or bootcmd)."], fixes: [])
    }
    var lines = ["\(package) is requested at \(verdict.requestedAt) (\(verdict.via.rawValue))."]
    if verdict.installed {
      lines.append("It is installed in the \(verdict.stage?.rawValue ?? "?") stage: \(verdict.reasons.joined(separator: "; ")).")
      return Explanation(package: package, lines: lines, fixes: [])
    }
    lines.append("It is NOT installed:")
    lines += verdict.reasons.map { "  - " + $0 }
    if verdict.failure != nil {
      // The path runs; only the network is missing, so no user-data change helps.
      lines.append(
        "No user-data change fixes this: the install path runs and the download fails. Make the "
          + "repositories reachable from the subnet (a NAT gateway, or a VPC endpoint for where the "
          + "distro's repositories are served from), or bake the package into the image.")
      return Explanation(package: package, lines: lines, fixes: [])
    }
    if simulation.offline {
      lines.append("The fixes below are simulated with the repositories unreachable (--offline), so none installs it until they are reachable.")
    }
    var fixes: [Fix] = []
    let module = PackageAnalysis.packageModule
    if verdict.via == .packages, PackageAnalysis.stage(running: module, in: simulation.plans[0].plan) == nil {
      let stage = targetStage(simulation)
      let current = ModuleList.read(simulation.merged.root, section: stage.section).entries.map(\.rawName)
      let safe = current.contains("package-update-upgrade-install") ? current : insert("package-update-upgrade-install", into: current, stage: stage)
      fixes.append(check(
        title: "Put the package module back into the image's full \(stage.section) list",
        list: safe, stage: stage, package: package, simulate: simulate))
      fixes.append(check(
        title: "The naive override (the module alone) — shown to compare, do not use",
        list: ["package-update-upgrade-install"], stage: stage, package: package, simulate: simulate))
    }
    fixes.append(runcmdFix(package, simulation: simulation, simulate: simulate))
    return Explanation(package: package, lines: lines, fixes: fixes)
  }

  /// Where the package module belongs: the stage the stock image lists it in (AL2: config,
  /// AL2023: final).
  static func targetStage(_ simulation: Simulation) -> StagePlan.Stage {
    simulation.profile.behaviour == .v19_3 ? .config : .final
  }

  private static func insert(_ name: String, into list: [String], stage: StagePlan.Stage) -> [String] {
    // Upstream and stock AL2023 put it first in the final list; AL2 after yum-add-repo.
    if stage == .config, let index = list.firstIndex(of: "yum-add-repo") {
      var result = list
      result.insert(name, at: index + 1)
      return result
    }
    return [name] + list
  }

  private static func check(
    title: String, list: [String], stage: StagePlan.Stage, package: String, simulate: Simulate
  ) -> Fix {
    let mark = SourceMark(file: "fix", line: 1, column: 1)
    let listNode = YAMLNode(.sequence(list.map { YAMLNode(.string($0), mark: mark) }), mark: mark)
    var whatIf = WhatIf()
    whatIf.set = [WhatIf.Assignment(path: [stage.section], value: listNode)]
    let result = simulate(whatIf)
    let dropped = result.map { ModulePipeline.droppedImageModules(base: $0.base, merged: $0.merged).flatMap(\.dropped) } ?? []
    let yaml = "\(stage.section):\n" + list.map { "  - \($0)\n" }.joined()
    return Fix(
      title: title, cloudConfig: yaml, whatIf: whatIf,
      installs: result?.packages.first { $0.name == package }?.installed ?? false,
      sideEffects: dropped.isEmpty ? [] : ["drops from the image's \(stage.section): " + dropped.joined(separator: ", ")])
  }

  private static func runcmdFix(_ package: String, simulation: Simulation, simulate: Simulate) -> Fix {
    let manager = simulation.profile.packageManager == "yum" ? "yum" : "dnf"
    let mark = SourceMark(file: "fix", line: 1, column: 1)
    // The user-data's own commands stay, the install goes last: `--set` replaces the whole list.
    var commands: [YAMLNode] = []
    if case .mapping(let mapping) = simulation.merged.root.value, case .sequence(let items) = mapping["runcmd"]?.value {
      commands = items
    }
    commands.append(YAMLNode(.sequence([manager, "install", "-y", package].map { YAMLNode(.string($0), mark: mark) }), mark: mark))
    var whatIf = WhatIf()
    whatIf.set = [WhatIf.Assignment(path: ["runcmd"], value: YAMLNode(.sequence(commands), mark: mark))]
    let result = simulate(whatIf)
    return Fix(
      title: "Install it from runcmd (run by scripts-user in the final stage)",
      cloudConfig: "runcmd:\n  - [\(manager), install, -y, \(package)]\n", whatIf: whatIf,
      installs: result?.packages.contains { $0.name == package && $0.via == .runcmd && $0.installed } ?? false,
      sideEffects: [])
  }
}
