@testable import CloudInitSim
import Foundation
import Testing

/// `run --format log` and `log`: the log lines use the format strings of SPEC.md section (f);
/// the event prefixes init-network / modules-config / modules-final are cloudinit/cmd/main.py's
/// (22.2.2); reading them back gives the simulation's decisions.
@Suite("cloud-init.log")
struct LogTests {
  @Test("every scenario's log reads back to its own simulation, over two boots", arguments: ScenarioTests.all())
  func roundTrip(_ name: String) throws {
    let spec = try String(contentsOfFile: PackagePaths.root.appendingPathComponent("Scenarios/\(name)/scenario.yaml").path, encoding: .utf8)
    guard let line = spec.split(separator: "\n").first(where: { $0.hasPrefix("profile: ") }) else { return }
    let profile = String(line.dropFirst("profile: ".count))
    let userData = "Scenarios/\(name)/user-data"
    let log = try runCommand(["run", "--profile", profile, "--user-data", userData, "--boots", "first,reboot", "--format", "log"])
    #expect(log.status == 0)
    let read = try withTemporaryFile(named: "cloud-init.log", log.standardOutput) {
      try runCommand(["log", $0.path, "--profile", profile, "--user-data", userData, "--boots", "first,reboot"])
    }
    #expect(read.status == 0, "\(read.standardOutput)")
    #expect(read.standardOutput.hasSuffix("the log agrees with the simulation\n"))
  }

  @Test("the reader finds failures, unknown modules, distro skips and semaphore hits in cloud-init's own wording")
  func reader() {
    let text = """
      2026-01-01 10:00:00,000 - util.py[DEBUG]: Cloud-init v. 22.2.2 running 'modules:config' at Thu, 01 Jan 2026 10:00:00 +0000. Up 9.1 seconds.
      2026-01-01 10:00:00,100 - modules.py[WARNING]: Could not find module named cc_nope (searched ['cc_nope', 'cloudinit.config.cc_nope'])
      2026-01-01 10:00:00,200 - modules.py[INFO]: Skipping modules 'ntp,ssh-import-id' because they are not verified on distro 'amazon'.  To run anyway, add them to 'unverified_modules' in config.
      2026-01-01 10:00:00,300 - modules.py[DEBUG]: Running module runcmd (<module 'cloudinit.config.cc_runcmd' from '/x.py'>) with frequency once-per-instance
      2026-01-01 10:00:00,400 - helpers.py[DEBUG]: config-runcmd already ran (freq=once-per-instance)
      2026-01-01 10:00:00,500 - modules.py[DEBUG]: Running module yum-add-repo (<module 'cloudinit.config.cc_yum_add_repo' from '/y.py'>) with frequency once-per-instance
      2026-01-01 10:00:00,600 - modules.py[WARNING]: Running module yum-add-repo (<module 'cloudinit.config.cc_yum_add_repo' from '/y.py'>) failed
      """
    let entries = CloudInitLog.read(text).map { "\($0.stage.rawValue)/\($0.name) \($0.outcome.rawValue)" }
    #expect(entries == [
      "config/nope not-found", "config/ntp not-verified", "config/ssh-import-id not-verified",
      "config/runcmd already-ran", "config/yum-add-repo failed",
    ])
  }

  // The shape of AL2 syslog lines as in public reports (e.g. aws/aws-parallelcluster#1334, not
  // copied here): `cloud-init[pid]: ` before the file name, python2.7 `.pyc` modules, and an
  // excerpt that starts after the welcome line, so the stage comes from the reporting event.
  @Test("syslog lines of an excerpt without its welcome line: the stage comes from the reporting events")
  func syslogExcerpt() {
    let text = """
      Mar 02 08:00:01 ip-10-0-0-1 cloud-init[1999]: stages.py[DEBUG]: Running module runcmd (<module 'cloudinit.config.cc_runcmd' from '/usr/lib/python2.7/site-packages/cloudinit/config/cc_runcmd.pyc'>) with frequency once-per-instance
      Mar 02 08:00:01 ip-10-0-0-1 cloud-init[1999]: handlers.py[DEBUG]: start: modules-config/config-runcmd: running config-runcmd with frequency once-per-instance
      Mar 02 08:00:02 ip-10-0-0-1 cloud-init[1999]: stages.py[DEBUG]: Running module scripts-user (<module 'cloudinit.config.cc_scripts_user' from '/usr/lib/python2.7/site-packages/cloudinit/config/cc_scripts_user.pyc'>) with frequency once-per-instance
      Mar 02 08:00:02 ip-10-0-0-1 cloud-init[1999]: handlers.py[DEBUG]: start: modules-final/config-scripts-user: running config-scripts-user with frequency once-per-instance
      """
    let entries = CloudInitLog.read(text).map { "\($0.stage.rawValue)/\($0.name) \($0.outcome.rawValue)" }
    #expect(entries == ["config/runcmd ran", "final/scripts-user ran"])
  }

  /// Logs written by real cloud-init code (Tests/LogCorpus/generate.py: cloud-init 22.2.2 and
  /// 19.3 from github.com/canonical/cloud-init, run by ../shared/oracle on the bundled profile,
  /// every record formatted with cloud-init's own 05_logging.cfg format).
  static let realLogs = [
    ("eks-al2023-packages-ignored.22.2.2", "eks-al2023", "eks-al2023-packages-ignored"),
    ("al2-packages-installed.19.3", "al2", "al2-packages-installed"),
  ]

  @Test("a real cloud-init.log reads as one boot of init, config and final and agrees with the upstream simulation", arguments: realLogs)
  func realLog(_ log: String, _ profile: String, _ scenario: String) throws {
    let path = "Tests/LogCorpus/\(log).log"
    let entries = CloudInitLog.read(try String(contentsOfFile: PackagePaths.root.appendingPathComponent(path).path, encoding: .utf8))
    #expect(Set(entries.map(\.boot)) == [1])
    #expect(Set(entries.map(\.stage)) == Set(StagePlan.Stage.allCases))
    let result = try runCommand(["log", path, "--profile", profile, "--user-data", "Scenarios/\(scenario)/user-data", "--upstream"])
    #expect(result.status == 0, "\(result.standardOutput)")
    #expect(result.standardOutput.hasSuffix("the log agrees with the simulation\n"))
  }

  @Test("against the patched image, the same real log shows the differences the profile declares")
  func realLogAgainstPatchedImage() throws {
    let result = try runCommand([
      "log", "Tests/LogCorpus/eks-al2023-packages-ignored.22.2.2.log", "--profile", "eks-al2023",
      "--user-data", "Scenarios/eks-al2023-packages-ignored/user-data",
    ])
    #expect(result.status == 1)
    // Upstream 22.2.2 has no write_metadata module; the AL2023 build adds one.
    #expect(result.standardOutput.contains("boot 1 init/write_metadata: not-found   <- simulation: ran"))
  }
}
