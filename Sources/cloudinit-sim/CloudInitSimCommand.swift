import ArgumentParser

/// The `cloudinit-sim` command: simulates cloud-init's module pipeline on an image profile.
@main
struct CloudInitSimCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cloudinit-sim",
    abstract: "Simulate cloud-init on an image profile: what config it reads and what it runs.",
    discussion: """
      Exit status: 0 on success, 1 when the input is invalid (e.g. a YAML error), \
      2 on a usage error (unknown option, missing file), 3 when run --expect-installed fails.
      """,
    subcommands: [
      RunCommand.self, ExplainCommand.self, ScenariosCommand.self, ConfigCommand.self, ProfilesCommand.self, YAMLCommand.self,
      DiffCommand.self, LogCommand.self, ModulesCommand.self, BenchmarkCommand.self,
    ]
  )

  /// Runs the command, mapping ArgumentParser's usage failures to exit status 2.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      let code = exitCode(for: error)
      if code == .validationFailure {
        Terminal.standardError.write(fullMessage(for: error) + "\n")
        Terminal.exit(ExitStatus.usage)
      }
      exit(withError: error)
    }
  }
}
