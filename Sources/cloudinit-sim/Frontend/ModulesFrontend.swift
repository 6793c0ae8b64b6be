import CloudInitSim

/// Runs `modules`: one block per module, from the catalog (and the profile's vendor modules).
struct ModulesFrontend {
  var command: ModulesCommand

  struct Entry {
    var name: String
    var frequency: String
    var distros: [String]
    var activationKeys: [String]
    var description: String
    var note: String?
  }

  func run() {
    Frontend.orExit { () throws(FrontendFailure) in
      var version = command.cloudInitVersion ?? CloudInitVersion.v22_2_2.rawValue
      var profile: Profile?
      if let name = command.profile {
        let loaded = try ProfileStore.standard(override: command.profilesDir).load(name)
        version = loaded.behaviour.rawValue
        profile = loaded
      }
      guard ModuleCatalog.versions.contains(version) else {
        throw FrontendFailure(
          message: "no module catalog for cloud-init \(version); known: \(ModuleCatalog.versions.joined(separator: ", "))",
          status: ExitStatus.usage)
      }
      var entries = ModuleCatalog.rows(for: version).map {
        Entry(
          name: $0.module, frequency: $0.frequency, distros: $0.distros, activationKeys: $0.activationKeys,
          description: ModuleCatalog.description(of: $0.module) ?? "")
      }
      if let profile {
        // The image's distro support changes (e.g. a module Amazon verified on amazon).
        let patched = ModuleCatalog(version: profile.behaviour).withVendorChanges(of: profile)
        for index in entries.indices {
          if let row = patched.modules["cc_" + entries[index].name] { entries[index].distros = row.distros }
        }
      }
      for vendor in profile?.vendorModules ?? [] {
        entries.append(Entry(
          name: String(ModuleList.formModuleName(vendor.name).dropFirst(3)), frequency: vendor.frequency,
          distros: vendor.distros, activationKeys: [], description: vendor.description,
          note: "\(profile?.name ?? "the image")'s own module (confidence \(vendor.confidence))"))
      }
      if !command.names.isEmpty {
        let wanted = command.names.map { String(ModuleList.formModuleName($0).dropFirst(3)) }
        let unknown = wanted.filter { name in !entries.contains { $0.name == name } }
        if !unknown.isEmpty {
          throw FrontendFailure(
            message: "cloud-init \(version) has no module \(unknown.joined(separator: ", ")); run `cloudinit-sim modules` for the list",
            status: ExitStatus.usage)
        }
        entries = entries.filter { wanted.contains($0.name) }
      }
      let base = profile.flatMap { try? BaseConfig.build(etc: $0.etc, version: $0.behaviour) }.map(Self.stagesByModule)
      // Without --profile: where each bundled profile of this version lists the module.
      let store = ProfileStore.standard(override: command.profilesDir)
      let others: [(String, [String: [StagePlan.Stage]])] = profile != nil ? [] : ((try? store.names()) ?? []).compactMap { name in
        guard let other = try? store.load(name), other.behaviour.rawValue == version,
              let config = try? BaseConfig.build(etc: other.etc, version: other.behaviour) else { return nil }
        return (name, Self.stagesByModule(config))
      }
      let out = Terminal.standardOutput
      var text = ""
      for entry in entries {
        text += out.styled(entry.name.replacingOccurrences(of: "_", with: "-"), "1") + "  (cc_\(entry.name))\n"
        var facts = ["frequency \(entry.frequency)"]
        facts.append("distros: " + (entry.distros.isEmpty || entry.distros == ["all"] ? "all" : entry.distros.joined(separator: ", ")))
        if !entry.activationKeys.isEmpty { facts.append("runs only with one of: " + entry.activationKeys.joined(separator: ", ")) }
        text += "  " + facts.joined(separator: "; ") + "\n"
        if let base, let profile {
          let stages = base["cc_" + entry.name] ?? []
          text += "  on \(profile.name): " + (stages.isEmpty ? "in no stage list" : stages.map { "in \($0.section)" }.joined(separator: ", ")) + "\n"
        }
        if !others.isEmpty {
          let listed = others.map { name, lists in
            let stages = lists["cc_" + entry.name] ?? []
            return "\(name): " + (stages.isEmpty ? "none" : stages.map(\.rawValue).joined(separator: ", "))
          }
          text += "  stage lists of the bundled \(version) profiles: " + listed.joined(separator: "; ") + "\n"
        }
        if let note = entry.note { text += "  \(note)\n" }
        text += "  \(entry.description)\n\n"
      }
      out.write(text)
    }
  }

  /// The stages whose list in `config` names each `cc_` module (read once per image).
  static func stagesByModule(_ config: MergedConfig) -> [String: [StagePlan.Stage]] {
    var result: [String: [StagePlan.Stage]] = [:]
    for stage in StagePlan.Stage.allCases {
      for entry in ModuleList.read(config.root, section: stage.section).entries where !(result[entry.module]?.contains(stage) ?? false) {
        result[entry.module, default: []].append(stage)
      }
    }
    return result
  }
}
