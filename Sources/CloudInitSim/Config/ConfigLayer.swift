/// One source of configuration as cloud-init read it, and what became of it.
public struct ConfigLayer: Sendable, Equatable {
  /// What happened when cloud-init read the source.
  public enum Status: Sendable, Equatable {
    /// Read; its mapping takes part in the merge.
    case read
    /// Empty (or only comments): cloud-init treats it as `{}`.
    case empty
    /// Not loaded: cloud-init logs "Failed loading yaml blob" and uses `{}`. The error says why.
    case failed(YAMLError)
    /// Loaded but not a mapping: cloud-init logs "Failed loading yaml blob" and uses `{}`.
    case notAMapping(typeName: String)
    /// Not read at all (a cloud.cfg.d file not ending in `.cfg`).
    case ignored(reason: String)
  }

  /// The source's name in messages (a path, or a description such as the built-in defaults).
  public var label: String
  /// What happened.
  public var status: Status
  /// The mapping it contributed (empty unless `status` is `.read`); `merge_how` already removed.
  public var root: YAMLNode
  /// The mergers this layer was merged in with.
  public var mergers: MergerSpec
  /// Duplicate keys and other silent oddities found while loading.
  public var warnings: [YAMLWarning]

  /// Creates a layer (the fuzz target builds them from arbitrary documents).
  package init(label: String, status: Status, root: YAMLNode, mergers: MergerSpec, warnings: [YAMLWarning]) {
    self.label = label
    self.status = status
    self.root = root
    self.mergers = mergers
    self.warnings = warnings
  }
}

extension ConfigLayer {
  /// Loads one config file exactly as `util.read_conf` / `util.load_yaml` does.
  static func load(label: String, bytes: [UInt8]) -> ConfigLayer {
    let empty = YAMLNode(.mapping(YAMLMapping()), mark: SourceMark(file: label, line: 1, column: 1))
    let document: YAMLDocument
    do {
      document = try YAMLLoader().load(bytes, file: label)
    } catch {
      return ConfigLayer(label: label, status: .failed(error), root: empty, mergers: .configDefault, warnings: [])
    }
    switch document.root.value {
    case .null:
      return ConfigLayer(label: label, status: .empty, root: empty, mergers: .configDefault, warnings: document.warnings)
    case .mapping:
      return ConfigLayer(label: label, status: .read, root: document.root, mergers: .configDefault, warnings: document.warnings)
    default:
      return ConfigLayer(
        label: label, status: .notAMapping(typeName: document.root.value.typeName), root: empty,
        mergers: .configDefault, warnings: document.warnings)
    }
  }
}
