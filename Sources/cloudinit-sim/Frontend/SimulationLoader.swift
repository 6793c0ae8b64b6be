import CloudInitSim
import Foundation

/// What every simulating command loads: the profile, its base config, user- and vendor-data,
/// and the merged config; everything cloud-init does quietly is reported on standard error.
struct SimulationLoader {
  var inputs: SimulationInputs
  var printParts: Bool
  /// Says nothing on standard error (a first pass whose findings the real pass repeats).
  var quiet = false
  /// Overrides the what-if of the command line (module edits already resolved).
  var whatIfOverride: WhatIf?

  private func warn(_ text: String) {
    if !quiet { Terminal.standardError.write(text) }
  }

  /// The loaded simulation inputs.
  struct Loaded {
    var profile: Profile
    var base: MergedConfig
    var merged: MergedConfig
    var userData: UserDataConfigResult?

    /// The module decisions and package verdicts of `boots` on these inputs.
    func simulate(boots: [ModulePipeline.Boot] = [.first], vendorPatches: Bool = true, offline: Bool = false) -> Simulation {
      Simulation.simulate(
        profile: profile, base: base, userData: userData, merged: merged, boots: boots, vendorPatches: vendorPatches,
        offline: offline)
    }
  }

  func load() -> Loaded {
    var whatIf = whatIfOverride ?? Frontend.orExit { () throws(FrontendFailure) in try parseWhatIf() }
    if !whatIf.moduleEdits.isEmpty {
      // Module edits apply to the lists as they are: load once without them, quietly, to read those.
      var plain = whatIf
      plain.moduleEdits = []
      let first = SimulationLoader(inputs: inputs, printParts: false, quiet: true, whatIfOverride: plain).load()
      whatIf = whatIf.resolvingModuleEdits(current: whatIf.editsInUserData ? first.merged.root : first.base.root)
    }
    let profile = Frontend.orExit { () throws(FrontendFailure) in
      let loaded = try loadProfile()
      do throws(WhatIf.Failure) {
        return try whatIf.applied(to: loaded)
      } catch {
        throw FrontendFailure(message: error.message, status: ExitStatus.usage)
      }
    }
    let base = whatIf.applied(toBase: Frontend.orExit { () throws(FrontendFailure) in try Frontend.baseConfig(profile) })
    let instanceData = Frontend.orExit { () throws(FrontendFailure) in try loadInstanceData(profile) }
    var userData = Frontend.orExit { () throws(FrontendFailure) in
      try cloudConfig(inputs.userData, role: "user-data", version: profile.behaviour, limit: profile.userDataLimitBytes,
                      clusterJoin: profile.clusterJoinMethod, instanceData: instanceData,
                      extraParts: whatIf.userDataPart().map { [$0] } ?? [])
    }
    if var processed = userData {
      processed.config = whatIf.applied(toUserData: processed.config)
      userData = processed
    }
    let vendorData = Frontend.orExit { () throws(FrontendFailure) in
      try cloudConfig(inputs.vendorData, role: "vendor-data", version: profile.behaviour, limit: profile.userDataLimitBytes,
                      clusterJoin: profile.clusterJoinMethod, instanceData: instanceData)
    }
    let merged = Frontend.orExit { () throws(FrontendFailure) in
      try Self.merge(base: base, userData: userData?.config, vendorData: vendorData?.config, version: profile.behaviour)
    }
    report(merged.layers)
    return Loaded(profile: profile, base: base, merged: merged, userData: userData)
  }

  private static func merge(
    base: MergedConfig, userData: EffectiveConfig.UserDataConfig?, vendorData: EffectiveConfig.UserDataConfig?,
    version: CloudInitVersion
  ) throws(FrontendFailure) -> MergedConfig {
    do {
      return try EffectiveConfig.merge(base: base, userData: userData, vendorData: vendorData, version: version)
    } catch {
      throw FrontendFailure(message: "\(error.layer): cloud-init cannot merge this: \(error.message)", status: ExitStatus.invalidInput)
    }
  }


  /// The what-if overrides of the command line.
  /// The what-if of the command line's options.
  func parseWhatIf() throws(FrontendFailure) -> WhatIf {
    var whatIf = WhatIf()
    whatIf.editsInUserData = inputs.inUserData
    do {
      whatIf.moduleEdits = try inputs.addModules.map { (text: String) throws(WhatIf.Failure) in
        try WhatIf.ModuleEdit.parse(text, add: true)
      } + inputs.removeModules.map { (text: String) throws(WhatIf.Failure) in try WhatIf.ModuleEdit.parse(text, add: false) }
      whatIf.set = try inputs.setValues.map { (text: String) throws(WhatIf.Failure) in try WhatIf.assignment(text, option: "--set") }
      whatIf.unset = try inputs.unsetKeys.map { (text: String) throws(WhatIf.Failure) in try WhatIf.keyPath(text, option: "--unset") }
      whatIf.imageSet = try inputs.imageSetValues.map { (text: String) throws(WhatIf.Failure) in
        try WhatIf.assignment(text, option: "--image-set")
      }
      whatIf.imageUnset = try inputs.imageUnsetKeys.map { (text: String) throws(WhatIf.Failure) in
        try WhatIf.keyPath(text, option: "--image-unset")
      }
    } catch {
      throw FrontendFailure(message: error.message, status: ExitStatus.usage)
    }
    return whatIf
  }

  /// `--instance-data FILE`, else the profile's typical instance.
  private func loadInstanceData(_ profile: Profile) throws(FrontendFailure) -> YAMLNode? {
    guard let path = inputs.instanceData else { return profile.instanceData }
    let bytes = try InputFile.read(path)
    do {
      return try YAMLLoader().load(bytes, file: InputFile.displayName(path)).root
    } catch {
      throw FrontendFailure(message: DiagnosticRenderer(terminal: .standardError).render(error), status: ExitStatus.invalidInput)
    }
  }

  private func loadProfile() throws(FrontendFailure) -> Profile {
    var version: CloudInitVersion?
    if let text = inputs.cloudInitVersion {
      guard let modelled = CloudInitVersion(rawValue: text) else {
        let known = CloudInitVersion.allCases.map(\.rawValue).joined(separator: " or ")
        throw FrontendFailure(
          message: "--cloud-init-version \(text) is not modelled; use \(known)"
            + (ModuleCatalog.versions.contains(text) ? " (\(text) has module catalog data only: `cloudinit-sim modules --cloud-init-version \(text)`)" : ""),
          status: ExitStatus.usage)
      }
      version = modelled
    }
    if let etc = inputs.etc {
      let url = URL(fileURLWithPath: etc)
      return Profile.bare(
        etc: try ProfileStore.readEtc(url, label: etc), behaviour: version ?? .v22_2_2, distro: inputs.distro)
    }
    var profile = try ProfileStore.standard(override: inputs.profilesDir).load(inputs.profile ?? "")
    if let version { profile.behaviour = version }
    return profile
  }

  /// User-data (or vendor-data) processed as cloud-init does: its parts, and the cloud-config
  /// parts merged into the buffer cloud-init writes to cloud-config.txt.
  private func cloudConfig(
    _ path: String?, role: String, version: CloudInitVersion, limit: Int, clusterJoin: String,
    instanceData: YAMLNode?, extraParts: [CloudConfigParts.Part] = []
  ) throws(FrontendFailure) -> UserDataConfigResult? {
    // A --set with no user-data: as if the instance had just that one cloud-config part.
    guard path != nil || !extraParts.isEmpty else { return nil }
    let maxBytes = UserDataLimits().maxInputBytes
    var bytes = try path.map { (path: String) throws(FrontendFailure) in try InputFile.read(path, maxBytes: maxBytes) } ?? []
    let name = path.map(InputFile.displayName) ?? "user-data (none)"
    if inputs.base64 {
      guard let decoded = EnvelopeCheck.decodeBase64(bytes) else {
        throw FrontendFailure(message: "\(name): --base64 given, but this is not base64", status: ExitStatus.invalidInput)
      }
      bytes = decoded
    }
    var includes: [String: [UInt8]] = [:]
    for mapping in inputs.includeURL {
      guard let equals = mapping.firstIndex(of: "=") else {
        throw FrontendFailure(message: "--include-url wants URL=FILE, not \(mapping)", status: ExitStatus.usage)
      }
      includes[String(mapping[..<equals])] = try InputFile.read(
        String(mapping[mapping.index(after: equals)...]), maxBytes: maxBytes)
    }
    // EC2 gives every instance a launch index (ami-launch-index); the profile's instance data says which.
    var launchIndex: Int?
    if case .mapping(let data) = instanceData?.value, case .mapping(let ds) = data["ds"]?.value,
       case .mapping(let metadata) = ds["meta_data"]?.value, case .string(let text) = metadata["ami-launch-index"]?.value {
      launchIndex = Int(text)
    }
    let outcome = UserDataConfigResult.process(
      bytes, label: name, version: version, includes: includes, instanceData: instanceData, launchIndex: launchIndex,
      extraParts: extraParts)
    if let refused = outcome.processed.refused {
      throw FrontendFailure(message: "\(name): \(refused.message)", status: ExitStatus.invalidInput)
    }
    for warning in outcome.renderWarnings {
      warn("\(name): warning: \(warning)\n")
    }
    let result = outcome.processed
    for warning in EnvelopeCheck.warnings(bytes, processed: result, limit: limit) {
      warn("\(name): warning: \(warning)\n")
    }
    for warning in result.warnings {
      warn("\(name): warning: \(warning)\n")
    }
    // Without a user-data file the (empty) user-data has no parts worth a word.
    for part in result.parts where path != nil {
      for note in part.notes { warn("\(name) \(part.filename): warning: \(note)\n") }
      if part.handler == nil && part.payload.isEmpty {
        warn("\(name) \(part.filename): note: empty \(part.contentType) part; cloud-init skips it\n")
      } else if part.handler == nil {
        let kind = part.contentType == "text/x-not-multipart" ? "non-multipart" : "unknown content-type"
        var text = "\(name) \(part.filename): warning: cloud-init has no handler for \(part.contentType): it logs "
          + "\"Unhandled \(kind) (\(part.contentType)) userdata\" and ignores the part"
        if part.contentType == "application/node.eks.aws" {
          text += clusterJoin == "nodeadm"
            ? " (expected: on this image nodeadm reads this part, not cloud-init)"
            : " (nodeadm reads such parts, but this image does not run nodeadm)"
        }
        warn(text + "\n")
      }
    }
    report(outcome.cloudConfigLayers)
    for dropped in outcome.outcomes where dropped.dropped != nil {
      warn(
        "\(dropped.label): warning: cloud-init drops this whole part (\"Failed at merging in cloud config part\": "
          + "\(dropped.dropped ?? "")): none of its keys take effect\n")
    }
    if printParts {
      Terminal.standardOutput.write(PartsRenderer().render(result, role: role))
    }
    return outcome
  }

  /// Says loudly what cloud-init does quietly: files it could not read, duplicate keys.
  private func report(_ layers: [ConfigLayer]) {
    let renderer = DiagnosticRenderer(terminal: .standardError)
    for layer in layers {
      switch layer.status {
      case .failed(let error):
        warn(renderer.render(error))
        warn("\(layer.label): warning: cloud-init logs \"Failed loading yaml blob\" and reads this file as {}\n")
      case .notAMapping(let typeName):
        warn("\(layer.label): warning: the file holds a \(typeName), not a mapping; cloud-init reads it as {}\n")
      default:
        break
      }
      for warning in layer.warnings {
        warn(renderer.render(warning))
      }
    }
  }
}
