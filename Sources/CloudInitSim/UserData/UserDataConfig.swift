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
  /// Warnings from rendering jinja parts, in cloud-init's words or the simulator's.
  public var renderWarnings: [String]

  /// Processes raw user-data bytes named `label`.
  /// `instanceData` is `/run/cloud-init/instance-data.json` of the simulated instance, for jinja parts.
  public static func process(
    _ bytes: [UInt8], label: String, version: CloudInitVersion, includes: [String: [UInt8]] = [:],
    instanceData: YAMLNode? = nil, launchIndex: Int? = nil, extraParts: [CloudConfigParts.Part] = []
  ) -> UserDataConfigResult {
    var processed = UserDataProcessor(version: version, includes: includes, launchIndex: launchIndex).process(bytes)
    var layers: [ConfigLayer] = []
    var parts: [CloudConfigParts.Part] = []
    var renderWarnings: [String] = []
    // Built only when a jinja part needs them: flattening instance data costs more than the
    // rest of a simulation.
    var cachedVariables: YAMLNode??
    func jinjaVariables() -> YAMLNode? {
      if let cachedVariables { return cachedVariables }
      let built = instanceData.map(JinjaTemplate.variables(from:))
      cachedVariables = .some(built)
      return built
    }
    for index in processed.parts.indices {
      var part = processed.parts[index]
      var payload = part.payload
      if part.handler == .jinja {
        guard let variables = jinjaVariables() else {
          renderWarnings.append("\(part.filename): a jinja part, but no instance data to render it with: left out here")
          continue
        }
        switch JinjaTemplate.render(part.text, filename: part.filename, variables: variables) {
        case .rendered(let text, let warning):
          if let warning { renderWarnings.append(warning) }
          payload = Array(text.utf8)
          let subtype = UserDataProcessor.typeFromStartsWith(payload, version: version)
          guard subtype == "text/cloud-config" || subtype == "text/x-shellscript" else {
            renderWarnings.append(
              "Ignoring jinja template for \(part.filename). Could not find supported sub-handler for type \(subtype ?? "None")")
            continue
          }
          part.renderedContentType = subtype
          processed.parts[index] = part
          guard subtype == "text/cloud-config" else { continue }
        case .ignored(let reason):
          renderWarnings.append("Ignoring jinja template for \(part.filename): \(reason)")
          continue
        case .unsupported(let reason):
          renderWarnings.append("\(part.filename): \(reason): the part is left out here, cloud-init would render it")
          continue
        }
      } else if part.contentType == "text/cloud-config-jsonp" {
        // _merge_patch: the prefix line removed, the rest read as JSON.
        var text = Substring(part.text).drop { PythonConversions.isPythonWhitespace($0.unicodeScalars.first ?? "x") }
        if text.hasPrefix("#cloud-config-jsonp") { text = text.dropFirst("#cloud-config-jsonp".count) }
        let partLabel = "\(label) (\(part.filename))"
        let patch = try? YAMLLoader().load(String(text), file: partLabel).root
        parts.append(CloudConfigParts.Part(payload: nil, label: partLabel, jsonPatch: patch ?? YAMLNode(.null, mark: SourceMark(file: partLabel, line: 1, column: 1))))
        continue
      } else if !(part.contentType == "text/cloud-config" && part.handler == .cloudConfig) {
        continue
      }
      let partLabel = processed.parts.count == 1 ? label : "\(label) (\(part.filename))"
      let layer = ConfigLayer.load(label: partLabel, bytes: payload)
      layers.append(layer)
      let loaded: YAMLNode? = if case .read = layer.status { layer.root } else { nil }
      parts.append(CloudConfigParts.Part(
        payload: loaded, mergeTypeHeader: part.headers["Merge-Type"], xMergeTypeHeader: part.headers["X-Merge-Type"],
        label: partLabel))
    }
    parts += extraParts
    let merged = CloudConfigParts.merge(parts, version: version)
    let config = merged.buffer.map { EffectiveConfig.UserDataConfig(root: $0, label: label) }
    return UserDataConfigResult(
      processed: processed, cloudConfigLayers: layers, outcomes: merged.outcomes, config: config, events: merged.events,
      renderWarnings: renderWarnings)
  }
}
