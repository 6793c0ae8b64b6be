@testable import CloudInitSim
import Foundation
import Testing

/// What the modelled handlers do. Source: each module's handle() in canonical/cloud-init at tags
/// 19.3 and 22.2.2 (cloudinit/config/cc_*.py): cc_package_update_upgrade_install
/// (makecache when update, upgrade or packages), cc_runcmd and cc_bootcmd (skip without their
/// key), cc_write_files / cc_write_files_deferred (split on defer; 19.3 has no defer), cc_scripts_user
/// (cloudinit/subp.py runparts: sorted file names); booleans as util.get_cfg_option_bool
/// (util.TRUE_STRINGS).
@Suite("Module effects")
struct ModuleEffectsTests {
  func effects(_ cloudConfig: String, profile name: String = "al2023", vendorPatches: Bool = true) throws -> [String: String] {
    let profile = try ProfileTests.load(name)
    let simulation = try Simulation.run(profile: profile, userData: Array(cloudConfig.utf8), vendorPatches: vendorPatches)
    var result: [String: String] = [:]
    for decision in simulation.plans[0].plan.stages.values.joined() { result[decision.name] = decision.effect }
    return result
  }

  @Test("a package module with nothing to do runs and does nothing; package_upgrade adds the upgrade")
  func packageModule() throws {
    #expect(try effects("#cloud-config\n{}\n")["package-update-upgrade-install"]?.hasPrefix("does nothing") == true)
    let upgrade = try effects("#cloud-config\npackage_upgrade: true\npackages: [jq]\n")["package-update-upgrade-install"]
    #expect(upgrade == "runs `dnf -y makecache`, then `dnf -y upgrade`, then `dnf -y install jq`")
    let reboot = try effects("#cloud-config\npackage_upgrade: true\npackage_reboot_if_required: true\n")["package-update-upgrade-install"]
    #expect(reboot?.hasSuffix("then reboots at once if a package left /var/run/reboot-required") == true)
    #expect(try effects("#cloud-config\npackage_update: true\npackage_reboot_if_required: true\n")["package-update-upgrade-install"]?
      .contains("reboots") == false)
    // get_cfg_option_bool: the string "yes" counts, "y" does not.
    #expect(try effects("#cloud-config\npackage_update: 'yes'\n")["package-update-upgrade-install"] == "runs `dnf -y makecache`")
    #expect(try effects("#cloud-config\npackage_update: 'y'\n")["package-update-upgrade-install"]?.hasPrefix("does nothing") == true)
  }

  // Not in the oracle (Amazon's patch): Profiles/al2/profile.yaml upstream_differences
  // first-boot-security-upgrade (FACTS.md F-AL2-4, H) and repo-upgrade-keys (F-AL2-3, L).
  @Test("on AL2 the patched package module runs the security upgrade once per instance; repo_upgrade: none turns it off; upstream does not")
  func amazonRepoUpgrade() throws {
    let patched = try effects("#cloud-config\n{}\n", profile: "al2")["package-update-upgrade-install"]
    #expect(patched?.contains("--security --sec-severity=critical --sec-severity=important upgrade") == true)
    #expect(try effects("#cloud-config\n{}\n", profile: "al2", vendorPatches: false)["package-update-upgrade-install"]?
      .hasPrefix("does nothing") == true)
    #expect(try effects("#cloud-config\nrepo_upgrade: none\n", profile: "al2")["package-update-upgrade-install"]?
      .hasPrefix("does nothing") == true)
    #expect(try effects("#cloud-config\n{}\n")["package-update-upgrade-install"]?.hasPrefix("does nothing") == true)
  }

  @Test("write_files defer splits the files between write-files and write-files-deferred on 22.2.2, not on 19.3")
  func deferredFiles() throws {
    let userData = "#cloud-config\nwrite_files:\n  - {path: /a, content: x}\n  - {path: /b, content: y, defer: true}\n"
    let modern = try effects(userData)
    #expect(modern["write-files"] == "writes 1 file")
    #expect(modern["write-files-deferred"] == "writes 1 file (defer: true)")
    #expect(try effects(userData, profile: "al2")["write-files"]?.contains("unknown to 19.3") == true)
  }

  @Test("scripts-user runs the user scripts and runcmd in file-name order")
  func scriptsUser() throws {
    let userData = """
      Content-Type: multipart/mixed; boundary="B"
      MIME-Version: 1.0

      --B
      Content-Type: text/cloud-config

      runcmd: [ls]
      --B
      Content-Type: text/x-shellscript; charset="us-ascii"
      Content-Disposition: attachment; filename="setup.sh"

      #!/bin/sh
      echo hi
      --B--
      """
    #expect(try effects(userData)["scripts-user"]?.hasPrefix("runs runcmd, setup.sh from") == true)
    #expect(try effects("#cloud-config\n{}\n")["scripts-user"]?.hasPrefix("does nothing") == true)
    #expect(try effects("#cloud-config\n{}\n")["runcmd"] == "does nothing: no runcmd key")
  }
}
