@testable import CloudInitSim
import Foundation
import Testing

/// What-if overrides. `--set` must behave exactly as a last cloud-config part, whose merge is
/// checked against real cloud-init (Tests/OracleCorpus/expected/sc-two-parts-replace.json and the
/// mime-* cases); `--image-set` exactly as a drop-in of that name in cloud.cfg.d.
@Suite("What-if")
struct WhatIfTests {
  let userData = "#cloud-config\npackages: [crypto-policies-scripts]\nruncmd: [ls]\n"

  func mime(_ first: String, _ second: String) -> [UInt8] {
    Array("""
      Content-Type: multipart/mixed; boundary="B"
      MIME-Version: 1.0

      --B
      Content-Type: text/cloud-config

      \(first)
      --B
      Content-Type: text/cloud-config

      \(second)
      --B--

      """.utf8)
  }

  func canonical(_ simulation: Simulation) throws -> String {
    try simulation.merged.moduleView.canonicalJSON()
  }

  @Test("values are read as cloud-init reads YAML; dotted keys nest; bad arguments say what to write")
  func parsing() throws {
    let flag = try WhatIf.assignment("package_upgrade=yes", option: "--set")
    #expect(flag.path == ["package_upgrade"])
    #expect(flag.value.value == .bool(true))
    let nested = try WhatIf.assignment("system_info.distro=rhel", option: "--set")
    #expect(nested.path == ["system_info", "distro"])
    #expect(throws: WhatIf.Failure.self) { try WhatIf.assignment("packages", option: "--set") }
    #expect(throws: WhatIf.Failure.self) { try WhatIf.assignment("a..b=1", option: "--set") }
    #expect(throws: WhatIf.Failure.self) { try WhatIf.assignment("x=[1", option: "--set") }
  }

  @Test("--set is a last cloud-config part: the same merged config as user-data with that second part")
  func setIsALastPart() throws {
    let profile = try ProfileTests.load("al2023")
    var whatIf = WhatIf()
    whatIf.set = [try WhatIf.assignment("packages=[jq]", option: "--set"), try WhatIf.assignment("system_info.distro=amazon", option: "--set")]
    let simulated = try Simulation.run(profile: profile, userData: Array(userData.utf8), whatIf: whatIf)
    let twoParts = try Simulation.run(
      profile: profile, userData: mime(userData, "packages: [jq]\nsystem_info: {distro: amazon}"))
    #expect(try canonical(simulated) == canonical(twoParts))
    #expect(simulated.packages.map(\.name) == ["jq"])
  }

  @Test("--unset removes a user-data key, so the image's value applies again")
  func unset() throws {
    let profile = try ProfileTests.load("eks-al2023")
    var whatIf = WhatIf()
    whatIf.unset = [["cloud_final_modules"]]
    let naive = "#cloud-config\ncloud_final_modules: [package-update-upgrade-install]\npackages: [jq]\n"
    let simulation = try Simulation.run(profile: profile, userData: Array(naive.utf8), whatIf: whatIf)
    let final = simulation.plans[0].plan.stages[.final]?.map(\.name) ?? []
    #expect(final.contains("scripts-user"))
    #expect(!final.contains("package-update-upgrade-install"))
  }

  @Test("--image-set is a drop-in named 99-what-if.cfg: the same base config as that file in cloud.cfg.d")
  func imageSetIsADropIn() throws {
    let profile = try ProfileTests.load("eks-al2023")
    var whatIf = WhatIf()
    whatIf.imageSet = [try WhatIf.assignment("cloud_final_modules=[package-update-upgrade-install, scripts-user]", option: "--image-set")]
    let simulated = try Simulation.run(profile: profile, userData: Array(userData.utf8), whatIf: whatIf)
    #expect(simulated.packages.first?.installed == true)
    var withFile = profile
    withFile.etc.cloudCfgD.append(EtcCloud.File(
      path: "cloud.cfg.d/99-what-if.cfg", name: "99-what-if.cfg",
      bytes: Array("cloud_final_modules: [package-update-upgrade-install, scripts-user]\n".utf8)))
    let real = try Simulation.run(profile: withFile, userData: Array(userData.utf8))
    #expect(try canonical(simulated) == canonical(real))
    // Provenance stays honest: the final list is shown as coming from the synthetic drop-in.
    #expect(simulated.plans[0].plan.listMarks[.final]?.file.contains("99-what-if.cfg (what-if") == true)
  }

  @Test("--image-unset removes a key from the image's merged config")
  func imageUnset() throws {
    var whatIf = WhatIf()
    whatIf.imageUnset = [["cloud_config_modules"]]
    let simulation = try Simulation.run(profile: try ProfileTests.load("al2023"), userData: Array(userData.utf8), whatIf: whatIf)
    #expect(simulation.plans[0].plan.stages[.config]?.isEmpty ?? true)
  }

  @Test("--add-module puts a module into the image's list at a position; --remove-module takes it out; bad forms are refused")
  func moduleEdits() throws {
    let profile = try ProfileTests.load("eks-al2023")
    var whatIf = WhatIf()
    whatIf.moduleEdits = [try WhatIf.ModuleEdit.parse("final:package-update-upgrade-install@1", add: true)]
    let added = try Simulation.run(profile: profile, userData: Array(userData.utf8), whatIf: whatIf)
    let final = added.plans[0].plan.stages[.final]?.map(\.name) ?? []
    #expect(final.first == "package-update-upgrade-install")
    #expect(final.contains("scripts-user"))
    #expect(added.packages.first?.installed == true)
    whatIf.moduleEdits = [try WhatIf.ModuleEdit.parse("final:scripts_user", add: false)]
    let removed = try Simulation.run(profile: profile, userData: Array(userData.utf8), whatIf: whatIf)
    #expect(!(removed.plans[0].plan.stages[.final]?.contains { $0.name == "scripts-user" } ?? true))
    #expect(throws: WhatIf.Failure.self) { try WhatIf.ModuleEdit.parse("nope:x", add: true) }
    #expect(throws: WhatIf.Failure.self) { try WhatIf.ModuleEdit.parse("final:x:weekly", add: true) }
    #expect(throws: WhatIf.Failure.self) { try WhatIf.ModuleEdit.parse("final:x@1", add: false) }
  }

  @Test("--in-user-data makes the edited list a user-data list, read from where the list comes from now")
  func moduleEditsInUserData() throws {
    let profile = try ProfileTests.load("eks-al2023")
    var whatIf = WhatIf()
    whatIf.editsInUserData = true
    whatIf.moduleEdits = [try WhatIf.ModuleEdit.parse("final:package-update-upgrade-install:always", add: true)]
    let simulation = try Simulation.run(profile: profile, userData: Array(userData.utf8), whatIf: whatIf)
    #expect(simulation.plans[0].plan.listMarks[.final]?.file == WhatIf.partLabel)
    let last = simulation.plans[0].plan.stages[.final]?.last
    #expect(last?.name == "package-update-upgrade-install")
    #expect(last?.frequency == "always")
    #expect(simulation.plans[0].plan.stages[.final]?.contains { $0.name == "scripts-user" } == true)
  }
}
