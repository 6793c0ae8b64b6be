/// The configuration cloud-init reads before any user-data: `stages.fetch_base_config`.
public enum BaseConfig {
  /// Merges the built-in defaults, `cloud.cfg` and `cloud.cfg.d/*.cfg` as cloud-init does
  /// (19.3 and 22.2.2 alike): `mergemanydict([cmdline, runtime, read_conf_with_confd(cloud.cfg),
  /// CFG_BUILTIN])`, where `read_conf_with_confd` is `mergemanydict([read_conf_d(cloud.cfg.d),
  /// cloud.cfg])` and `read_conf_d` merges the `.cfg` files with the name that sorts last first.
  /// The kernel command line and `/run/cloud-init/cloud.cfg` are empty, as on a normal EC2 boot.
  public static func build(etc: EtcCloud, version: CloudInitVersion) throws(ConfigMergeError) -> MergedConfig {
    if #available(macOS 15.0, iOS 18.0, tvOS 18.0, watchOS 11.0, *) {
      return try BaseConfigCache.build(etc: etc, version: version)
    }
    return try merge(etc: etc, version: version)
  }

  /// `build` without the cache.
  static func merge(etc: EtcCloud, version: CloudInitVersion) throws(ConfigMergeError) -> MergedConfig {
    let dotD = etc.readConfigFiles.reversed().map { ConfigLayer.load(label: $0.path, bytes: $0.bytes) }
    let confD = try ConfigMerge.mergeMany(Array(dotD), label: "cloud.cfg.d", version: version)
    let cloudCfg = ConfigLayer.load(label: etc.cloudCfg.path, bytes: etc.cloudCfg.bytes)
    let confDLayer = ConfigLayer(
      label: "cloud.cfg.d/*.cfg (merged)", status: .read, root: confD.root, mergers: .configDefault, warnings: [])
    let withConfD = try ConfigMerge.mergeMany([confDLayer, cloudCfg], label: etc.cloudCfg.path, version: version)
    let builtin = ConfigLayer.load(label: BuiltinConfig.label(version), bytes: Array(BuiltinConfig.yaml(version).utf8))
    let combined = ConfigLayer(
      label: "\(etc.cloudCfg.path) with cloud.cfg.d", status: .read, root: withConfD.root,
      mergers: .configDefault, warnings: [])
    let base = try ConfigMerge.mergeMany([combined, builtin], label: "base config", version: version)
    let ignored = etc.ignoredFiles.map {
      ConfigLayer(
        label: $0.path, status: .ignored(reason: "cloud-init reads only names ending in .cfg"),
        root: YAMLNode(.mapping(YAMLMapping()), mark: SourceMark(file: $0.path, line: 1, column: 1)),
        mergers: .configDefault, warnings: [])
    }
    // Report the files themselves, highest priority first, not the intermediate merges.
    return MergedConfig(
      root: base.root,
      layers: confD.layers + [withConfD.layers[1], base.layers[1]] + ignored,
      events: confD.events + withConfD.events + base.events)
  }
}
