import ArgumentParser
import CloudInitSim

/// `cloudinit-sim log FILE`: what a real cloud-init.log says the modules did, beside the simulation.
struct LogCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "log",
    abstract: "Read a cloud-init.log: per boot and stage, which modules ran, were skipped (and why) or failed; with --profile, beside what the simulation predicts.",
    discussion: "Exit status 1 when, with --profile, the log and the simulation disagree."
  )

  @Argument(help: "A cloud-init.log (or the one in `cloud-init collect-logs` output), or - for standard input.")
  var file: String

  @Option(help: "The image profile to compare the log with (see `cloudinit-sim profiles`).")
  var profile: String?

  @Option(help: "The user-data the node booted with (for the comparison).")
  var userData: String?

  @Option(help: "A folder of profiles (default: the Profiles folder of this checkout).")
  var profilesDir: String?

  /// The simulation inputs for the comparison, when a profile is named.
  func simulationInputs() throws -> SimulationInputs? {
    guard let profile else { return nil }
    var arguments = ["--profile", profile]
    if let userData { arguments += ["--user-data", userData] }
    if let profilesDir { arguments += ["--profiles-dir", profilesDir] }
    return try SimulationInputs.parse(arguments)
  }

  func validate() throws {
    if userData != nil && profile == nil { throw ValidationError("--user-data needs --profile: the image it booted.") }
    guard ModulePipeline.Boot.list(boots) != nil else { throw ValidationError("--boots: \(ModulePipeline.Boot.listForm)") }
  }

  @Option(help: "The boots the log covers, to simulate (comma-separated, e.g. first,reboot).")
  var boots: String = "first"

  @Flag(help: "Compare with upstream cloud-init, without the differences the profile declares for the image's patched cloud-init (for a log written by upstream code).")
  var upstream = false

  func run() throws {
    LogFrontend(command: self, inputs: try simulationInputs()).run()
  }
}
