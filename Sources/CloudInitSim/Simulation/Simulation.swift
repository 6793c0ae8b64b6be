/// One complete simulation: the image's base config, user- and vendor-data, the merged config,
/// the module decisions of each boot and the package verdicts.
public struct Simulation: Sendable {
  /// The image.
  public var profile: Profile
  /// The image's own config.
  public var base: MergedConfig
  /// Processed user-data, when given.
  public var userData: UserDataConfigResult?
  /// The config modules see.
  public var merged: MergedConfig
  /// The boots simulated and the decisions of each.
  public var plans: [(boot: ModulePipeline.Boot, plan: StagePlan)]
  /// A verdict per requested package (installed when any boot installs it).
  public var packages: [PackageVerdict]
  /// Whether the package repositories were unreachable (every install fails).
  public var offline = false

  /// Creates a simulation from its parts (use `run` to simulate).
  public init(
    profile: Profile, base: MergedConfig, userData: UserDataConfigResult?, merged: MergedConfig,
    plans: [(boot: ModulePipeline.Boot, plan: StagePlan)], packages: [PackageVerdict]
  ) {
    self.profile = profile
    self.base = base
    self.userData = userData
    self.merged = merged
    self.plans = plans
    self.packages = packages
  }

  /// A simulation cloud-init itself could not get through.
  public struct Failure: Error, Sendable, Equatable {
    public var message: String
  }

  /// Runs the simulation.
  public static func run(
    profile originalProfile: Profile, userData: [UInt8]?, vendorData: [UInt8]? = nil, includes: [String: [UInt8]] = [:],
    boots: [ModulePipeline.Boot] = [.first], vendorPatches: Bool = true, offline: Bool = false,
    whatIf: WhatIf = WhatIf()
  ) throws(Failure) -> Simulation {
    if !whatIf.moduleEdits.isEmpty {
      // Module edits apply to the lists as they are: simulate once without them to read those.
      var plain = whatIf
      plain.moduleEdits = []
      let first = try run(
        profile: originalProfile, userData: userData, vendorData: vendorData, includes: includes, boots: boots,
        vendorPatches: vendorPatches, offline: offline, whatIf: plain)
      let current = whatIf.editsInUserData ? first.merged.root : first.base.root
      return try run(
        profile: originalProfile, userData: userData, vendorData: vendorData, includes: includes, boots: boots,
        vendorPatches: vendorPatches, offline: offline, whatIf: whatIf.resolvingModuleEdits(current: current))
    }
    let profile: Profile
    do {
      profile = try whatIf.applied(to: originalProfile)
    } catch {
      throw Failure(message: error.message)
    }
    let base: MergedConfig
    do {
      base = whatIf.applied(toBase: try BaseConfig.build(etc: profile.etc, version: profile.behaviour))
    } catch {
      throw Failure(message: "\(error.layer): \(error.message)")
    }
    let launchIndex = Self.launchIndex(profile.instanceData)
    let extraParts = whatIf.userDataPart().map { [$0] } ?? []
    // A --set with no user-data: as if the instance had just that one cloud-config part.
    var user = (userData ?? (extraParts.isEmpty ? nil : [])).map {
      UserDataConfigResult.process(
        $0, label: "user-data", version: profile.behaviour, includes: includes, instanceData: profile.instanceData,
        launchIndex: launchIndex, extraParts: extraParts)
    }
    if var processed = user {
      processed.config = whatIf.applied(toUserData: processed.config)
      user = processed
    }
    let vendor = vendorData.map {
      UserDataConfigResult.process($0, label: "vendor-data", version: profile.behaviour, instanceData: profile.instanceData)
    }
    for (role, result) in [("user-data", user), ("vendor-data", vendor)] {
      if let refused = result?.processed.refused { throw Failure(message: "\(role): \(refused.message)") }
    }
    let merged: MergedConfig
    do {
      merged = try EffectiveConfig.merge(base: base, userData: user?.config, vendorData: vendor?.config, version: profile.behaviour)
    } catch {
      throw Failure(message: "\(error.layer): \(error.message)")
    }
    return simulate(
      profile: profile, base: base, userData: user, merged: merged, boots: boots, vendorPatches: vendorPatches,
      offline: offline)
  }

  /// The simulation of configs already loaded and merged: each boot's decisions and the verdicts.
  public static func simulate(
    profile: Profile, base: MergedConfig, userData: UserDataConfigResult?, merged: MergedConfig,
    boots: [ModulePipeline.Boot], vendorPatches: Bool = true, offline: Bool = false
  ) -> Simulation {
    let (plans, packages) = decide(
      profile: profile, base: base, merged: merged, initStageRuns: userData?.processed.fatal == nil, boots: boots,
      vendorPatches: vendorPatches, parts: userData?.processed.parts ?? [], offline: offline)
    var simulation = Simulation(
      profile: profile, base: base, userData: userData, merged: merged, plans: plans, packages: packages)
    simulation.offline = offline
    return simulation
  }

  /// The module decisions of each boot and the package verdicts for a merged config.
  public static func decide(
    profile: Profile, base: MergedConfig, merged: MergedConfig, initStageRuns: Bool, boots: [ModulePipeline.Boot],
    vendorPatches: Bool, parts: [UserDataPart] = [], offline: Bool = false
  ) -> (plans: [(boot: ModulePipeline.Boot, plan: StagePlan)], packages: [PackageVerdict]) {
    var catalog = ModuleCatalog(version: profile.behaviour)
    if vendorPatches { catalog = catalog.withVendorChanges(of: profile) }
    var distro = profile.distro
    if case .mapping(let root) = merged.root.value, case .mapping(let info) = root["system_info"]?.value,
       case .string(let name) = info["distro"]?.value { distro = name }
    let plans = ModulePipeline.boots(
      boots, config: merged.moduleView, catalog: catalog, distro: distro, initStageRuns: initStageRuns)
    // A package counts as installed when any boot installs it (the first such boot is reported).
    var packages: [PackageVerdict] = []
    for (index, plan) in plans.enumerated() {
      let verdicts = PackageAnalysis.verdicts(config: merged.moduleView, plan: plan, profile: profile, base: base, parts: parts)
      if index == 0 {
        packages = verdicts.map { var verdict = $0; verdict.boot = boots[0]; return verdict }
        continue
      }
      for (position, verdict) in verdicts.enumerated()
      where position < packages.count && !packages[position].installed && verdict.installed {
        packages[position] = verdict
        packages[position].boot = boots[index]
        packages[position].reasons[0] += " (on boot \(index + 1), \(boots[index].rawValue))"
      }
    }
    if offline { packages = packages.map { PackageAnalysis.offline($0, profile: profile) } }
    let annotated = plans.map {
      ModuleEffects.annotate($0, config: merged.moduleView, parts: parts, profile: profile, packages: packages, offline: offline,
        vendorPatches: vendorPatches)
    }
    return (Array(zip(boots, annotated)), packages)
  }

  /// The distro modules see: `system_info.distro` of the merged config, else the profile's.
  public var distro: String {
    if case .mapping(let root) = merged.root.value, case .mapping(let info) = root["system_info"]?.value,
       case .string(let name) = info["distro"]?.value { return name }
    return profile.distro
  }

  /// EC2's launch index from the instance data (`ds.meta_data.ami-launch-index`).
  static func launchIndex(_ instanceData: YAMLNode?) -> Int? {
    guard case .mapping(let data) = instanceData?.value, case .mapping(let ds) = data["ds"]?.value,
          case .mapping(let metadata) = ds["meta_data"]?.value, case .string(let text) = metadata["ami-launch-index"]?.value
    else { return nil }
    return Int(text)
  }
}
