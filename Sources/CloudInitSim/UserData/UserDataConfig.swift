/// User-data (or vendor-data) as far as configuration goes: its parts, and the cloud-config
/// parts merged into the buffer cloud-init writes to `cloud-config.txt`.
public struct UserDataConfigResult: Sendable, Equatable {
  /// The processed parts.
  public var processed: UserDataProcessor.Result
  /// Each cloud-config part's payload as loaded (a failed load means cloud-init drops the part).
  public var cloudConfigLayers: [ConfigLayer]
  /// What happened to each cloud-config part in the merge.
  public var outcomes: [CloudConfigParts.Outcome]
  /// The merged cloud-config, or nil when there was no cloud-config part.
  public var config: EffectiveConfig.UserDataConfig?
  /// The merge decisions between parts.
  public var events: [MergeEvent]

  /// Processes raw user-data bytes named `label`.
  public static func process(
    _ bytes: [UInt8], label: String, version: CloudInitVersion, includes: [String: [UInt8]] = [:]
  ) -> UserDataConfigResult {
    let processed = UserDataProcessor(version: version, includes: includes).process(bytes)
    var layers: [ConfigLayer] = []
    var parts: [CloudConfigParts.Part] = []
    for part in processed.parts where part.contentType == "text/cloud-config" && part.handler == .cloudConfig {
      let partLabel = processed.parts.count == 1 ? label : "\(label) (\(part.filename))"
      let layer = ConfigLayer.load(label: partLabel, bytes: part.payload)
      layers.append(layer)
      let payload: YAMLNode? = if case .read = layer.status { layer.root } else { nil }
      parts.append(CloudConfigParts.Part(
        payload: payload, mergeTypeHeader: part.headers["Merge-Type"], xMergeTypeHeader: part.headers["X-Merge-Type"],
        label: partLabel))
    }
    let merged = CloudConfigParts.merge(parts, version: version)
    let config = merged.buffer.map { EffectiveConfig.UserDataConfig(root: $0, label: label) }
    return UserDataConfigResult(
      processed: processed, cloudConfigLayers: layers, outcomes: merged.outcomes, config: config, events: merged.events)
  }
}
