import CloudInitSim
import Foundation

/// Runs `benchmark`: each case `iterations` times, then a table of mean and worst times and the
/// process's peak resident memory.
struct BenchmarkFrontend {
  var iterations: Int
  var profilesDir: String?

  struct Case {
    var name: String
    var body: () -> Void
  }

  func run() {
    let store = ProfileStore.standard(override: profilesDir)
    var cases = yamlCases()
    cases += simulationCases(store: store)
    let out = Terminal.standardOutput
    out.write("case".padding(toLength: 50, withPad: " ", startingAt: 0) + "   mean ms    max ms\n")
    for item in cases {
      var durations: [Duration] = []
      for _ in 0..<iterations {
        let clock = ContinuousClock()
        durations.append(clock.measure(item.body))
      }
      let millis = durations.map { Double($0.components.seconds) * 1000 + Double($0.components.attoseconds) / 1e15 }
      let mean = millis.reduce(0, +) / Double(millis.count)
      let name = item.name.padding(toLength: 50, withPad: " ", startingAt: 0)
      out.write("\(name)  \(String(format: "%8.2f", mean))  \(String(format: "%8.2f", millis.max() ?? 0))\n")
    }
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let kibibytes = usage.ru_maxrss
    #else
    getrusage(RUSAGE_SELF, &usage)
    let kibibytes = usage.ru_maxrss / 1024  // bytes on Darwin
    #endif
    out.write("peak resident memory: \(kibibytes / 1024) MiB\n")
  }

  /// YAML inputs of the sizes and shapes that matter: a big realistic config, and the hostile
  /// documents the loader must refuse quickly.
  private func yamlCases() -> [Case] {
    let packages = "#cloud-config\npackages:\n" + (0..<20_000).map { "  - package-\($0)\n" }.joined()
    let nested = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    var laughs = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    var previous = "a"
    for letter in ["b", "c", "d", "e", "f", "g", "h", "i"] {
      laughs += "\(letter): &\(letter) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
      previous = letter
    }
    return [
      Case(name: "yaml: 20000-package cloud-config (\(packages.utf8.count / 1024) KiB)") {
        _ = try? YAMLLoader().load(packages, file: "bench")
      },
      Case(name: "yaml: 100000-deep flow nesting (refused)") { _ = try? YAMLLoader().load(nested, file: "bench") },
      Case(name: "yaml: billion laughs (refused)") { _ = try? YAMLLoader().load(laughs, file: "bench") },
    ]
  }

  /// A full simulation (load, merge, three boots, verdicts) per bundled scenario's user-data.
  private func simulationCases(store: ProfileStore) -> [Case] {
    let root = store.directory.deletingLastPathComponent().appendingPathComponent("Scenarios")
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted()
    var cases: [Case] = []
    for name in names {
      let folder = root.appendingPathComponent(name)
      guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("scenario.yaml").path),
            let document = try? YAMLLoader().load(Array(data), file: "scenario.yaml"),
            let scenario = try? Scenario.parse(document.root), let profileName = scenario.profile,
            let profile = try? store.load(profileName),
            let userData = FileManager.default.contents(atPath: folder.appendingPathComponent(scenario.userData).path)
      else { continue }
      let bytes = Array(userData)
      cases.append(Case(name: "simulate: \(name)") {
        _ = try? Simulation.run(profile: profile, userData: bytes, boots: [.first, .reboot, .newInstance])
      })
    }
    return cases
  }
}
