import CloudInitSim
import Foundation

/// One fuzz target: a layer of the simulator fed arbitrary bytes. Each must return for every
/// input (an error is a fine answer); a crash, a hang or runaway memory is a finding.
enum FuzzTarget: String, CaseIterable, Sendable {
  /// The YAML layer: load (PyYAML SafeLoader rules), then emit and re-express what loaded.
  case yaml
  /// User-data decoding: gzip, MIME, part typing, `#include`, archives, under each version.
  case userData = "user-data"
  /// The merge: a merge-corpus document (`kind: mergemanydict|parts`) merged under each version.
  case merge
  /// The whole pipeline: bytes as user-data on every bundled profile, three boots, then the
  /// report value's findings and a diff against the same image without user-data.
  case pipeline

  /// Runs one input through the target.
  func run(_ bytes: [UInt8], images: [FuzzContext.Image]) {
    switch self {
    case .yaml: Self.yaml(bytes)
    case .userData: Self.userData(bytes)
    case .merge: Self.merge(bytes)
    case .pipeline: Self.pipeline(bytes, images: images)
    }
  }

  private static func yaml(_ bytes: [UInt8]) {
    for dialect in [YAMLLoader.Dialect.cloudInit, .safeLoad] {
      guard let document = try? YAMLLoader(dialect: dialect).load(bytes, file: "fuzz") else { continue }
      _ = document.root.canonicalJSON()
      _ = try? YAMLEmitter.emit(document.root)
    }
  }

  private static func userData(_ bytes: [UInt8]) {
    for version in CloudInitVersion.allCases {
      _ = UserDataProcessor(version: version, includes: ["http://example.invalid/a": bytes]).process(bytes)
      _ = UserDataConfigResult.process(bytes, label: "user-data", version: version)
    }
  }

  private static func merge(_ bytes: [UInt8]) {
    guard let document = try? YAMLLoader(dialect: .safeLoad).load(bytes, file: "fuzz"),
          case .mapping(let test) = document.root.value
    else { return }
    for version in CloudInitVersion.allCases {
      if case .sequence(let sources) = test["sources"]?.value {
        let layers = sources.enumerated().map { index, source in
          ConfigLayer(label: "source \(index)", status: .read, root: source, mergers: .configDefault, warnings: [])
        }
        _ = (try? ConfigMerge.mergeMany(layers, label: "fuzz", version: version))?.root.canonicalJSON()
      }
      if case .sequence(let items) = test["parts"]?.value {
        let parts = items.enumerated().map { index, item -> CloudConfigParts.Part in
          guard case .mapping(let part) = item.value else { return CloudConfigParts.Part(payload: item, label: "part \(index)") }
          func header(_ key: String) -> String? { if case .string(let text) = part[key]?.value { text } else { nil } }
          return CloudConfigParts.Part(
            payload: part["payload"], mergeTypeHeader: header("merge_type_header"),
            xMergeTypeHeader: header("x_merge_type_header"), label: "part \(index)")
        }
        _ = CloudConfigParts.merge(parts, version: version).buffer?.canonicalJSON()
      }
    }
  }

  private static func pipeline(_ bytes: [UInt8], images: [FuzzContext.Image]) {
    for (profile, bare) in images.map({ ($0.profile, $0.bare) }) {
      guard let simulation = try? Simulation.run(
        profile: profile, userData: bytes, boots: [.first, .reboot, .newInstance], offline: bytes.count % 2 == 1)
      else { continue }
      _ = simulation.findings
      _ = simulation.merged.root.canonicalJSON()
      let log = CloudInitLog.lines(plans: simulation.plans, profile: profile, distro: profile.distro, instanceID: "i-fuzz")
      _ = CloudInitLog.read(log.joined(separator: "\n") + String(decoding: bytes, as: UTF8.self))
      if let bare { _ = SimulationDiff.compare(bare, simulation) }
    }
  }
}
