import ArgumentParser

/// `cloudinit-sim run`: which modules run in each stage, and whether each package is installed.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Simulate the first boot: every module's decision per stage, and a verdict for each requested package.",
    discussion: """
      The image's own patches (Amazon's modules, distro support changes) apply unless --upstream. \
      Exit status: 0 when the simulation ran, 3 when a package named with --expect-installed would \
      not be installed.
      """
  )

  @OptionGroup var inputs: SimulationInputs

  @Option(help: "Output format: text or json.")
  var format: RunOutputFormat = .text

  @Flag(help: "Simulate upstream cloud-init only, without the image's vendor patches (what the oracle runs).")
  var upstream = false

  @Option(help: "Exit with status 3 unless this package would be installed (repeatable).")
  var expectInstalled: [String] = []

  func run() throws {
    RunFrontend(command: self).run()
  }
}

/// The output formats of `run`.
enum RunOutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json
}
