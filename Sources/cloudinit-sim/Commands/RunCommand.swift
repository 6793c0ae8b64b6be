import ArgumentParser
import CloudInitSim
import Foundation

/// `cloudinit-sim run`: which modules run in each stage, and whether each package is installed.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Simulate the boots of an instance: every module's decision per stage, and a verdict for each requested package.",
    discussion: """
      The image's own patches (Amazon's modules, distro support changes) apply unless --upstream. \
      Exit status: 0 when the simulation ran, 3 when a package named with --expect-installed would \
      not be installed.
      """
  )

  @OptionGroup var inputs: SimulationInputs

  @Option(help: "The boots to simulate, in order, after the first: first, reboot, new-instance (comma-separated, e.g. first,reboot).")
  var boots: String = "first"

  @Option(help: "Report one boot: first, reboot (second boot of the same instance) or new-instance (the image booted as a new instance). Short for --boots first,BOOT.")
  var boot: ModulePipeline.Boot?

  @Option(help: "Output format: text, json, markdown (for a ticket), html (one self-contained page) or log (the module lines of cloud-init.log).")
  var format: RunOutputFormat = .text

  @Flag(help: "Simulate upstream cloud-init only, without the image's vendor patches (what the oracle runs).")
  var upstream = false

  @Flag(help: "The package repositories are unreachable (a private subnet without NAT or a VPC endpoint): every install fails.")
  var offline = false

  @Option(help: "Exit with status 3 unless this package would be installed (repeatable).")
  var expectInstalled: [String] = []

  /// The boots to simulate: `--boot` when given, else `--boots`.
  var bootSequence: [ModulePipeline.Boot] {
    if let boot { return boot == .first ? [.first] : [.first, boot] }
    return ModulePipeline.Boot.list(boots) ?? [.first]
  }

  func validate() throws {
    if boot != nil && boots != "first" { throw ValidationError("Use either --boot or --boots, not both.") }
    guard ModulePipeline.Boot.list(boots) != nil else { throw ValidationError("--boots: \(ModulePipeline.Boot.listForm)") }
  }

  func run() throws {
    RunFrontend(command: self).run()
  }
}

/// The output formats of `run`.
enum RunOutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json, markdown, html, log
}
