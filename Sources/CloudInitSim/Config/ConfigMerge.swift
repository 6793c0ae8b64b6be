/// The result of merging config layers: the config, and every decision the merge made.
public struct MergedConfig: Sendable, Equatable {
  /// The merged config (a mapping); every value keeps the mark of the file and line it came from.
  public var root: YAMLNode
  /// The layers, highest priority first, as they were merged.
  public var layers: [ConfigLayer]
  /// Every merge decision, in the order made.
  public var events: [MergeEvent]
}

/// A merge cloud-init itself would fail on (an unknown merger name, a type it cannot combine).
public struct ConfigMergeError: Error, Sendable, Equatable {
  /// The layer whose merge failed.
  public var layer: String
  /// cloud-init's own words (the Python exception).
  public var message: String
}

package enum ConfigMerge {
  /// `util.mergemanydict`: `layers` highest priority first; each non-empty layer's `merge_how`
  /// (or `merge_type`) is removed from it and decides how it merges into what is above it.
  package static func mergeMany(
    _ layers: [ConfigLayer], label: String, version: CloudInitVersion
  ) throws(ConfigMergeError) -> MergedConfig {
    var merged = YAMLNode(.mapping(YAMLMapping()), mark: SourceMark(file: label, line: 1, column: 1))
    var events: [MergeEvent] = []
    var applied: [ConfigLayer] = []
    for var layer in layers {
      guard case .mapping(var mapping) = layer.root.value, !mapping.entries.isEmpty else {
        applied.append(layer)
        continue
      }
      var spec = MergerSpec.configDefault
      do {
        if let parsed = try MergerSpec.extract(from: &mapping), !parsed.mergers.isEmpty { spec = parsed }
      } catch {
        throw ConfigMergeError(layer: layer.label, message: error.message)
      }
      layer.root = YAMLNode(.mapping(mapping), mark: layer.root.mark)
      layer.mergers = spec
      var merger = CloudInitMerger(spec, version: version)
      do {
        merged = try merger.merge(merged, layer.root)
      } catch {
        throw ConfigMergeError(layer: layer.label, message: error.message)
      }
      events += merger.events
      applied.append(layer)
    }
    return MergedConfig(root: merged, layers: applied, events: events)
  }
}
