import CloudInitSim

/// The text of `profiles` and `profiles show`.
struct ProfileRenderer {
  static let stages = ["cloud_init_modules", "cloud_config_modules", "cloud_final_modules"]

  func list(_ profiles: [Profile]) -> String {
    let width = profiles.map(\.name.count).max() ?? 0
    return profiles.map { profile in
      let pad = String(repeating: " ", count: width - profile.name.count)
      return "\(profile.name)\(pad)  cloud-init \(profile.behaviour.rawValue)  \(profile.distro)/\(profile.packageManager)  \(profile.title)"
    }.joined(separator: "\n") + "\n"
  }

  func show(_ profile: Profile, base: MergedConfig, parent: (Profile, MergedConfig)?) -> String {
    var lines: [String] = []
    lines.append("\(profile.name): \(profile.title)")
    lines.append(contentsOf: wrap(profile.description, indent: "  "))
    lines.append("")
    lines.append("cloud-init    \(profile.cloudInitPackage) (behaves as upstream \(profile.behaviour.rawValue)), Python \(profile.python)")
    lines.append("distro        \(profile.distro), \(profile.packageManager): \(profile.packageCommand); default user \(profile.defaultUser)")
    lines.append("platform      \(profile.cloud), raw user-data up to \(profile.userDataLimitBytes) bytes")
    lines.append("cluster join  \(profile.clusterJoinMethod)")
    if !profile.clusterJoinDescription.isEmpty {
      lines.append(contentsOf: wrap(profile.clusterJoinDescription, indent: "              "))
    }
    lines.append("")
    lines.append("files (highest priority first)")
    for layer in base.layers {
      lines.append("  \(layer.label)  \(status(layer.status))")
    }
    lines.append("")
    lines.append("modules per stage (from the merged base config)")
    for stage in Self.stages {
      let entries = Self.modules(base.root, stage)
      let origin = Self.value(base.root, stage).map { "\($0.mark.file):\($0.mark.line)" } ?? "not set"
      lines.append("  \(stage)  (\(entries.count) modules, \(origin))")
      for entry in entries {
        lines.append("    \(String(entry.line).leftPadded(to: 4))  \(entry.text)")
      }
    }
    if !profile.vendorModules.isEmpty {
      lines.append("")
      lines.append("modules this image adds to upstream \(profile.behaviour.rawValue)")
      for module in profile.vendorModules {
        lines.append("  \(module.name)  \(module.frequency), \(module.stage), distros \(module.distros.joined(separator: ","))  [\(module.confidence)]")
        lines.append(contentsOf: wrap(module.description, indent: "    "))
      }
    }
    if !profile.distroSupportChanges.isEmpty {
      lines.append("")
      lines.append("distro support changes")
      for change in profile.distroSupportChanges {
        lines.append("  \(change.module): \(change.change)  [\(change.confidence)]")
      }
    }
    if !profile.upstreamDifferences.isEmpty {
      lines.append("")
      lines.append("behaviour that differs from upstream (applied by name)")
      for difference in profile.upstreamDifferences {
        lines.append("  \(difference.name)  [\(difference.confidence)]")
        lines.append(contentsOf: wrap(difference.description, indent: "    "))
      }
    }
    if !profile.buildChanges.isEmpty {
      lines.append("")
      lines.append("what the image build changed")
      for change in profile.buildChanges {
        lines.append("  \(change.file): \(change.effect)  [\(change.confidence)]")
        lines.append("    command: \(change.command)")
        lines.append("    reason:  \(change.reason)")
      }
    }
    if let (parentProfile, parentBase) = parent {
      lines.append("")
      lines.append("compared with \(parentProfile.name)")
      var differences = 0
      for stage in Self.stages {
        let mine = Self.modules(base.root, stage).map(\.text)
        let theirs = Self.modules(parentBase.root, stage)
        for entry in theirs where !mine.contains(entry.text) {
          lines.append("  \(stage): - \(entry.text)  (\(parentProfile.name) line \(entry.line))")
          differences += 1
        }
        for entry in Self.modules(base.root, stage) where !theirs.map(\.text).contains(entry.text) {
          lines.append("  \(stage): + \(entry.text)  (line \(entry.line))")
          differences += 1
        }
      }
      if differences == 0 { lines.append("  the same modules in every stage") }
    }
    lines.append("")
    lines.append("sources")
    for source in profile.sources {
      lines.append("  [\(source.confidence)] \(source.fact): \(source.source)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private func status(_ status: ConfigLayer.Status) -> String {
    switch status {
    case .read: "read"
    case .empty: "empty"
    case .failed(let error): "FAILED at \(error.mark.line):\(error.mark.column): \(error.problem) (cloud-init uses {})"
    case .notAMapping(let typeName): "FAILED: a \(typeName), not a mapping (cloud-init uses {})"
    case .ignored(let reason): "ignored: \(reason)"
    }
  }

  static func value(_ root: YAMLNode, _ key: String) -> YAMLNode? {
    guard case .mapping(let mapping) = root.value else { return nil }
    return mapping[key]
  }

  /// A stage's module entries as written (`name`, or `[name, frequency]`), with their lines.
  static func modules(_ root: YAMLNode, _ stage: String) -> [(text: String, line: Int)] {
    guard let list = value(root, stage), case .sequence(let items) = list.value else { return [] }
    return items.map { item in
      switch item.value {
      case .string(let name): (name, item.mark.line)
      case .sequence(let parts): ("[" + parts.map(\.value.pythonLiteral).joined(separator: ", ") + "]", item.mark.line)
      default: (item.value.pythonLiteral, item.mark.line)
      }
    }
  }

  private func wrap(_ text: String, indent: String, width: Int = 100) -> [String] {
    var lines: [String] = []
    var current = indent
    for word in text.split(whereSeparator: \.isWhitespace) {
      if current.count + word.count + 1 > width, current != indent {
        lines.append(current)
        current = indent
      }
      current += (current == indent ? "" : " ") + word
    }
    if current != indent { lines.append(current) }
    return lines
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: " ", count: max(0, width - count)) + self
  }
}
