/// Which modules cloud-init runs in each stage on the first boot of an instance, as
/// `Modules.run_section` and `_run_modules` decide (19.3 and 22.2.2).
public enum ModulePipeline {
  /// The plan for `config` (the merged config modules see) on `distro`. `initStageRuns` is false
  /// when the init stage died before its modules (22.x: user-data processing raised).
  public static func firstBoot(
    config: YAMLNode, catalog: ModuleCatalog, distro: String, initStageRuns: Bool = true
  ) -> StagePlan {
    var semaphores = Set<String>()
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
        } else if semaphores.contains(semaphore) {
          decisions.append(StagePlan.Decision(
            name: entry.rawName, module: entry.module, frequency: frequency, runs: false, reason: .alreadyRan,
            detail: "\(semaphore) already ran (freq=\(frequency))", mark: entry.mark))
        } else {
          semaphores.insert(semaphore)
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
