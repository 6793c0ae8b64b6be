@testable import CloudInitSim
import Foundation
import Testing

/// The generated module catalog is exactly `Tests/ModuleCatalog/MODULES.tsv`; stage lists are
/// read as cloud-init reads them (`Modules._read_modules`, `_fixup_modules`, 19.3 and 22.2.2).
@Suite("Module catalog and stage lists")
struct ModuleCatalogTests {
  @Test("the generated catalog matches MODULES.tsv (else run Tests/ModuleCatalog/generate.py)")
  func notStale() throws {
    let text = try String(contentsOf: PackagePaths.root.appendingPathComponent("Tests/ModuleCatalog/MODULES.tsv"), encoding: .utf8)
    var rows: [String] = []
    for line in text.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      let keys = fields[6].hasPrefix("(") || fields[6].hasPrefix("n/a") ? "" : fields[6]
      rows.append([fields[0], fields[1], fields[3], fields[5], keys].joined(separator: "|"))
    }
    let generated = ModuleCatalog.rows.map {
      [$0.version, $0.module, $0.frequency, $0.distros.joined(separator: ","), $0.activationKeys.joined(separator: ",")]
        .joined(separator: "|")
    }
    #expect(generated == rows)
    let descriptions = try String(
      contentsOf: PackagePaths.root.appendingPathComponent("Tests/ModuleCatalog/DESCRIPTIONS.tsv"), encoding: .utf8)
    var expected: [String: String] = [:]
    for line in descriptions.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: "\t", maxSplits: 1).map(String.init)
      expected[fields[0]] = fields.count > 1 ? fields[1] : ""
    }
    #expect(ModuleCatalog.descriptions == expected)
    #expect(Set(ModuleCatalog.rows.map(\.module)).isSubset(of: Set(expected.keys)), "every module needs a description")
    #expect(ModuleCatalog.description(of: "package-update-upgrade-install")?.contains("once per instance") == true)
  }

  func read(_ yaml: String) throws -> ModuleList.Reading {
    ModuleList.read(try YAMLLoader().load(yaml, file: "t").root, section: "cloud_final_modules")
  }

  @Test("names are normalised but kept as written; frequencies must be full names")
  func entries() throws {
    let reading = try read("cloud_final_modules:\n - scripts-user\n - [runcmd, always]\n - {name: final_message.py}\n - [ssh, instance]\n - ''\n")
    #expect(reading.entries.map(\.rawName) == ["scripts-user", "runcmd", "final_message.py", "ssh"])
    #expect(reading.entries.map(\.module) == ["cc_scripts_user", "cc_runcmd", "cc_final_message", "cc_ssh"])
    #expect(reading.entries.map(\.frequencyOverride) == [nil, "always", nil, nil])
    #expect(reading.warnings == ["Config specified module ssh has an unknown frequency instance"])
  }

  @Test("a string instead of a list is read letter by letter")
  func stringList() throws {
    #expect(try read("cloud_final_modules: runcmd\n").entries.map(\.rawName) == ["r", "u", "n", "c", "m", "d"])
  }

  @Test("a non-string name aborts the stage")
  func abort() throws {
    #expect(try read("cloud_final_modules:\n - [1, always]\n").abort == "AttributeError: 'int' object has no attribute 'strip'")
  }

  // SPEC (d) 4: the semaphore is named after the raw name; a second spelling of the same raw
  // name is "already ran", a different spelling runs again; unknown modules are dropped.
  @Test("duplicates share a semaphore by raw name; unknown and unverified modules are skipped")
  func decisions() throws {
    let config = try YAMLLoader().load(
      "cloud_final_modules: [runcmd, runcmd, cc_runcmd, nosuch, yum-add-repo, [final-message, always], final-message]\n",
      file: "t").root
    let plan = ModulePipeline.firstBoot(config: config, catalog: ModuleCatalog(version: .v22_2_2), distro: "amazon")
    #expect(plan.stages[.final]?.map(\.reason) == [
      .firstRun, .alreadyRan, .firstRun, .unknownModule, .distroNotVerified, .always, .always,
    ])
    let forced = try YAMLLoader().load("cloud_final_modules: [yum-add-repo]\nunverified_modules: [yum-add-repo]\n", file: "t").root
    #expect(ModulePipeline.firstBoot(config: forced, catalog: ModuleCatalog(version: .v22_2_2), distro: "amazon")
      .stages[.final]?.first?.reason == .forced)
  }
}
