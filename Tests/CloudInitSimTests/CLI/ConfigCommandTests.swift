import Foundation
import Testing

/// `cloudinit-sim profiles` and `cloudinit-sim config`, run as a user runs them.
@Suite("cloudinit-sim profiles and config")
struct ConfigCommandTests {
  @Test("profiles lists the four bundled images")
  func profilesList() throws {
    let result = try runCommand(["profiles"])
    #expect(result.status == 0)
    assertSnapshot(result.standardOutput, named: "profiles-list.txt")
  }

  // Source: awslabs/amazon-eks-ami install-worker.sh sed (Profiles/eks-al2023/profile.yaml).
  @Test("profiles show names the one module the EKS build removed")
  func profilesShowDifference() throws {
    let result = try runCommand(["profiles", "show", "eks-al2023"])
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("compared with al2023\n  cloud_final_modules: - package-update-upgrade-install  (al2023 line 68)\n"))
  }

  @Test("an unknown profile is a usage error naming the known ones")
  func unknownProfile() throws {
    let result = try runCommand(["config", "--profile", "al2024"])
    #expect(result.status == 2)
    #expect(result.standardError.contains("no profile 'al2024'"))
    #expect(result.standardError.contains("al2023"))
  }

  // Real cloud-init (Tests/OracleCorpus/expected/ex03-*.json): a user-data cloud_final_modules list
  // replaces the image's whole list.
  @Test("--why shows user-data's module list replacing the image's")
  func why() throws {
    let result = try runCommand([
      "config", "--profile", "eks-al2023", "--why", "cloud_final_modules",
      "--user-data", "Tests/OracleCorpus/cases/ex03-gitcode-article-reenable-final-module/user-data",
    ])
    #expect(result.status == 0)
    assertSnapshot(result.standardOutput, named: "config-why-final-modules.txt")
  }

  @Test("--parts lists parts with handlers and says what cloud-init ignores")
  func parts() throws {
    let result = try runCommand([
      "config", "--profile", "eks-al2023", "--parts",
      "--user-data", "Tests/OracleCorpus/cases/s19-eks-al2023-nodeadm-plus-cloud-config/user-data",
    ])
    #expect(result.status == 0)
    assertSnapshot(result.standardOutput + "--- stderr\n" + result.standardError, named: "config-parts-nodeadm.txt")
  }

  @Test("a cloud-config part that is not valid YAML is reported as dropped")
  func droppedPart() throws {
    let result = try runCommand(["config", "--profile", "al2023", "--user-data", "Scenarios/tab-in-cloud-config/user-data"])
    #expect(result.status == 0)
    #expect(result.standardError.contains("user-data:4:1: error: found character '\\t' that cannot start any token"))
    #expect(result.standardError.contains("cloud-init drops this whole part"))
    #expect(!result.standardOutput.contains("curl"))
  }
}

/// `cloudinit-sim run`, the main job.
@Suite("cloudinit-sim run")
struct RunCommandTests {
  // Oracle: Tests/OracleCorpus/expected/s01-eks-al2023-packages-ignored.json (package module
  // in no list, package not installed); the reason chain names the EKS build's sed.
  @Test("the EKS story: packages on eks-al2023 are not installed, and the report says why")
  func eksStory() throws {
    let result = try runCommand(["run", "--profile", "eks-al2023", "--user-data", "Scenarios/eks-al2023-packages-ignored/user-data"])
    #expect(result.status == 0)
    assertSnapshot(result.standardOutput, named: "run-eks-al2023-packages.txt")
  }

  @Test("--format markdown: the package table first, then the findings and each stage folded away")
  func markdown() throws {
    let result = try runCommand([
      "run", "--profile", "eks-al2023", "--format", "markdown", "--user-data", "Scenarios/eks-al2023-naive-final-override/user-data",
    ])
    #expect(result.status == 0)
    assertSnapshot(result.standardOutput, named: "run-eks-al2023-naive-override.md")
  }

  @Test("what-if: --image-set puts the package module back on eks-al2023; a bad --set is a usage error naming the fix")
  func whatIf() throws {
    let userData = "Scenarios/eks-al2023-packages-ignored/user-data"
    let fixed = try runCommand([
      "run", "--profile", "eks-al2023", "--user-data", userData, "--expect-installed", "crypto-policies-scripts",
      "--image-set", "cloud_final_modules=[package-update-upgrade-install, scripts-user]",
    ])
    #expect(fixed.status == 0)
    #expect(fixed.standardOutput.contains("cloud_final_modules from cloud.cfg.d/99-what-if.cfg (what-if --image-set)"))
    let bad = try runCommand(["run", "--profile", "eks-al2023", "--user-data", userData, "--set", "packages"])
    #expect(bad.status == 2)
    #expect(bad.standardError.contains("write KEY=VALUE"))
  }

  @Test("--expect-installed exits 3 when the package would not be installed, 0 when it would")
  func expectInstalled() throws {
    let userData = "Scenarios/eks-al2023-packages-ignored/user-data"
    let eks = try runCommand(["run", "--profile", "eks-al2023", "--user-data", userData, "--expect-installed", "crypto-policies-scripts"])
    #expect(eks.status == 3)
    let stock = try runCommand(["run", "--profile", "al2023", "--user-data", userData, "--expect-installed", "crypto-policies-scripts"])
    #expect(stock.status == 0)
  }

  @Test("the JSON report is versioned and names each decision's reason code")
  func json() throws {
    let result = try runCommand(["run", "--profile", "al2023", "--format", "json", "--user-data", "Scenarios/eks-al2023-packages-ignored/user-data"])
    #expect(result.status == 0)
    let report = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
    #expect(report?["schemaVersion"] as? Int == 1)
    let packages = report?["packages"] as? [[String: Any]]
    #expect(packages?.first?["installed"] as? Bool == true)
    #expect(packages?.first?["stage"] as? String == "final")
    let final = (report?["stages"] as? [String: Any])?["final"] as? [[String: Any]]
    #expect(final?.first?["name"] as? String == "package-update-upgrade-install")
    #expect(final?.first?["reason"] as? String == "first-run")
  }

  // Oracle: Tests/OracleCorpus/expected/sc-al2023-reboot--reboot.json (the package module is
  // skipped on the second boot of the same instance).
  @Test("--boot reboot reports the second boot; --offline turns the install into a failure; --boot and --boots exclude each other")
  func bootAndOffline() throws {
    let userData = "Scenarios/al2023-reboot/user-data"
    let reboot = try runCommand(["run", "--profile", "al2023", "--format", "json", "--boot", "reboot", "--user-data", userData])
    let report = try JSONSerialization.jsonObject(with: Data(reboot.standardOutput.utf8)) as? [String: Any]
    let final = (report?["stages"] as? [String: Any])?["final"] as? [[String: Any]]
    #expect(final?.first?["reason"] as? String == "already-ran")
    let package = (report?["packages"] as? [[String: Any]])?.first
    #expect(package?["installed"] as? Bool == true)
    #expect(package?["boot"] as? String == "first")
    let offline = try runCommand(["run", "--profile", "al2023", "--format", "json", "--offline", "--user-data", userData])
    let offlinePackage = ((try JSONSerialization.jsonObject(with: Data(offline.standardOutput.utf8)) as? [String: Any])?["packages"] as? [[String: Any]])?.first
    #expect(offlinePackage?["installed"] as? Bool == false)
    #expect((offlinePackage?["failure"] as? String)?.contains("Failed to download metadata") == true)
    let both = try runCommand(["run", "--profile", "al2023", "--boot", "reboot", "--boots", "first,reboot", "--user-data", userData])
    #expect(both.status == 2)
  }
}

/// `cloudinit-sim scenarios`.
@Suite("cloudinit-sim scenarios")
struct ScenariosCommandTests {
  @Test("all bundled scenarios hold; a broken expectation fails with its line")
  func scenarios() throws {
    let result = try runCommand(["scenarios"])
    #expect(result.status == 0)
    let count = ScenarioTests.all().count
    #expect(result.standardOutput.hasSuffix("\(count) of \(count) scenarios hold\n"))
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cloudinit-sim-scenario-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data("#cloud-config\npackages: [jq]\n".utf8).write(to: folder.appendingPathComponent("user-data"))
    try Data("description: wrong on purpose\nprofile: eks-al2023\nuser_data: user-data\nexpect:\n  run:\n    packages:\n      jq: {installed: true}\n".utf8)
      .write(to: folder.appendingPathComponent("scenario.yaml"))
    let broken = try runCommand(["scenarios", folder.path])
    #expect(broken.status == 1)
    #expect(broken.standardOutput.contains("scenario.yaml:7:7: jq installed: expected true, simulated false"))
  }
}

/// `cloudinit-sim explain`.
@Suite("cloudinit-sim explain")
struct ExplainCommandTests {
  @Test("the EKS package: the reason chain and three fixes, each simulated")
  func eksPackage() throws {
    let result = try runCommand(["explain", "--profile", "eks-al2023", "--user-data", "Scenarios/eks-al2023-packages-ignored/user-data"])
    #expect(result.status == 0)
    assertSnapshot(result.standardOutput, named: "explain-eks-al2023.txt")
  }
}

/// `cloudinit-sim benchmark` (times are printed, never asserted).
@Suite("cloudinit-sim benchmark")
struct BenchmarkCommandTests {
  struct Report: Decodable {
    struct Figure: Decodable {
      var key: String
      var value: Double?
      var met: Bool?
      var note: String
    }
    var figures: [Figure]
  }

  @Test("reports every figure of the budget; the oracle figure is skipped with a note when there is none")
  func runsOnce() throws {
    let result = try runCommand(["benchmark", "--iterations", "1", "--json", "--oracle", "/nonexistent"])
    #expect(result.status == 0)
    let report = try JSONDecoder().decode(Report.self, from: Data(result.standardOutput.utf8))
    #expect(report.figures.map(\.key) == ["coldRunMs", "simulationsPerSecond", "yamlVsLibyaml", "oracleRatio", "peakMemoryMiB"])
    for figure in report.figures where figure.key != "oracleRatio" {
      #expect((figure.value ?? 0) > 0 && figure.met != nil, "\(figure.key)")
    }
    let oracle = try #require(report.figures.first { $0.key == "oracleRatio" })
    #expect(oracle.value == nil && oracle.met == nil && oracle.note.hasPrefix("skipped: no oracle set up at /nonexistent"))
    #expect(try runCommand(["benchmark", "--iterations", "0"]).status == 2)
    #expect(try runCommand(["benchmark", "--iterations", "1", "--story", "nope"]).status == 2)
  }
}

/// `cloudinit-sim modules`: the catalog in plain words.
@Suite("cloudinit-sim modules")
struct ModulesCommandTests {
  // Profiles/eks-al2023/etc/cloud/cloud.cfg: the EKS build comments the package module out.
  @Test("with a profile: where the image lists each module, its vendor modules, any spelling")
  func profile() throws {
    let result = try runCommand(["modules", "--profile", "eks-al2023", "package_update_upgrade_install", "write-metadata"])
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("on eks-al2023: in no stage list"))
    #expect(result.standardOutput.contains("eks-al2023's own module"))
    let stock = try runCommand(["modules", "--profile", "al2023", "package-update-upgrade-install"])
    #expect(stock.standardOutput.contains("on al2023: in cloud_final_modules"))
  }

  @Test("a version's catalog, including the newest upstream; unknown names and versions are usage errors")
  func catalog() throws {
    #expect(try runCommand(["modules", "--cloud-init-version", "26.2", "ansible"]).standardOutput.contains("runs only with one of: ansible"))
    #expect(try runCommand(["modules", "--cloud-init-version", "19.3", "ansible"]).status == 2)
    #expect(try runCommand(["modules", "--cloud-init-version", "1.0"]).status == 2)
    // Profiles/eks-al2/etc/cloud/cloud.cfg comments the package module out of the config list.
    let listed = try runCommand(["modules", "--version", "19.3", "package-update-upgrade-install"])
    #expect(listed.standardOutput.contains("stage lists of the bundled 19.3 profiles: al2: config; eks-al2: none"))
  }
}

/// `cloudinit-sim diff`.
@Suite("cloudinit-sim diff")
struct DiffCommandTests {
  static let userData = "Scenarios/eks-al2023-packages-ignored/user-data"

  // Oracle: Tests/OracleCorpus/expected/sc-eks-al2023-packages-ignored.json vs
  // sc-al2023-packages-installed.json (the package module in the final list or not).
  @Test("eks-al2023 vs al2023 on the EKS story: exactly the package module and the package verdict change (exit 1)")
  func eksStory() throws {
    let result = try runCommand([
      "diff", "--profile", "eks-al2023", "--user-data", Self.userData, "--vs-profile", "al2023", "--format", "json",
    ])
    #expect(result.status == 1)
    let report = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
    let modules = report?["modules"] as? [[String: Any]] ?? []
    #expect(modules.map { "\($0["stage"] ?? "")/\($0["name"] ?? "") \($0["before"] ?? "nil")->\($0["after"] ?? "nil")" }
      == ["final/package-update-upgrade-install <null>->run"])
    let packages = report?["packages"] as? [[String: Any]] ?? []
    #expect(packages.map { $0["name"] as? String } == ["crypto-policies-scripts"])
    #expect((packages.first?["after"] as? [String: Any])?["installed"] as? Bool == true)
    #expect((report?["mergedConfig"] as? [[String: Any]])?.map { $0["key"] as? String } == ["cloud_final_modules"])
    // The finding that packages: is inert on eks-al2023 goes away on al2023.
    #expect((report?["findingsGone"] as? [String])?.first?.contains("packages is read only by package-update-upgrade-install") == true)
    #expect((report?["findingsNew"] as? [String])?.isEmpty == true)
  }

  @Test("the same run twice changes nothing (exit 0); a what-if on one side shows its effect and key")
  func whatIf() throws {
    let same = try runCommand(["diff", "--profile", "al2023", "--user-data", Self.userData])
    #expect(same.status == 0)
    #expect(same.standardOutput.contains("no module decision, package verdict, merged-config key or finding changed"))
    let upgrade = try runCommand(["diff", "--profile", "al2023", "--user-data", Self.userData, "--vs-set", "package_upgrade=true"])
    #expect(upgrade.status == 1)
    #expect(upgrade.standardOutput.contains("then `dnf -y upgrade`"))
    #expect(upgrade.standardOutput.contains("package_upgrade: (not set) -> true"))
    #expect(try runCommand(["diff", "--profile", "al2023", "--user-data", Self.userData, "--vs-boots", "reboot"]).status == 2)
  }

  // Source: cloud-init 19.3 cc_write_files.py has no defer; 22.2.2 splits on it (see ModuleEffectsTests).
  @Test("--vs-cloud-init-version runs the same files under 19.3's rules: the deferred file moves to write-files")
  func version() throws {
    let result = try withTemporaryFile(named: "user-data", "#cloud-config\nwrite_files:\n  - {path: /a, content: x, defer: true}\n") {
      try runCommand(["diff", "--profile", "al2023", "--user-data", $0.path, "--vs-cloud-init-version", "19.3"])
    }
    #expect(result.status == 1)
    #expect(result.standardOutput.contains("init/write-files: does nothing: every file is deferred -> writes 1 file"))
    #expect(try runCommand(["run", "--profile", "al2023", "--cloud-init-version", "26.2"]).status == 2)
  }
}
