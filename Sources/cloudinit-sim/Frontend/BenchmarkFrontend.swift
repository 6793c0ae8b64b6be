import CLibYAML
import CloudInitSim
import Foundation

/// Runs `benchmark`: the four figures of the performance budget, each a median over repeated runs,
/// and the peak memory of a run on 1 MB of user-data. Ratios matter, not absolute times: they
/// hold from one machine to the next.
struct BenchmarkFrontend {
  var iterations: Int
  var profilesDir: String?
  var story: String
  var oracle: String?
  var json: Bool

  /// One measured figure.
  struct Figure {
    var key: String
    var label: String
    var value: Double?
    var unit: String
    var target: String
    var met: Bool?
    var note: String
  }

  func run() {
    let store = ProfileStore.standard(override: profilesDir)
    let root = store.directory.deletingLastPathComponent()
    let scenarios = Frontend.orExit { () throws(FrontendFailure) in try loadScenarios(root: root, store: store) }
    guard let storyCase = scenarios.first(where: { $0.name == story }) else {
      Terminal.standardError.write("cloudinit-sim: no scenario '\(story)' in \(root.path)/Scenarios\n")
      Terminal.exit(ExitStatus.usage)
    }
    // First, while this process is small: Linux counts the resident set a spawned child shares
    // with its parent until exec into the child's peak.
    let big = Self.megabyteUserData()
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("cloudinit-sim-bench-\(getpid()).yaml")
    let memory: Double?
    if FileManager.default.createFile(atPath: file.path, contents: Data(big)) {
      memory = checked(spawnSelf(["run", "--profile", storyCase.profileName, "--user-data", file.path, "--format", "json"]),
                       "run on 1 MiB of user-data").peakKiB.map { Double($0) / 1024 }
      try? FileManager.default.removeItem(at: file)
    } else {
      memory = nil
    }
    let memoryFigure = Figure(
      key: "peakMemoryMiB", label: "peak memory of `run` on \(big.count >> 10) KiB of user-data", value: memory,
      unit: "MiB", target: "< 50 MiB", met: memory.map { $0 < 50 }, note: "max resident set of the process")
    var figures: [Figure] = []
    let cold = median(iterations) { checked(spawnSelf(storyCase.runArguments), "run of \(story)").seconds }
    figures.append(Figure(
      key: "coldRunMs", label: "cold `run` of \(story) (separate process)", value: cold * 1000, unit: "ms",
      target: "< 20 ms", met: cold < 0.020, note: "median of \(iterations)"))

    let rounds = max(3, iterations / 3)
    let perSecond = median(rounds) {
      let clock = ContinuousClock()
      let elapsed = clock.measure {
        for item in scenarios { _ = try? Simulation.run(profile: item.profile, userData: item.userData, boots: item.boots) }
      }
      return Double(scenarios.count) / elapsed.seconds
    }
    figures.append(Figure(
      key: "simulationsPerSecond", label: "simulations per second, one process, all \(scenarios.count) scenarios",
      value: perSecond, unit: "/s", target: ">= 2000", met: perSecond >= 2000, note: "median of \(rounds) rounds"))

    let document = Self.largeDocument()
    let ours = median(iterations) { measure { _ = try? YAMLLoader().load(document, file: "benchmark") } }
    let floor = median(iterations) { measure { _ = Self.libyamlEventCount(document) } }
    figures.append(Figure(
      key: "yamlVsLibyaml", label: "YAML load vs libyaml's event parse (\(document.count >> 10) KiB)",
      value: ours / floor, unit: "x", target: "<= 2x", met: ours / floor <= 2,
      note: String(format: "%.1f MiB/s vs %.1f MiB/s", Double(document.count) / ours / 1048576,
                   Double(document.count) / floor / 1048576)))

    figures.append(oracleFigure(storyCase, cold: cold, store: store))
    figures.append(memoryFigure)

    Terminal.standardOutput.write(json ? Self.json(figures) : Self.table(figures))
  }

  // MARK: - Inputs

  /// A bundled scenario, loaded for simulating.
  struct ScenarioCase {
    var name: String
    var profileName: String
    var profile: Profile
    var userDataPath: String
    var userData: [UInt8]
    var boots: [ModulePipeline.Boot]

    var runArguments: [String] {
      ["run", "--profile", profileName, "--user-data", userDataPath, "--boots", boots.map(\.rawValue).joined(separator: ","),
       "--format", "json"]
    }
  }

  private func loadScenarios(root: URL, store: ProfileStore) throws(FrontendFailure) -> [ScenarioCase] {
    let folder = root.appendingPathComponent("Scenarios")
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    var cases: [ScenarioCase] = []
    for name in names {
      let path = folder.appendingPathComponent("\(name)/scenario.yaml").path
      guard let data = FileManager.default.contents(atPath: path) else { continue }
      guard let document = try? YAMLLoader().load(Array(data), file: path), let scenario = try? Scenario.parse(document.root),
            let profileName = scenario.profile
      else { throw FrontendFailure(message: "\(path): not a scenario the benchmark can run", status: ExitStatus.invalidInput) }
      let userDataPath = folder.appendingPathComponent("\(name)/\(scenario.userData)").path
      cases.append(ScenarioCase(
        name: name, profileName: profileName, profile: try store.load(profileName), userDataPath: userDataPath,
        userData: try InputFile.read(userDataPath), boots: scenario.boots))
    }
    guard !cases.isEmpty else { throw FrontendFailure(message: "\(folder.path): no scenarios", status: ExitStatus.usage) }
    return cases
  }

  /// About 1 MiB of realistic cloud-config: packages, files to write, commands.
  static func largeDocument() -> [UInt8] {
    var text = "#cloud-config\npackages:\n"
    var index = 0
    while text.utf8.count < 1 << 20 {
      text += "  - package-\(index)\n"
      text += index % 10 == 0
        ? "write_files_\(index):\n  - path: /etc/app/\(index).conf\n    permissions: '0644'\n    owner: root:root\n"
          + "    content: |\n      key = value \(index)\n      enabled = yes\nruncmd_\(index): [[systemctl, restart, app\(index)], 'echo done']\n"
          + "packages_\(index):\n"
        : ""
      index += 1
    }
    return Array(text.utf8)
  }

  /// 1 MiB of user-data: one cloud-config part with many files and commands.
  static func megabyteUserData() -> [UInt8] {
    var text = "#cloud-config\nwrite_files:\n"
    var index = 0
    while text.utf8.count < 1 << 20 {
      text += "  - path: /etc/app/file-\(index).conf\n    permissions: '0644'\n    content: |\n"
        + "      # generated file \(index)\n      setting_\(index) = \(index * 7)\n"
      index += 1
    }
    text += "packages: [jq, htop]\nruncmd:\n  - [systemctl, enable, app]\n"
    return Array(text.utf8)
  }

  /// Events libyaml's parser produces for `bytes`: the floor the YAML layer can reach.
  static func libyamlEventCount(_ bytes: [UInt8]) -> Int {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else { return 0 }
    defer { yaml_parser_delete(&parser) }
    var count = 0
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      yaml_parser_set_input_string(&parser, base, buffer.count)
      var event = yaml_event_t()
      while yaml_parser_parse(&parser, &event) == 1 {
        let done = event.type == YAML_STREAM_END_EVENT
        yaml_event_delete(&event)
        count += 1
        if done { break }
      }
    }
    return count
  }

  // MARK: - The oracle

  /// The same story run by real cloud-init's code (`../shared/oracle`), when it is set up.
  private func oracleFigure(_ story: ScenarioCase, cold: Double, store: ProfileStore) -> Figure {
    let label = "real cloud-init (oracle) on the same case, vs cold `run`"
    let folder = oracle.map { URL(fileURLWithPath: $0) }
      ?? store.directory.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/oracle")
    let script = folder.appendingPathComponent("oracle.py")
    guard FileManager.default.fileExists(atPath: script.path),
          FileManager.default.fileExists(atPath: folder.appendingPathComponent("vendor-root").path)
    else {
      return Figure(
        key: "oracleRatio", label: label, value: nil, unit: "x", target: ">= 50x", met: nil,
        note: "skipped: no oracle set up at \(folder.path) (run its setup.sh, or pass --oracle DIR)")
    }
    let etc = store.directory.appendingPathComponent("\(story.profileName)/etc/cloud").path
    var arguments = [script.path, "--etc", etc, "--user-data", story.userDataPath, "--distro", story.profile.distro, "--json"]
    let source = folder.appendingPathComponent("src/\(story.profile.behaviour.rawValue)")
    let version: String
    if FileManager.default.fileExists(atPath: source.path) {
      arguments = [script.path, "--cloudinit-src", source.path] + arguments.dropFirst()
      version = story.profile.behaviour.rawValue
    } else {
      version = "the oracle's packaged version"
    }
    let runs = max(3, iterations / 4)
    let python = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : "python3"
    let seconds = median(runs) { checked(spawn(python, arguments), "the oracle (\(script.path))").seconds }
    return Figure(
      key: "oracleRatio", label: label, value: seconds / cold, unit: "x", target: ">= 50x", met: seconds / cold >= 50,
      note: String(format: "cloud-init %@: %.0f ms, median of %d", version, seconds * 1000, runs))
  }

  // MARK: - Measuring

  private func measure(_ body: () -> Void) -> Double {
    ContinuousClock().measure(body).seconds
  }

  private func median(_ count: Int, _ sample: () -> Double) -> Double {
    let values = (0..<count).map { _ in sample() }.sorted()
    return values.count % 2 == 1 ? values[values.count / 2] : (values[values.count / 2 - 1] + values[values.count / 2]) / 2
  }

  /// What one child process cost: wall time and its peak resident memory.
  struct ChildCost {
    var seconds: Double
    var peakKiB: Int?
  }

  /// Stops the benchmark when a child failed: a crashing `run` would otherwise count as fast.
  private func checked(_ cost: ChildCost, _ what: String) -> ChildCost {
    guard cost.seconds.isFinite else {
      Terminal.standardError.write("cloudinit-sim: benchmark: \(what) failed; run it by hand to see why\n")
      Terminal.exit(ExitStatus.invalidInput)
    }
    return cost
  }

  private func spawnSelf(_ arguments: [String]) -> ChildCost {
    spawn(Bundle.main.executablePath ?? CommandLine.arguments[0], arguments)
  }

  /// Runs `program` with output discarded and waits for it.
  private func spawn(_ program: String, _ arguments: [String]) -> ChildCost {
    var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
    let argv = ([program] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let clock = ContinuousClock()
    let start = clock.now
    guard posix_spawnp(&pid, program, &actions, nil, argv, environ) == 0 else { return ChildCost(seconds: .nan, peakKiB: nil) }
    var status: Int32 = 0
    var usage = rusage()
    _ = wait4(pid, &status, 0, &usage)
    // Exited normally with status 0 (the wait status's low 7 bits are the signal, the next 8 the exit code).
    let seconds = status == 0 ? (clock.now - start).seconds : .nan
    #if os(Linux)
    return ChildCost(seconds: seconds, peakKiB: usage.ru_maxrss)
    #else
    return ChildCost(seconds: seconds, peakKiB: usage.ru_maxrss / 1024)
    #endif
  }

  // MARK: - Output

  private static func table(_ figures: [Figure]) -> String {
    var out = "figure".padding(toLength: 62, withPad: " ", startingAt: 0) + "value       target     met   note\n"
    for figure in figures {
      let value = figure.value.map { String(format: "%.1f %@", $0, figure.unit) } ?? "-"
      let met = figure.met.map { $0 ? "yes" : "NO" } ?? "-"
      out += figure.label.padding(toLength: 62, withPad: " ", startingAt: 0)
        + value.padding(toLength: 12, withPad: " ", startingAt: 0)
        + figure.target.padding(toLength: 11, withPad: " ", startingAt: 0)
        + met.padding(toLength: 6, withPad: " ", startingAt: 0) + figure.note + "\n"
    }
    return out
  }

  private static func json(_ figures: [Figure]) -> String {
    let items = figures.map { figure -> [String: Any] in
      var item: [String: Any] = [
        "key": figure.key, "label": figure.label, "unit": figure.unit, "target": figure.target, "note": figure.note,
      ]
      item["value"] = figure.value.map { ($0 * 100).rounded() / 100 } ?? NSNull()
      item["met"] = figure.met ?? NSNull()
      return item
    }
    guard let data = try? JSONSerialization.data(withJSONObject: ["figures": items], options: [.prettyPrinted, .sortedKeys])
    else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}

extension Duration {
  /// The duration in seconds.
  var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) / 1e18
  }
}
