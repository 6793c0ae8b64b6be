/// cloud-init's modules per version, as data: frequency, supported distros, activation keys.
public struct ModuleCatalog: Sendable {
  /// One module at one version (a row of `Tests/ModuleCatalog/MODULES.tsv`).
  public struct Row: Sendable, Equatable {
    /// The cloud-init version, e.g. `22.2.2`.
    public var version: String
    /// The module's name without `cc_` (`package_update_upgrade_install`).
    public var module: String
    /// `always`, `once-per-instance` or `once`.
    public var frequency: String
    /// The distros it is verified on; `["all"]` or empty means every distro.
    public var distros: [String]
    /// 22.3+: top-level keys of which at least one must be present for the module to run.
    public var activationKeys: [String]
  }

  /// The modules of one version, by `cc_` name.
  public let modules: [String: Row]

  /// The catalog of `version` (upstream modules only).
  public init(version: CloudInitVersion) {
    var modules: [String: Row] = [:]
    for row in Self.rows where row.version == version.rawValue {
      modules["cc_" + row.module] = row
    }
    self.modules = modules
  }

  /// The versions the catalog has data for (the modelled ones and the newest upstream).
  public static var versions: [String] {
    var seen: [String] = []
    for row in rows where !seen.contains(row.version) { seen.append(row.version) }
    return seen
  }

  /// The upstream modules of `version` (any catalog version, e.g. `26.2`), by name.
  public static func rows(for version: String) -> [Row] {
    rows.filter { $0.version == version }.sorted { $0.module < $1.module }
  }

  /// The plain-words description of a module (`cc_` name or list spelling), when there is one.
  public static func description(of module: String) -> String? {
    let name = ModuleList.formModuleName(module)
    return descriptions[String(name.dropFirst(3))]
  }

  /// The catalog with the profile's vendor modules added and its distro support changes applied.
  public func withVendorChanges(of profile: Profile) -> ModuleCatalog {
    var modules = self.modules
    for vendor in profile.vendorModules {
      let name = ModuleList.formModuleName(vendor.name)
      modules[name] = Row(
        version: profile.behaviour.rawValue, module: String(name.dropFirst(3)), frequency: vendor.frequency,
        distros: vendor.distros, activationKeys: [])
    }
    for change in profile.distroSupportChanges {
      let name = ModuleList.formModuleName(change.module)
      if var row = modules[name], !row.distros.contains(profile.distro) {
        row.distros.append(profile.distro)
        modules[name] = row
      }
    }
    return ModuleCatalog(modules: modules)
  }

  private init(modules: [String: Row]) {
    self.modules = modules
  }
}
