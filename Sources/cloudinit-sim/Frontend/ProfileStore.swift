import CloudInitSim
import Foundation

/// Finds and reads profiles on disk: `Profiles/NAME/` (`profile.yaml` + `etc/cloud/`), or a bare
/// `/etc/cloud` folder. The library gets the bytes; all file access happens here.
struct ProfileStore {
  /// The folder holding one folder per profile.
  var directory: URL

  /// The `Profiles/` folder of the checkout this binary was built from, unless `--profiles-dir`.
  static func standard(override: String?) -> ProfileStore {
    if let override { return ProfileStore(directory: URL(fileURLWithPath: override)) }
    // Sources/cloudinit-sim/Frontend/ProfileStore.swift -> the repository root.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    return ProfileStore(directory: root.appendingPathComponent("Profiles"))
  }

  /// The names of the profiles, sorted.
  func names() throws(FrontendFailure) -> [String] {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
      throw FrontendFailure(
        message: "\(directory.path): no profiles folder here; pass --profiles-dir DIR", status: ExitStatus.usage)
    }
    return entries.filter {
      FileManager.default.fileExists(atPath: directory.appendingPathComponent("\($0)/profile.yaml").path)
    }.sorted()
  }

  /// Loads one profile by name.
  func load(_ name: String) throws(FrontendFailure) -> Profile {
    let folder = directory.appendingPathComponent(name)
    let yamlPath = folder.appendingPathComponent("profile.yaml")
    guard FileManager.default.fileExists(atPath: yamlPath.path) else {
      let known = (try? names())?.joined(separator: ", ") ?? "none"
      throw FrontendFailure(
        message: "no profile '\(name)' in \(directory.path) (known: \(known))", status: ExitStatus.usage)
    }
    let etc = try Self.readEtc(folder.appendingPathComponent("etc/cloud"), label: display(folder.appendingPathComponent("etc/cloud")))
    let yamlFile = try Self.file(yamlPath, label: display(yamlPath))
    let instancePath = folder.appendingPathComponent("instance-data.json")
    let instanceData = FileManager.default.fileExists(atPath: instancePath.path)
      ? try Self.file(instancePath, label: display(instancePath)) : nil
    do {
      return try Profile.load(name: name, profileYAML: yamlFile, etc: etc, instanceData: instanceData)
    } catch {
      throw FrontendFailure(message: DiagnosticRenderer(terminal: .standardError).render(error), status: ExitStatus.invalidInput)
    }
  }

  /// Reads `cloud.cfg` and `cloud.cfg.d/` of an `/etc/cloud` folder.
  static func readEtc(_ folder: URL, label: String) throws(FrontendFailure) -> EtcCloud {
    let cfg = folder.appendingPathComponent("cloud.cfg")
    guard FileManager.default.fileExists(atPath: cfg.path) else {
      throw FrontendFailure(
        message: "\(label)/cloud.cfg: missing; a profile's etc/cloud must hold cloud.cfg", status: ExitStatus.invalidInput)
    }
    var dotD: [EtcCloud.File] = []
    let dotDFolder = folder.appendingPathComponent("cloud.cfg.d")
    for name in (try? FileManager.default.contentsOfDirectory(atPath: dotDFolder.path)) ?? [] {
      var isDirectory: ObjCBool = false
      let url = dotDFolder.appendingPathComponent(name)
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
      dotD.append(try file(url, label: "\(label)/cloud.cfg.d/\(name)"))
    }
    return EtcCloud(cloudCfg: try file(cfg, label: "\(label)/cloud.cfg"), cloudCfgD: dotD)
  }

  private static func file(_ url: URL, label: String) throws(FrontendFailure) -> EtcCloud.File {
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw FrontendFailure(message: "\(label): cannot be read", status: ExitStatus.usage)
    }
    return EtcCloud.File(path: label, name: url.lastPathComponent, bytes: Array(data))
  }

  /// A path as messages show it: relative to the working directory when inside it.
  func display(_ url: URL) -> String {
    let path = url.standardizedFileURL.path
    let cwd = FileManager.default.currentDirectoryPath + "/"
    return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
  }
}
