import ArgumentParser

/// `cloudinit-sim benchmark`: the performance budget's figures, as medians over repeated runs.
struct BenchmarkCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "benchmark",
    abstract: "Measure a cold run, simulations per second, YAML loading against libyaml, and real cloud-init's speed.",
    discussion: """
      Speed is measured here, never in the tests. Build with -c release for figures worth comparing: \
      swift run -c release cloudinit-sim benchmark. The oracle figure needs ../shared/oracle set up \
      (or --oracle DIR); without it that figure is skipped with a note.
      """
  )

  @Option(help: "Repetitions behind each median.")
  var iterations: Int = 21

  @Option(help: "A folder of profiles (default: the Profiles folder of this checkout).")
  var profilesDir: String?

  @Option(help: "The scenario timed as a cold run and by the oracle.")
  var story: String = "eks-al2023-packages-ignored"

  @Option(help: "The oracle folder (default: ../shared/oracle beside this checkout).")
  var oracle: String?

  @Flag(help: "Print the figures as JSON.")
  var json = false

  func validate() throws {
    guard iterations > 0 else { throw ValidationError("--iterations must be at least 1.") }
  }

  func run() throws {
    BenchmarkFrontend(iterations: iterations, profilesDir: profilesDir, story: story, oracle: oracle, json: json).run()
  }
}
