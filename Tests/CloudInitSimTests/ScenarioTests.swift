@testable import CloudInitSim
import Foundation
import Testing

/// Every folder of `Scenarios/` runs, and its outcome is what its `scenario.yaml` expects.
@Suite("Scenarios")
struct ScenarioTests {
  static let folder = PackagePaths.root.appendingPathComponent("Scenarios")

  static func all() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { !$0.hasPrefix(".") }.sorted()
  }

  @Test("there are enough scenarios to cover the stories")
  func count() {
    #expect(Self.all().count >= 15)
  }

  /// The oracle corpus runs each scenario through real cloud-init (`generate.py
  /// --sync-scenarios`); a new scenario, or a new boot kind in one, needs its golden.
  @Test("the scenario has a real cloud-init golden for each boot kind", arguments: all())
  func hasOracleGolden(_ name: String) throws {
    let file = Self.folder.appendingPathComponent("\(name)/scenario.yaml")
    let scenario = try Scenario.parse(try YAMLLoader().load(Array(try Data(contentsOf: file)), file: file.path).root)
    let expected = PackagePaths.root.appendingPathComponent("Tests/OracleCorpus/expected")
    for boot in Set(scenario.boots) {
      let golden = "sc-\(name)\(boot == .first ? "" : "--\(boot.rawValue)").json"
      #expect(
        FileManager.default.fileExists(atPath: expected.appendingPathComponent(golden).path),
        "no golden \(golden): run Tests/OracleCorpus/generate.py --sync-scenarios")
    }
  }

  @Test("the scenario holds", arguments: all())
  func scenario(_ name: String) throws {
    let folder = Self.folder.appendingPathComponent(name)
    let file = folder.appendingPathComponent("scenario.yaml")
    let document = try YAMLLoader().load(Array(try Data(contentsOf: file)), file: file.path)
    let scenario = try Scenario.parse(document.root)
    let userData = Array(try Data(contentsOf: folder.appendingPathComponent(scenario.userData)))
    for mismatch in scenario.yamlMismatches(userData: userData) {
      Issue.record("\(name): \(mismatch)")
    }
    guard let profileName = scenario.profile else { return }
    let profileFolder = PackagePaths.root.appendingPathComponent("Profiles/\(profileName)")
    let profile = try Profile.load(
      name: profileName,
      profileYAML: EtcCloud.File(path: "profile.yaml", name: "profile.yaml",
                                 bytes: Array(try Data(contentsOf: profileFolder.appendingPathComponent("profile.yaml")))),
      etc: try EtcFolder.read(profileFolder.appendingPathComponent("etc/cloud")),
      instanceData: EtcCloud.File(path: "instance-data.json", name: "instance-data.json",
                                  bytes: Array(try Data(contentsOf: profileFolder.appendingPathComponent("instance-data.json")))))
    let vendor = try scenario.vendorData.map { Array(try Data(contentsOf: folder.appendingPathComponent($0))) }
    let simulation = try Simulation.run(profile: profile, userData: userData, vendorData: vendor, boots: scenario.boots,
                                    offline: scenario.offline)
    for mismatch in scenario.mismatches(simulation) {
      Issue.record("\(name): \(mismatch)")
    }
  }
}
