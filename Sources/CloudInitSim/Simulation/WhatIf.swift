/// Overrides tried before shipping them: on the image side (as if a drop-in
/// `/etc/cloud/cloud.cfg.d/99-what-if.cfg` existed) and on the user-data side (as if a last
/// cloud-config part existed). Each keeps a named, synthetic source so provenance stays honest.
public struct WhatIf: Sendable, Equatable {
  /// `KEY=YAML`: a dotted key path and the value to set there.
  public struct Assignment: Sendable, Equatable {
    public var path: [String]
    public var value: YAMLNode
  }

  /// A bad `--set`/`--unset` argument.
  public struct Failure: Error, Sendable, Equatable {
    public var message: String
  }

  /// `--image-set`: written into the synthetic drop-in.
  public var imageSet: [Assignment] = []
  /// `--image-unset`: removed from the image's merged config.
  public var imageUnset: [[String]] = []
  /// `--set`: written into the synthetic last cloud-config part.
  public var set: [Assignment] = []
  /// `--unset`: removed from the merged user-data cloud-config.
  public var unset: [[String]] = []
  /// `--add-module` / `--remove-module`, resolved against the current lists by `resolvingModuleEdits`.
  public var moduleEdits: [ModuleEdit] = []
  /// `--in-user-data`: module edits become a user-data list (replacing the image's whole list).
  public var editsInUserData = false

  /// The name the image-side override takes in cloud.cfg.d (it sorts where that name would).
  public static let dropInName = "99-what-if.cfg"
  /// The label of the user-data-side part.
  public static let partLabel = "what-if --set (a last cloud-config part)"

  public init() {}

  /// Whether there is nothing to try.
  public var isEmpty: Bool { imageSet.isEmpty && imageUnset.isEmpty && set.isEmpty && unset.isEmpty && moduleEdits.isEmpty }

  /// Parses `KEY=YAML` (`KEY` may be dotted: `a.b=1` sets `b` inside `a`); the value is read as
  /// cloud-init reads YAML, so `--set package_upgrade=yes` is the boolean true.
  public static func assignment(_ text: String, option: String) throws(Failure) -> Assignment {
    guard let equals = text.firstIndex(of: "=") else {
      throw Failure(message: "\(option) \(text): write KEY=VALUE, e.g. \(option) 'packages=[jq]'")
    }
    let path = try keyPath(String(text[..<equals]), option: option)
    let valueText = String(text[text.index(after: equals)...])
    do {
      let value = try YAMLLoader().load(valueText, file: "\(option) \(path.joined(separator: "."))").root
      return Assignment(path: path, value: value)
    } catch {
      throw Failure(message: "\(option) \(text): the value is not YAML: \(error.problem)")
    }
  }

  /// Parses a dotted key path.
  public static func keyPath(_ text: String, option: String) throws(Failure) -> [String] {
    let path = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    guard !path.isEmpty, path.allSatisfy({ !$0.isEmpty }) else {
      throw Failure(message: "\(option) '\(text)': a key is a name or a dotted path (a.b), without empty parts")
    }
    return path
  }

  /// `profile` with the synthetic drop-in among its cloud.cfg.d files.
  public func applied(to profile: Profile) throws(Failure) -> Profile {
    guard let dropIn = try imageDropIn() else { return profile }
    var changed = profile
    changed.etc.cloudCfgD.removeAll { $0.name == dropIn.name }
    changed.etc.cloudCfgD.append(dropIn)
    return changed
  }

  /// The image's merged config without the `--image-unset` keys.
  public func applied(toBase base: MergedConfig) -> MergedConfig {
    var changed = base
    changed.root = Self.removing(imageUnset, from: base.root)
    return changed
  }

  /// User-data's merged cloud-config without the `--unset` keys.
  public func applied(toUserData config: EffectiveConfig.UserDataConfig?) -> EffectiveConfig.UserDataConfig? {
    guard var config else { return nil }
    config.root = Self.removing(unset, from: config.root)
    return config
  }

  /// The synthetic drop-in holding `imageSet`, or nil when there is none.
  public func imageDropIn() throws(Failure) -> EtcCloud.File? {
    guard !imageSet.isEmpty else { return nil }
    let mark = SourceMark(file: "cloud.cfg.d/\(Self.dropInName) (what-if)", line: 1, column: 1)
    do {
      let text = "# cloudinit-sim what-if: --image-set\n" + (try YAMLEmitter.emit(Self.document(imageSet, mark: mark)))
      return EtcCloud.File(path: "cloud.cfg.d/\(Self.dropInName) (what-if --image-set)", name: Self.dropInName, bytes: Array(text.utf8))
    } catch {
      throw Failure(message: "--image-set: the values cannot be written as YAML (\(error.problem))")
    }
  }

  /// The synthetic last cloud-config part holding `set`, or nil when there is none.
  public func userDataPart() -> CloudConfigParts.Part? {
    guard !set.isEmpty else { return nil }
    let mark = SourceMark(file: Self.partLabel, line: 1, column: 1)
    return CloudConfigParts.Part(payload: Self.document(set, mark: mark), label: Self.partLabel)
  }

  /// `root` without the value at each of `paths` (missing paths are left alone).
  public static func removing(_ paths: [[String]], from root: YAMLNode) -> YAMLNode {
    paths.reduce(root) { removing($1[...], from: $0) }
  }

  private static func removing(_ path: ArraySlice<String>, from node: YAMLNode) -> YAMLNode {
    guard let key = path.first, case .mapping(var mapping) = node.value,
          let index = mapping.entries.firstIndex(where: { $0.key.value == .string(key) }) else { return node }
    if path.count == 1 {
      mapping.entries.remove(at: index)
    } else {
      mapping.entries[index].value = removing(path.dropFirst(), from: mapping.entries[index].value)
    }
    var result = node
    result.value = .mapping(mapping)
    return result
  }

  /// The mapping `{a: {b: value}}` for each assignment, later ones winning, in order.
  static func document(_ assignments: [Assignment], mark: SourceMark) -> YAMLNode {
    var root = YAMLNode(.mapping(YAMLMapping()), mark: mark)
    for assignment in assignments { root = setting(assignment.path[...], to: assignment.value, in: root, mark: mark) }
    return root
  }

  /// `node` with `value` at `path` (mappings made on the way, keys marked with `mark`).
  static func setting(_ path: ArraySlice<String>, to value: YAMLNode, in node: YAMLNode, mark: SourceMark) -> YAMLNode {
    guard let key = path.first else { return value }
    var mapping = if case .mapping(let existing) = node.value { existing } else { YAMLMapping() }
    let child: YAMLNode
    if let index = mapping.entries.firstIndex(where: { $0.key.value == .string(key) }) {
      child = setting(path.dropFirst(), to: value, in: mapping.entries[index].value, mark: mark)
      mapping.entries[index].value = child
    } else {
      child = setting(path.dropFirst(), to: value, in: YAMLNode(.mapping(YAMLMapping()), mark: mark), mark: mark)
      mapping.entries.append(YAMLMapping.Entry(key: YAMLNode(.string(key), mark: mark), value: child))
    }
    return YAMLNode(.mapping(mapping), mark: node.mark)
  }
}
