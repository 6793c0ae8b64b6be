@testable import CloudInitSim
import Foundation
import Testing

/// Base configs are cached per image files and version; the cache must never answer for
/// different files or another version.
@Suite("base config cache")
struct BaseConfigCacheTests {
  static func etc(_ cloudCfg: String, dropIns: [String: String] = [:]) -> EtcCloud {
    EtcCloud(
      cloudCfg: EtcCloud.File(path: "cloud.cfg", name: "cloud.cfg", bytes: Array(cloudCfg.utf8)),
      cloudCfgD: dropIns.map { EtcCloud.File(path: "cloud.cfg.d/\($0.key)", name: $0.key, bytes: Array($0.value.utf8)) })
  }

  @Test("a second build of the same files gives the same config; changed files or version give their own")
  func keyed() throws {
    let plain = Self.etc("cloud_final_modules: [scripts-user]\n")
    let first = try BaseConfig.build(etc: plain, version: .v22_2_2)
    #expect(try BaseConfig.build(etc: plain, version: .v22_2_2) == first)
    #expect(try BaseConfig.build(etc: plain, version: .v22_2_2) == BaseConfig.merge(etc: plain, version: .v22_2_2))
    let withDropIn = Self.etc("cloud_final_modules: [scripts-user]\n", dropIns: ["99-x.cfg": "cloud_final_modules: [runcmd]\n"])
    let changed = try BaseConfig.build(etc: withDropIn, version: .v22_2_2)
    #expect(changed != first)
    // read_conf_with_confd: the drop-in is merged over cloud.cfg.
    guard case .mapping(let root) = changed.root.value, case .sequence(let list) = root["cloud_final_modules"]?.value else {
      Issue.record("no cloud_final_modules list")
      return
    }
    #expect(list.map(\.value) == [.string("runcmd")])
    // The same bytes under another version's built-in defaults.
    let other = try BaseConfig.build(etc: plain, version: .v19_3)
    #expect(other == (try BaseConfig.merge(etc: plain, version: .v19_3)))
    #expect(other != first)
  }

  @Test("a config cloud-init cannot merge fails the same way every time")
  func failures() {
    let broken = Self.etc("merge_how: 'dict(nonsense'\nruncmd: [a]\n", dropIns: ["50-x.cfg": "runcmd: [b]\n"])
    var messages: [String] = []
    for _ in 0..<2 {
      do {
        _ = try BaseConfig.build(etc: broken, version: .v22_2_2)
      } catch {
        messages.append(error.message)
      }
    }
    #expect(messages.count == 2 && messages[0] == messages[1])
  }
}
