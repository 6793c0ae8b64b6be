import ArgumentParser

/// `cloudinit-sim benchmark`: how fast and how big the simulator is on typical and hostile input.
struct BenchmarkCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "benchmark",
    abstract: "Time YAML loading (large, deeply nested, alias bombs) and full simulations of the bundled scenarios; report peak memory.",
    discussion: "Speed is measured here, never in the tests. Build with -c release for numbers worth comparing."
  )

  @Option(help: "Repetitions of each case.")
  var iterations: Int = 20

  @Option(help: "A folder of profiles (default: the Profiles folder of this checkout).")
  var profilesDir: String?

  func validate() throws {
    guard iterations > 0 else { throw ValidationError("--iterations must be at least 1.") }
  }

  func run() throws {
    BenchmarkFrontend(iterations: iterations, profilesDir: profilesDir).run()
  }
}
