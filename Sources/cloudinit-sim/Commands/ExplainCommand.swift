import ArgumentParser

/// `cloudinit-sim explain`: why each package is or is not installed, and fixes that were simulated.
struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Explain, for each requested package, what installs it or what stops it, with fixes checked by re-simulating them."
  )

  @OptionGroup var inputs: SimulationInputs

  @Flag(help: "The package repositories are unreachable (a private subnet without NAT or a VPC endpoint): every install fails.")
  var offline = false

  @Argument(help: "The packages to explain (default: every requested package).")
  var packages: [String] = []

  func run() throws {
    ExplainFrontend(command: self).run()
  }
}
