@testable import CloudInitSim
import Testing

/// Keys nothing acts on. The key-to-module map is cloud-init's activate_by_schema_keys
/// (Tests/ModuleCatalog/MODULES.tsv, 26.2 rows).
@Suite("Inert config")
struct InertConfigTests {
  func plan(_ yaml: String) throws -> StagePlan {
    let config = try YAMLLoader().load(yaml, file: "t").root
    return ModulePipeline.firstBoot(config: config, catalog: ModuleCatalog(version: .v22_2_2), distro: "amazon")
  }

  @Test("packages without the package module, runcmd without scripts-user")
  func inert() throws {
    let userData = try YAMLLoader().load("packages: [jq]\nruncmd: [ls]\nntp: {enabled: true}\n", file: "ud").root
    let stages = try plan("cloud_config_modules: [runcmd, ntp]\ncloud_final_modules: [final-message]\n")
    let findings = InertConfig.findings(userData: userData, plans: [stages])
    #expect(findings.map(\.key) == ["packages", "runcmd", "ntp"])
    #expect(findings[0].reason.contains("in no stage list"))
    #expect(findings[1].reason.contains("scripts-user"))
    #expect(findings[2].reason.contains("is skipped"))
  }

  // Source: cloud-init 19.3 cloudinit/config/cc_write_files.py has no defer (22.2.2 filters on it).
  @Test("write_files defer is reported on 19.3, where it does nothing; not on 22.2.2")
  func deferOn19() throws {
    let userData = try YAMLLoader().load("write_files:\n  - path: /a\n    defer: true\n", file: "ud").root
    let stages = try plan("cloud_init_modules: [write-files]\n")
    let old = InertConfig.findings(userData: userData, plans: [stages], version: .v19_3)
    #expect(old.map(\.key) == ["write_files"])
    #expect(old.first?.mark.line == 3)
    #expect(InertConfig.findings(userData: userData, plans: [stages], version: .v22_2_2).isEmpty)
  }

  // Source: Tests/ModuleCatalog/MODULES.tsv (from cloud-init's source at each tag): no cc_ansible
  // before 22.3, activation key `ansible` in 26.2.
  @Test("a key whose module the version does not have is reported as unknown to the version")
  func newerModule() throws {
    let userData = try YAMLLoader().load("ansible: {install_method: distro}\n", file: "ud").root
    let stages = try plan("cloud_config_modules: [ansible]\n")
    let findings = InertConfig.findings(userData: userData, plans: [stages], version: .v22_2_2)
    #expect(findings.map(\.key) == ["ansible"])
    #expect(findings.first?.reason.contains("cloud-init 22.2.2 does not have") == true)
  }

  @Test("nothing is reported when the modules run")
  func active() throws {
    let userData = try YAMLLoader().load("packages: [jq]\nruncmd: [ls]\n", file: "ud").root
    let stages = try plan("cloud_config_modules: [runcmd]\ncloud_final_modules: [package-update-upgrade-install, scripts-user]\n")
    #expect(InertConfig.findings(userData: userData, plans: [stages]).isEmpty)
  }
}

/// User scripts on the image. Source: FACTS.md F-EKS23-3 (the AL2023 EKS AMI ships
/// templates/al2023/runtime/rootfs/etc/eks/bootstrap.sh, a stub that exits 1).
@Suite("Script checks")
struct ScriptChecksTests {
  @Test("an AL2-style bootstrap script on a nodeadm image is called out; on AL2 it is not")
  func bootstrapStub() throws {
    let parts = UserDataProcessor(version: .v22_2_2).process(Array("#!/bin/bash\n/etc/eks/bootstrap.sh demo\n".utf8)).parts
    let empty = YAMLNode(.mapping(YAMLMapping()), mark: SourceMark(file: "t", line: 1, column: 1))
    let etc = EtcCloud(cloudCfg: EtcCloud.File(path: "cloud.cfg", name: "cloud.cfg", bytes: []), cloudCfgD: [])
    var nodeadm = Profile.bare(etc: etc, behaviour: .v22_2_2, distro: "amazon")
    nodeadm.clusterJoinMethod = "nodeadm"
    #expect(ScriptChecks.findings(parts: parts, config: empty, profile: nodeadm).first?.contains("stub that prints an error and exits 1") == true)
    var bootstrap = nodeadm
    bootstrap.clusterJoinMethod = "bootstrap-script"
    #expect(ScriptChecks.findings(parts: parts, config: empty, profile: bootstrap).isEmpty)
  }
}
