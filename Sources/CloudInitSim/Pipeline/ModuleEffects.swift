/// What the handlers of the modules that decide the user's question do when cloud-init calls them.
/// Each rule follows the module's `handle()` in cloud-init 22.2.2 (and 19.3 where it differs).
public enum ModuleEffects {
  /// `plan` with an `effect` on each running decision of a modelled module.
  public static func annotate(
    _ plan: StagePlan, config: YAMLNode, parts: [UserDataPart], profile: Profile, packages: [PackageVerdict],
    offline: Bool = false, vendorPatches: Bool = true
  ) -> StagePlan {
    var annotated = plan
    // The runcmd script exists when runcmd has a key to write and ran (now or on an earlier boot).
    var hasRuncmd = plan.stages.values.joined().contains { $0.module == "cc_runcmd" && ($0.runs || $0.reason == .alreadyRan) }
    if case .mapping(let root) = config.value, root["runcmd"] == nil { hasRuncmd = false }
    for (stage, decisions) in plan.stages {
      annotated.stages[stage] = decisions.map { decision in
        var decision = decision
        if decision.runs {
          decision.effect = effect(
            decision.module, config: config, parts: parts, profile: profile, packages: packages, offline: offline,
            runcmdScript: hasRuncmd, vendorPatches: vendorPatches)
        }
        return decision
      }
    }
    return annotated
  }

  static func effect(
    _ module: String, config: YAMLNode, parts: [UserDataPart], profile: Profile, packages: [PackageVerdict],
    offline: Bool, runcmdScript: Bool, vendorPatches: Bool = true
  ) -> String? {
    guard case .mapping(let root) = config.value else { return nil }
    let failing = offline ? " (each fails: the repositories are unreachable)" : ""
    switch module {
    case "cc_package_update_upgrade_install":
      // handle(): makecache when update, upgrade or packages; then upgrade; then install.
      let update = truthy(root["package_update"]) || truthy(root["apt_update"])
      let upgrade = truthy(root["package_upgrade"]) || truthy(root["apt_upgrade"])
      let install = packages.first { $0.via == .packages }?.command
      let command = { (verb: String) in
        profile.packageCommand.replacingOccurrences(of: "{command}", with: verb).replacingOccurrences(of: " {packages}", with: "")
          .replacingOccurrences(of: "{packages}", with: "")
      }
      let amazon = vendorPatches ? amazonRepoUpgrade(root, profile: profile, command: command) : nil
      guard update || upgrade || install != nil || amazon != nil else {
        return "does nothing: no packages, package_update or package_upgrade"
      }
      let commands = [command("makecache")] + (upgrade ? [command("upgrade")] : []) + (install.map { [$0] } ?? [])
        + (amazon.map { [$0] } ?? [])
      return "runs " + commands.map { "`\($0)`" }.joined(separator: ", then ") + failing
        + (amazon != nil ? " (the last one is Amazon's repo_upgrade; order within the patched module unverified)" : "")
        + ((upgrade || install != nil) && (truthy(root["package_reboot_if_required"]) || truthy(root["apt_reboot_if_required"]))
          ? "; then reboots at once if a package left /var/run/reboot-required" : "")
    case "cc_runcmd":
      guard let runcmd = root["runcmd"] else { return "does nothing: no runcmd key" }
      let count = if case .sequence(let items) = runcmd.value { items.count } else { 1 }
      return "writes \(count) command\(count == 1 ? "" : "s") to /var/lib/cloud/instance/scripts/runcmd (run later by scripts-user)"
    case "cc_scripts_user":
      // runparts over the instance's scripts folder, in sorted file-name order.
      var scripts = parts.compactMap(\.writtenTo).filter { $0.hasPrefix("scripts/") }.map { String($0.dropFirst(8)) }
      if runcmdScript { scripts.append("runcmd") }
      guard !scripts.isEmpty else { return "does nothing: no user scripts and no runcmd" }
      return "runs " + scripts.sorted().joined(separator: ", ") + " from /var/lib/cloud/instance/scripts, in this order; a failing script does not stop the others"
    case "cc_bootcmd":
      guard let bootcmd = root["bootcmd"] else { return "does nothing: no bootcmd key" }
      let count = if case .sequence(let items) = bootcmd.value { items.count } else { 1 }
      return "runs \(count) command\(count == 1 ? "" : "s") with /bin/sh (every boot)"
    case "cc_write_files", "cc_write_files_deferred":
      guard case .sequence(let files) = root["write_files"]?.value, !files.isEmpty else { return "does nothing: no write_files" }
      // 19.3 knows no defer: every file is written in the init stage.
      let deferred = files.filter(isDeferred)
      if profile.behaviour == .v19_3 {
        return "writes \(files.count) file\(files.count == 1 ? "" : "s")"
          + (deferred.isEmpty ? "" : " (defer: true is unknown to 19.3: deferred files are written now too)")
      }
      let mine = module == "cc_write_files" ? files.count - deferred.count : deferred.count
      guard mine > 0 else {
        return module == "cc_write_files" ? "does nothing: every file is deferred" : "does nothing: no file has defer: true"
      }
      return "writes \(mine) file\(mine == 1 ? "" : "s")" + (module == "cc_write_files_deferred" ? " (defer: true)" : "")
    case "cc_yum_add_repo":
      guard case .mapping(let repos) = root["yum_repos"]?.value, !repos.entries.isEmpty else {
        return "does nothing: no yum_repos"
      }
      let names = repos.entries.map { plain($0.key) }
      return "writes " + names.map { "/etc/yum.repos.d/\($0).repo" }.joined(separator: ", ")
    case "cc_power_state_change":
      guard case .mapping(let state) = root["power_state"]?.value else { return "does nothing: no power_state" }
      let mode = state["mode"].map(plain) ?? "?"
      let delay = state["delay"].map(plain) ?? "now"
      return "\(mode) after cloud-init finishes (delay \(delay))" + (state["condition"] != nil ? ", if its condition holds" : "")
    case "cc_scripts_per_boot", "cc_scripts_per_instance", "cc_scripts_per_once":
      let folder = module.replacingOccurrences(of: "cc_scripts_per_", with: "per-")
      let mine = parts.compactMap(\.writtenTo).filter { $0.hasPrefix("/var/lib/cloud/scripts/\(folder)/") }
      return "runs the scripts in /var/lib/cloud/scripts/\(folder)"
        + (mine.isEmpty ? " (the image's; none from user-data)" : " (from user-data: \(mine.map { String($0.split(separator: "/").last ?? "") }.joined(separator: ", ")))")
    default:
      return nil
    }
  }

  /// The upgrade Amazon's patched package module runs once per instance (profile differences
  /// `repo-upgrade-keys` and `first-boot-security-upgrade`): `repo_upgrade` (default `security`,
  /// `none` turns it off) with `repo_upgrade_exclude` (default kernel, nvidia*, cuda*).
  static func amazonRepoUpgrade(
    _ root: YAMLMapping, profile: Profile, command: (String) -> String
  ) -> String? {
    let names = Set(profile.upstreamDifferences.map(\.name))
    guard names.contains("first-boot-security-upgrade") else { return nil }
    let readsKeys = names.contains("repo-upgrade-keys")
    let level = readsKeys ? root["repo_upgrade"].map(plain) ?? "security" : "security"
    guard level != "none" else { return nil }
    var excludes = ["kernel", "nvidia*", "cuda*"]
    if readsKeys, case .sequence(let items) = root["repo_upgrade_exclude"]?.value { excludes = items.map(plain) }
    let flags = excludes.map { "--exclude=\($0)" }
      + (level == "security" ? ["--security", "--sec-severity=critical", "--sec-severity=important"] : [])
    return command((flags + ["upgrade"]).joined(separator: " "))
  }

  /// `util.get_cfg_option_bool` on a merged value (`util.TRUE_STRINGS`, 19.3 and 22.2.2).
  static func truthy(_ node: YAMLNode?) -> Bool {
    switch node?.value {
    case .bool(let value): value
    case .string(let text): ["true", "1", "on", "yes"].contains(text.lowercased().trimmingCharacters(in: .whitespaces))
    case .int(let value): value == 1
    default: false
    }
  }

  /// A scalar as a person reads it: strings without Python's quotes.
  static func plain(_ node: YAMLNode) -> String {
    if case .string(let text) = node.value { return text }
    return node.value.pythonLiteral
  }

  /// Whether a `write_files` entry has a true `defer` (as `util.get_cfg_option_bool` reads it).
  public static func isDeferred(_ file: YAMLNode) -> Bool {
    guard case .mapping(let mapping) = file.value else { return false }
    return truthy(mapping["defer"])
  }
}
