import ArgumentParser

/// `cloudinit-sim scenarios [DIR]`: runs every scenario and reports mismatches.
struct ScenariosCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scenarios",
    abstract: "Run every scenario (user-data + scenario.yaml) and report where the simulation differs from what it expects.",
    discussion: "Exit status 1 when any scenario does not hold."
  )

  @Argument(help: "A folder of scenarios, or one scenario folder (default: the Scenarios folder of this checkout).")
  var directory: String?

  @Option(help: "A folder of profiles (default: the Profiles folder of this checkout).")
  var profilesDir: String?

  func run() throws {
    ScenariosFrontend(directory: directory, profilesDir: profilesDir).run()
  }
}
