import ArgumentParser

/// `cloudinit-sim log FILE`: what a real cloud-init.log says the modules did, beside the simulation.
struct LogCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "log",
    abstract: "Read a cloud-init.log: per boot and stage, which modules ran, were skipped (and why) or failed; with --profile, beside what the simulation predicts.",
    discussion: "Exit status 1 when, with --profile, the log and the simulation disagree."
  )

  @Argument(help: "A cloud-init.log (or the one in `cloud-init collect-logs` output), or - for standard input.")
  var file: String

  @OptionGroup var inputs: SimulationInputs

  @Option(help: "The boots the log covers, to simulate (comma-separated, e.g. first,reboot).")
  var boots: String = "first"

  func run() throws {
    LogFrontend(command: self).run()
  }
}
