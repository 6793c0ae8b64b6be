@testable import CloudInitSim
import Foundation
import Testing

/// `--offline`: every path that would install still runs, and its install command fails.
/// Source: cloud-init 22.2.2 cloudinit/config/cc_package_update_upgrade_install.py handle()
/// (makecache, then install; errors logged, the last re-raised) and cloudinit/helpers.py
/// Runners.run (the semaphore is written before the handler, clear_on_fail=False); runcmd's
/// script is util.shellify's `#!/bin/sh` without `set -e`; bootcmd's frequency is always
/// (Tests/ModuleCatalog/MODULES.tsv).
@Suite("Offline")
struct OfflineTests {
  func profile(_ name: String) throws -> Profile { try ProfileTests.load(name) }

  let userData = Array("#cloud-config\npackages: [jq]\nbootcmd: [yum install -y tmux]\nruncmd: [yum install -y htop]\n".utf8)

  @Test("installs fail with the profile's package-manager message; module decisions do not change")
  func failures() throws {
    let al2 = try profile("al2")
    let online = try Simulation.run(profile: al2, userData: userData)
    let offline = try Simulation.run(profile: al2, userData: userData, offline: true)
    #expect(online.packages.map(\.installed) == [true, true, true])
    #expect(offline.packages.map(\.installed) == [false, false, false])
    #expect(offline.packages.map(\.stage) == online.packages.map(\.stage))
    #expect(offline.packages.allSatisfy { $0.failure == al2.offlineError && $0.failure != nil })
    for stage in StagePlan.Stage.allCases {
      #expect(offline.plans[0].plan.stages[stage]?.map { "\($0.name) \($0.runs) \($0.reason)" }
        == online.plans[0].plan.stages[stage]?.map { "\($0.name) \($0.runs) \($0.reason)" })
    }
    let module = offline.plans[0].plan.stages[.config]?.first { $0.module == "cc_package_update_upgrade_install" }
    #expect(module?.effect?.contains("each fails") == true)
    let byPath = Dictionary(uniqueKeysWithValues: offline.packages.map { ($0.via, $0.reasons.joined(separator: " ")) })
    #expect(byPath[.packages]?.contains("does not retry") == true)
    #expect(byPath[.bootcmd]?.contains("every boot tries again") == true)
    #expect(byPath[.runcmd]?.contains("still run") == true)
  }

  @Test("a package that is not installed anyway keeps its own reason, and explain offers no user-data fix for a failed download")
  func explanation() throws {
    let eks = try profile("eks-al2023")
    let userData = Array("#cloud-config\npackages: [jq]\n".utf8)
    let simulation = try Simulation.run(profile: eks, userData: userData, offline: true)
    #expect(simulation.packages[0].failure == nil)
    let fixes = Explanation.explain("jq", in: simulation) {
      try? Simulation.run(profile: eks, userData: userData, offline: true, whatIf: $0)
    }.fixes
    #expect(fixes.count == 3 && fixes.allSatisfy { !$0.installs })
    let al2023 = try Simulation.run(profile: try profile("al2023"), userData: userData, offline: true)
    let explanation = Explanation.explain("jq", in: al2023) { _ in nil }
    #expect(explanation.fixes.isEmpty)
    #expect(explanation.lines.contains { $0.contains("No user-data change fixes this") })
  }
}
