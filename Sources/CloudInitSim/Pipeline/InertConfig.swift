/// Keys of user-data that nothing acts on: the modules that read them do not run.
public enum InertConfig {
  /// One inert key.
  public struct Finding: Sendable, Equatable {
    public var key: String
    public var mark: SourceMark
    public var reason: String
  }

  /// Which modules read which top-level keys: the activation keys cloud-init declares for each
  /// module (from 22.3 on, `meta["activate_by_schema_keys"]`; read off the newest catalog, since
  /// older versions read the same keys but did not declare them).
  static let readers: [String: [String]] = {
    var result: [String: [String]] = [:]
    for row in ModuleCatalog.rows where row.version == "26.2" {
      for key in row.activationKeys { result[key, default: []].append("cc_" + row.module) }
    }
    return result
  }()

  /// The keys of `userData` (the user's own cloud-config) whose reading modules run in no stage
  /// of any boot.
  public static func findings(userData: YAMLNode?, plans: [StagePlan], version: CloudInitVersion = .v22_2_2) -> [Finding] {
    guard case .mapping(let mapping) = userData?.value else { return [] }
    var findings: [Finding] = []
    // write_files' defer flag and write-files-deferred came after 19.3 (absent from its
    // cc_write_files.py): there every file is written in the init stage, before any package.
    if version == .v19_3, case .sequence(let files) = mapping["write_files"]?.value {
      for file in files {
        guard case .mapping(let fields) = file.value,
              let flag = fields.entries.first(where: { $0.key.value == .string("defer") }) else { continue }
        findings.append(Finding(
          key: "write_files", mark: flag.key.mark,
          reason: "defer is unknown to cloud-init 19.3: this file is written in the init stage like the others, "
            + "before packages are installed and users created"))
      }
    }
    for entry in mapping.entries {
      guard case .string(let key) = entry.key.value, let modules = readers[key] else { continue }
      let running = modules.filter { module in
        plans.contains { plan in plan.stages.values.contains { $0.contains { $0.module == module && $0.runs } } }
      }
      let catalog = ModuleCatalog(version: version)
      if running.isEmpty, modules.allSatisfy({ catalog.modules[$0] == nil }) {
        // A key of a module newer than this cloud-init: nothing in the version reads it.
        let names = modules.map { $0.dropFirst(3).replacingOccurrences(of: "_", with: "-") }
        findings.append(Finding(
          key: key, mark: entry.key.mark,
          reason: "\(key) is read by \(names.joined(separator: ", ")), which cloud-init \(version.rawValue) does not have "
            + "(a later version added it): cloud-init ignores the key without a word"))
      } else if running.isEmpty {
        let names = modules.map { $0.dropFirst(3).replacingOccurrences(of: "_", with: "-") }
        let listed = modules.filter { module in plans.contains { $0.stages.values.contains { $0.contains { $0.module == module } } } }
        let why = listed.isEmpty ? "is in no stage list" : "is skipped"
        findings.append(Finding(
          key: key, mark: entry.key.mark,
          reason: "\(key) is read only by \(names.joined(separator: ", ")), which \(why): cloud-init ignores it without a word"))
      } else if key == "runcmd",
                !plans.contains(where: { plan in plan.stages.values.contains { $0.contains { $0.module == "cc_scripts_user" && $0.runs } } }) {
        findings.append(Finding(
          key: key, mark: entry.key.mark,
          reason: "runcmd writes its script, but scripts-user, which runs it, does not run: the commands never run"))
      }
    }
    return findings
  }
}
