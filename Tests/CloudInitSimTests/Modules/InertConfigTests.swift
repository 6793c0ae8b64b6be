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

  @Test("nothing is reported when the modules run")
  func active() throws {
    let userData = try YAMLLoader().load("packages: [jq]\nruncmd: [ls]\n", file: "ud").root
    let stages = try plan("cloud_config_modules: [runcmd]\ncloud_final_modules: [package-update-upgrade-install, scripts-user]\n")
    #expect(InertConfig.findings(userData: userData, plans: [stages]).isEmpty)
  }
}
