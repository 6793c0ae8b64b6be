@testable import CloudInitSim
import Foundation

/// Reads an `/etc/cloud` folder (cloud.cfg and cloud.cfg.d/) from the repository for tests.
enum EtcFolder {
  static func read(_ folder: URL) throws -> EtcCloud {
    let dotD = folder.appendingPathComponent("cloud.cfg.d")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dotD.path)) ?? []
    let files = try names.map { name in
      EtcCloud.File(path: "cloud.cfg.d/\(name)", name: name, bytes: Array(try Data(contentsOf: dotD.appendingPathComponent(name))))
    }
    let cfg = EtcCloud.File(
      path: "cloud.cfg", name: "cloud.cfg", bytes: Array(try Data(contentsOf: folder.appendingPathComponent("cloud.cfg"))))
    return EtcCloud(cloudCfg: cfg, cloudCfgD: files)
  }
}
