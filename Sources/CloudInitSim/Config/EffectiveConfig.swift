/// The config the modules see on an instance: user-data cloud-config over the base config,
/// as `helpers.ConfigMerger._read_cfg` merges them (`mergemanydict([cloud-config.txt,
/// vendor cloud-config, datasource config, base config])`; the Ec2 datasource adds `{}`).
public enum EffectiveConfig {
  /// A user-data cloud-config part, after the part handler has merged it into its buffer.
  public struct UserDataConfig: Sendable, Equatable {
    /// The merged buffer, as written to `cloud-config.txt` (no `merge_how`).
    public var root: YAMLNode
    /// The file it came from, for messages.
    public var label: String

    /// Creates a user-data config.
    public init(root: YAMLNode, label: String) {
      self.root = root
      self.label = label
    }
  }

  /// Reads a single `#cloud-config` payload as `CloudConfigPartHandler` does: `load_yaml`
  /// (a mapping or nothing), its `merge_how`/`merge_type` removed, merged into an empty buffer.
  public static func cloudConfigPart(label: String, bytes: [UInt8]) -> (UserDataConfig?, ConfigLayer) {
    let layer = ConfigLayer.load(label: label, bytes: bytes)
    guard case .read = layer.status, case .mapping(var mapping) = layer.root.value else {
      // cloud-init: load_yaml gives None, "empty cloud config" is raised and the part dropped.
      return (nil, layer)
    }
    // dict_extract_mergers removes these; a single part merges into {} whatever they say.
    _ = try? MergerSpec.extract(from: &mapping)
    return (UserDataConfig(root: YAMLNode(.mapping(mapping), mark: layer.root.mark), label: label), layer)
  }

  /// Merges user-data (and vendor-data) cloud-config over the base config.
  public static func merge(
    base: MergedConfig, userData: UserDataConfig?, vendorData: UserDataConfig?, version: CloudInitVersion
  ) throws(ConfigMergeError) -> MergedConfig {
    var layers: [ConfigLayer] = []
    if let userData {
      layers.append(ConfigLayer(label: userData.label, status: .read, root: userData.root, mergers: .configDefault, warnings: []))
    }
    if let vendorData {
      layers.append(ConfigLayer(label: vendorData.label, status: .read, root: vendorData.root, mergers: .configDefault, warnings: []))
    }
    layers.append(ConfigLayer(label: "base config", status: .read, root: base.root, mergers: .configDefault, warnings: []))
    let merged = try ConfigMerge.mergeMany(layers, label: "merged config", version: version)
    return MergedConfig(
      root: merged.root, layers: Array(merged.layers.dropLast()) + base.layers, events: base.events + merged.events)
  }
}

extension MergedConfig {
  /// The events that decided `path` or anything below it, in order.
  public func events(at path: [String]) -> [MergeEvent] {
    events.filter { $0.path.starts(with: path) }
  }

  /// The node at `path` in the merged config.
  public func value(at path: [String]) -> YAMLNode? {
    var node = root
    for key in path {
      guard case .mapping(let mapping) = node.value, let next = mapping[key] else { return nil }
      node = next
    }
    return node
  }

  /// The config with `system_info` taken out, as modules see it.
  public var moduleView: YAMLNode {
    guard case .mapping(var mapping) = root.value else { return root }
    mapping.entries.removeAll { $0.key.value == .string("system_info") }
    return YAMLNode(.mapping(mapping), mark: root.mark)
  }
}
