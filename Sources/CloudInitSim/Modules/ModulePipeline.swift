/// Which modules cloud-init runs in each stage on each boot, as `Modules.run_section` and
/// `_run_modules` decide (19.3 and 22.2.2), with the semaphores of SPEC (d) across boots.
public enum ModulePipeline {
  /// A boot of the simulated machine.
  public enum Boot: String, Sendable, CaseIterable, Codable {
    /// The first boot of the first instance.
    case first
    /// A reboot: same instance id, `/var/lib/cloud` kept.
    case reboot
    /// The disk booted as a new instance (new instance id): per-instance semaphores start over,
    /// `once` ones do not.
    case newInstance = "new-instance"
  }

  /// The semaphores on the disk: per instance, and global (`once`).
  public struct Semaphores: Sendable, Equatable {
    var perInstance: [Int: Set<String>] = [:]
    var once: Set<String> = []
    var instance = 0

    /// An empty disk.
    public init() {}

    mutating func boot(_ boot: Boot) {
      if boot == .newInstance { instance += 1 }
    }
  }

  /// The plans of a sequence of boots (the first must be `.first`).
  public static func boots(
    _ boots: [Boot], config: YAMLNode, catalog: ModuleCatalog, distro: String, initStageRuns: Bool = true
  ) -> [StagePlan] {
    var semaphores = Semaphores()
    return boots.map { boot in
      semaphores.boot(boot)
      return plan(config: config, catalog: catalog, distro: distro, initStageRuns: initStageRuns, semaphores: &semaphores)
    }
  }

  /// The plan for `config` (the merged config modules see) on `distro`. `initStageRuns` is false
  /// when the init stage died before its modules (22.x: user-data processing raised).
  public static func firstBoot(
    config: YAMLNode, catalog: ModuleCatalog, distro: String, initStageRuns: Bool = true
  ) -> StagePlan {
    var semaphores = Semaphores()
    return plan(config: config, catalog: catalog, distro: distro, initStageRuns: initStageRuns, semaphores: &semaphores)
  }

  static func plan(
    config: YAMLNode, catalog: ModuleCatalog, distro: String, initStageRuns: Bool, semaphores: inout Semaphores
  ) -> StagePlan {
    var stages: [StagePlan.Stage: [StagePlan.Decision]] = [:]
    var marks: [StagePlan.Stage: SourceMark] = [:]
    var warnings: [String] = []
    let unverified: [String] = {
      guard case .mapping(let mapping) = config.value, case .sequence(let items) = mapping["unverified_modules"]?.value else {
        return []
      }
      return items.compactMap { if case .string(let name) = $0.value { name } else { nil } }
    }()
    for stage in StagePlan.Stage.allCases {
      if stage == .initStage && !initStageRuns {
        warnings.append("init: the stage stopped before its modules (user-data processing failed); none of them ran")
        stages[stage] = []
        continue
      }
      let reading = ModuleList.read(config, section: stage.section)
      marks[stage] = reading.mark
      warnings += reading.warnings
      var decisions: [StagePlan.Decision] = []
      if let abort = reading.abort {
        warnings.append("\(stage.rawValue): reading \(stage.section) raised \(abort): the whole stage fails")
        stages[stage] = []
        continue
      }
      for entry in reading.entries {
        guard let row = catalog.modules[entry.module] else {
          warnings.append(
            "Could not find module named \(entry.module) (searched ['\(entry.module)', 'cloudinit.config.\(entry.module)'])")
          decisions.append(StagePlan.Decision(
            name: entry.rawName, module: entry.module, frequency: nil, runs: false, reason: .unknownModule,
            detail: "cloud-init has no module \(entry.module): it logs a warning and drops the entry", mark: entry.mark))
          continue
        }
        let frequency = entry.frequencyOverride ?? row.frequency
        let distros = Set(row.distros)
        var forced = false
        if !distros.isEmpty && distros != ["all"] && !distros.contains(distro) {
          guard unverified.contains(entry.rawName) else {
            decisions.append(StagePlan.Decision(
              name: entry.rawName, module: entry.module, frequency: frequency, runs: false, reason: .distroNotVerified,
              detail: "not verified on distro '\(distro)' (module distros: \(row.distros.joined(separator: ", "))); "
                + "add it to unverified_modules to force", mark: entry.mark))
            continue
          }
          forced = true
        }
        // The semaphore is named after the raw name: `write-files` and `write_files` share one.
        let semaphore = "config-" + entry.rawName
        if frequency == "always" {
          decisions.append(StagePlan.Decision(
            name: entry.rawName, module: entry.module, frequency: frequency, runs: true,
            reason: forced ? .forced : .always, detail: "frequency always: no semaphore", mark: entry.mark))
        } else if frequency == "once" ? semaphores.once.contains(semaphore)
                    : semaphores.perInstance[semaphores.instance, default: []].contains(semaphore) {
          decisions.append(StagePlan.Decision(
            name: entry.rawName, module: entry.module, frequency: frequency, runs: false, reason: .alreadyRan,
            detail: "\(semaphore) already ran (freq=\(frequency))", mark: entry.mark))
        } else {
          if frequency == "once" {
            semaphores.once.insert(semaphore)
          } else {
            semaphores.perInstance[semaphores.instance, default: []].insert(semaphore)
          }
          decisions.append(StagePlan.Decision(
            name: entry.rawName, module: entry.module, frequency: frequency, runs: true,
            reason: forced ? .forced : .firstRun, detail: "no semaphore yet for \(semaphore) (\(frequency))", mark: entry.mark))
        }
      }
      stages[stage] = decisions
    }
    return StagePlan(stages: stages, listMarks: marks, warnings: warnings)
  }

  /// For each stage whose list does not come from the image: the image's modules it leaves out
  /// (lists replace, never merge, so a user-data list silently drops the rest).
  public static func droppedImageModules(base: MergedConfig, merged: MergedConfig) -> [(stage: StagePlan.Stage, at: SourceMark, dropped: [String])] {
    var result: [(stage: StagePlan.Stage, at: SourceMark, dropped: [String])] = []
    for stage in StagePlan.Stage.allCases {
      guard let mergedList = merged.value(at: [stage.section]),
            mergedList.mark != base.value(at: [stage.section])?.mark else { continue }
      let kept = Set(ModuleList.read(merged.root, section: stage.section).entries.map(\.module))
      let dropped = ModuleList.read(base.root, section: stage.section).entries.filter { !kept.contains($0.module) }.map(\.rawName)
      if !dropped.isEmpty { result.append((stage, mergedList.mark, dropped)) }
    }
    return result
  }
}
