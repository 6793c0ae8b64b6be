extension Profile {
  /// Reads a profile from its `profile.yaml` and `/etc/cloud` files, checking every key strictly.
  public static func load(
    name: String, profileYAML: EtcCloud.File, etc: EtcCloud, instanceData: EtcCloud.File? = nil
  ) throws(ProfileError) -> Profile {
    let document: YAMLDocument
    do {
      document = try YAMLLoader().load(profileYAML.bytes, file: profileYAML.path)
    } catch {
      throw .yaml(error)
    }
    var profile: Profile
    do {
      profile = try parse(name: name, document.root, etc: etc)
    } catch {
      throw .invalid(error)
    }
    if let instanceData {
      do {
        profile.instanceData = try YAMLLoader().load(instanceData.bytes, file: instanceData.path).root
      } catch {
        throw .yaml(error)
      }
    }
    return profile
  }

  /// A profile for a bare `/etc/cloud` folder copied off an instance: only the facts given.
  public static func bare(etc: EtcCloud, behaviour: CloudInitVersion, distro: String) -> Profile {
    Profile(
      name: "etc", title: "/etc/cloud from \(etc.cloudCfg.path)",
      description: "A bare /etc/cloud folder, simulated with cloud-init \(behaviour.rawValue) behaviour.",
      derivesFrom: nil, cloudInitPackage: behaviour.rawValue, behaviour: behaviour, python: "3",
      distro: distro, packageManager: distro == "amazon" ? "dnf" : "unknown",
      packageCommand: "{command} {packages}", defaultUser: "unknown", cloud: "unknown",
      userDataLimitBytes: 16_384, vendorModules: [], distroSupportChanges: [], upstreamDifferences: [],
      clusterJoinMethod: "none", clusterJoinDescription: "", buildChanges: [], sources: [], etc: etc, instanceData: nil)
  }

  private static func parse(name: String, _ root: YAMLNode, etc: EtcCloud) throws(DataFileError) -> Profile {
    let top = try StrictMapping(root, what: "profile.yaml", allowed: [
      "schema", "title", "description", "derives_from", "cloud_init", "distro", "platform", "vendor_modules",
      "distro_support_changes", "upstream_differences", "cluster_join", "build_changes", "sources",
    ])
    let schema = try top.int("schema", in: "profile.yaml")
    guard schema == 1 else {
      throw DataFileError(
        mark: try top.required("schema", in: "profile.yaml").mark,
        problem: "profile schema \(schema) is not supported", hint: "this version of cloudinit-sim reads schema 1")
    }
    let cloudInit = try StrictMapping(try top.required("cloud_init", in: "profile.yaml"), what: "cloud_init",
                                      allowed: ["package", "behaviour", "python"])
    let behaviourNode = try cloudInit.required("behaviour", in: "cloud_init")
    let behaviourText = try StrictMapping.string(behaviourNode, what: "cloud_init.behaviour")
    guard let behaviour = CloudInitVersion(rawValue: behaviourText) else {
      throw DataFileError(
        mark: behaviourNode.mark, problem: "cloud-init behaviour '\(behaviourText)' is not modelled",
        hint: "use one of: \(CloudInitVersion.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    let distro = try StrictMapping(try top.required("distro", in: "profile.yaml"), what: "distro",
                                   allowed: ["name", "package_manager", "package_command", "default_user", "offline_error"])
    let platform = try StrictMapping(try top.required("platform", in: "profile.yaml"), what: "platform",
                                     allowed: ["cloud", "user_data_limit_bytes"])
    let join = try StrictMapping(try top.required("cluster_join", in: "profile.yaml"), what: "cluster_join",
                                 allowed: ["method", "description"])
    let method = try join.string("method", in: "cluster_join")
    guard ["none", "bootstrap-script", "nodeadm"].contains(method) else {
      throw DataFileError(
        mark: try join.required("method", in: "cluster_join").mark,
        problem: "unknown cluster_join.method '\(method)'", hint: "use none, bootstrap-script or nodeadm")
    }
    return Profile(
      name: name,
      title: try top.string("title", in: "profile.yaml"),
      description: try top.string("description", in: "profile.yaml"),
      derivesFrom: try top.optionalString("derives_from", in: "profile.yaml"),
      cloudInitPackage: try cloudInit.string("package", in: "cloud_init"),
      behaviour: behaviour,
      python: try cloudInit.string("python", in: "cloud_init"),
      distro: try distro.string("name", in: "distro"),
      packageManager: try distro.string("package_manager", in: "distro"),
      packageCommand: try distro.string("package_command", in: "distro"),
      defaultUser: try distro.string("default_user", in: "distro"),
      cloud: try platform.string("cloud", in: "platform"),
      userDataLimitBytes: try platform.int("user_data_limit_bytes", in: "platform"),
      vendorModules: try records(top, "vendor_modules", [
        "name", "frequency", "distros", "stage", "description", "confidence", "source",
      ]) { (item: StrictMapping) throws(DataFileError) in
        VendorModule(
          name: try item.string("name", in: "vendor module"), frequency: try item.string("frequency", in: "vendor module"),
          distros: try item.stringList("distros", in: "vendor module"), stage: try item.string("stage", in: "vendor module"),
          description: try item.string("description", in: "vendor module"),
          confidence: try confidence(item), source: try item.string("source", in: "vendor module"))
      },
      distroSupportChanges: try records(top, "distro_support_changes", ["module", "change", "confidence", "source"]) {
        (item: StrictMapping) throws(DataFileError) in
        DistroSupportChange(
          module: try item.string("module", in: "distro support change"),
          change: try item.string("change", in: "distro support change"),
          confidence: try confidence(item), source: try item.string("source", in: "distro support change"))
      },
      upstreamDifferences: try records(top, "upstream_differences", ["name", "description", "confidence", "source"]) {
        (item: StrictMapping) throws(DataFileError) in
        UpstreamDifference(
          name: try item.string("name", in: "upstream difference"),
          description: try item.string("description", in: "upstream difference"),
          confidence: try confidence(item), source: try item.string("source", in: "upstream difference"))
      },
      clusterJoinMethod: method,
      clusterJoinDescription: try join.string("description", in: "cluster_join"),
      buildChanges: try records(top, "build_changes", ["file", "command", "effect", "reason", "confidence", "source"]) {
        (item: StrictMapping) throws(DataFileError) in
        BuildChange(
          file: try item.string("file", in: "build change"), command: try item.string("command", in: "build change"),
          effect: try item.string("effect", in: "build change"), reason: try item.string("reason", in: "build change"),
          confidence: try confidence(item), source: try item.string("source", in: "build change"))
      },
      sources: try records(top, "sources", ["fact", "confidence", "source"]) { (item: StrictMapping) throws(DataFileError) in
        FactSource(
          fact: try item.string("fact", in: "source"), confidence: try confidence(item),
          source: try item.string("source", in: "source"))
      },
      etc: etc, instanceData: nil,
      offlineError: try distro.optionalString("offline_error", in: "distro"))
  }

  private static func records<Record>(
    _ top: StrictMapping, _ key: String, _ allowed: [String],
    _ make: (StrictMapping) throws(DataFileError) -> Record
  ) throws(DataFileError) -> [Record] {
    var result: [Record] = []
    for item in try top.list(key, in: "profile.yaml") {
      result.append(try make(try StrictMapping(item, what: "an item of \(key)", allowed: allowed)))
    }
    return result
  }

  private static func confidence(_ item: StrictMapping) throws(DataFileError) -> String {
    let node = try item.required("confidence", in: "the item")
    let value = try StrictMapping.string(node, what: "confidence")
    guard ["H", "M", "L"].contains(value) else {
      throw DataFileError(mark: node.mark, problem: "confidence must be H, M or L, not '\(value)'")
    }
    return value
  }
}

/// A profile that cannot be loaded.
public enum ProfileError: Error, Sendable, Equatable {
  /// `profile.yaml` is not valid YAML.
  case yaml(YAMLError)
  /// `profile.yaml` is YAML but not a valid profile.
  case invalid(DataFileError)
  /// A file the profile needs is missing.
  case missingFile(path: String, hint: String)
}
