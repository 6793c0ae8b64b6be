/// Finds every requested package and decides, from the stage plan, whether it is installed.
public enum PackageAnalysis {
  static let packageModule = "cc_package_update_upgrade_install"

  /// The verdicts for `config` (what modules see) under `plan`, on `profile`'s image, whose own
  /// base config is `base` (to tell the image's lists from user-data's).
  public static func verdicts(
    config: YAMLNode, plan: StagePlan, profile: Profile, base: MergedConfig, parts: [UserDataPart] = []
  ) -> [PackageVerdict] {
    var verdicts: [PackageVerdict] = []
    guard case .mapping(let mapping) = config.value else { return [] }
    let moduleStage = stage(running: packageModule, in: plan)
    if let packages = mapping["packages"], case .sequence(let items) = packages.value {
      for item in items {
        var name: String?
        var version: String?
        switch item.value {
        case .string(let text): name = text
        case .sequence(let pair):
          if case .string(let text) = pair.first?.value { name = text }
          if pair.count > 1 { version = pair[1].value.pythonLiteral.trimmingCharacters(in: "'") }
        default: name = item.value.pythonLiteral
        }
        guard let name else { continue }
        let full = version.map { "\(name)-\($0)" } ?? name
        if let moduleStage {
          let command = profile.packageCommand.replacingOccurrences(of: "{command}", with: "install").replacingOccurrences(of: "{packages}", with: full)
          verdicts.append(PackageVerdict(
            name: name, version: version, via: .packages, requestedAt: item.mark, installed: true, stage: moduleStage,
            command: command,
            reasons: ["package-update-upgrade-install runs in the \(moduleStage.rawValue) stage and runs `\(command)`"]))
        } else {
          verdicts.append(PackageVerdict(
            name: name, version: version, via: .packages, requestedAt: item.mark, installed: false, stage: nil, command: nil,
            reasons: whyNotRunning(packageModule, plan: plan, profile: profile, base: base)))
        }
      }
    }
    for (key, path, module, runner) in [("runcmd", PackageVerdict.Path.runcmd, "cc_runcmd", "cc_scripts_user"),
                                        ("bootcmd", .bootcmd, "cc_bootcmd", nil)] {
      guard let commands = mapping[key], case .sequence(let items) = commands.value else { continue }
      for item in items {
        for name in installCommandPackages(item) {
          let writer = stage(running: module, in: plan)
          let runnerStage = runner.flatMap { stage(running: $0, in: plan) }
          if writer != nil && (runner == nil || runnerStage != nil) {
            let runs = runnerStage ?? writer
            verdicts.append(PackageVerdict(
              name: name, version: nil, via: path, requestedAt: item.mark, installed: true, stage: runs, command: nil,
              reasons: [runner == nil
                ? "bootcmd runs the command in the init stage, on every boot"
                : "runcmd writes the command into a script in the config stage; scripts-user runs it in the final stage"]))
          } else if writer == nil {
            verdicts.append(PackageVerdict(
              name: name, version: nil, via: path, requestedAt: item.mark, installed: false, stage: nil, command: nil,
              reasons: whyNotRunning(module, plan: plan, profile: profile, base: base)))
          } else {
            verdicts.append(PackageVerdict(
              name: name, version: nil, via: path, requestedAt: item.mark, installed: false, stage: nil, command: nil,
              reasons: ["runcmd only writes its script; scripts-user, which runs it, does not run:"]
                + whyNotRunning("cc_scripts_user", plan: plan, profile: profile, base: base)))
          }
        }
      }
    }
    verdicts += scriptVerdicts(parts, plan: plan, profile: profile, base: base)
    return verdicts
  }

  /// `dnf`/`yum install` lines of user-data shell scripts (run by scripts-user in the final
  /// stage) and boothooks (run while user-data is consumed, before the init modules).
  static func scriptVerdicts(_ parts: [UserDataPart], plan: StagePlan, profile: Profile, base: MergedConfig) -> [PackageVerdict] {
    var verdicts: [PackageVerdict] = []
    for part in parts {
      let isScript = part.handler == .shellScript || (part.handler == .jinja && part.renderedContentType == "text/x-shellscript")
      guard isScript || part.handler == .bootHook else { continue }
      let lines = part.text.split(separator: "\n", omittingEmptySubsequences: false)
      for (number, line) in lines.enumerated() {
        let mark = SourceMark(file: "user-data part \(part.filename)", line: number + 1, column: 1)
        for name in installCommandPackages(YAMLNode(.string(String(line)), mark: mark)) {
          if part.handler == .bootHook {
            verdicts.append(PackageVerdict(
              name: name, version: nil, via: .boothook, requestedAt: mark, installed: true, stage: .initStage, command: nil,
              reasons: ["the boothook runs while cloud-init consumes user-data, before the init modules, on every boot"]))
          } else if let stage = stage(running: "cc_scripts_user", in: plan) {
            verdicts.append(PackageVerdict(
              name: name, version: nil, via: .script, requestedAt: mark, installed: true, stage: stage, command: nil,
              reasons: ["scripts-user runs the script \(part.filename) in the \(stage.rawValue) stage (user scripts run in file-name order)"]))
          } else {
            verdicts.append(PackageVerdict(
              name: name, version: nil, via: .script, requestedAt: mark, installed: false, stage: nil, command: nil,
              reasons: ["the script \(part.filename) is written, but scripts-user, which runs it, does not run:"]
                + whyNotRunning("cc_scripts_user", plan: plan, profile: profile, base: base)))
          }
        }
      }
    }
    return verdicts
  }

  /// The first stage in which `module` runs, if any.
  static func stage(running module: String, in plan: StagePlan) -> StagePlan.Stage? {
    StagePlan.Stage.allCases.first { stage in plan.stages[stage]?.contains { $0.module == module && $0.runs } == true }
  }

  /// Why `module` does not run: skipped somewhere, or in no list (and whose list left it out).
  static func whyNotRunning(_ module: String, plan: StagePlan, profile: Profile, base: MergedConfig) -> [String] {
    let shortName = module.dropFirst(3).replacingOccurrences(of: "_", with: "-")
    for stage in StagePlan.Stage.allCases {
      if let decision = plan.stages[stage]?.first(where: { $0.module == module }) {
        return ["\(shortName) is listed in \(stage.section) (\(decision.mark)) but is skipped: \(decision.detail)"]
      }
    }
    var reasons = ["module \(shortName) is in no stage list, so nothing reads this key"]
    for stage in StagePlan.Stage.allCases {
      guard let listMark = plan.listMarks[stage] else { continue }
      let imageHasIt = ModuleList.read(base.root, section: stage.section).entries.contains { $0.module == module }
      let fromImage = base.value(at: [stage.section])?.mark == listMark
      if imageHasIt && !fromImage {
        reasons.append(
          "the image lists it in \(stage.section), but the list at \(listMark) replaces the image's whole list "
            + "and leaves it out (lists are never merged)")
      }
    }
    if reasons.count == 1 {
      for change in profile.buildChanges where change.effect.contains(String(shortName)) || change.command.contains(String(shortName)) {
        reasons.append("\(change.file): \(change.effect) (\(change.reason))")
      }
    }
    return reasons
  }

  /// The packages of a `dnf`/`yum install` command (a string or an argument list).
  static func installCommandPackages(_ item: YAMLNode) -> [String] {
    var words: [String]
    switch item.value {
    case .string(let text): words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    case .sequence(let parts): words = parts.compactMap { if case .string(let text) = $0.value { text } else { nil } }
    default: return []
    }
    var packages: [String] = []
    while let index = words.firstIndex(where: { $0 == "dnf" || $0 == "yum" || $0.hasSuffix("/dnf") || $0.hasSuffix("/yum") }) {
      var rest = Array(words[(index + 1)...])
      let separators: Set<String> = ["&&", "||", ";", "|"]
      if let end = rest.firstIndex(where: { separators.contains($0) }) {
        words = Array(rest[end...])
        rest = Array(rest[..<end])
      } else {
        words = []
      }
      let arguments = rest.filter { !$0.hasPrefix("-") }
      if arguments.first == "install" {
        packages += arguments.dropFirst().filter { $0 != "-y" }
      }
    }
    return packages
  }
}

extension String {  fileprivate func trimmingCharacters(in set: String) -> String {
    String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
  }
}
