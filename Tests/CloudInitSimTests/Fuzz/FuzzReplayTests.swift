import Foundation
import Testing

/// Every committed fuzz input (the hostile seeds and every crash ever found, in
/// `Tests/Fuzz/regressions/TARGET/`) goes through its fuzz target once more, in the normal build.
@Suite("fuzz regression inputs", .timeLimit(.minutes(2)))
struct FuzzReplayTests {
  static let fuzz = PackagePaths.root.appendingPathComponent("Tests/Fuzz")
  static let targets = ["yaml", "user-data", "merge", "pipeline"]

  @Test("replay without a crash", arguments: targets)
  func replay(_ target: String) throws {
    var paths = [Self.fuzz.appendingPathComponent("hostile").path]
    let regressions = Self.fuzz.appendingPathComponent("regressions/\(target)")
    if FileManager.default.fileExists(atPath: regressions.path) { paths.append(regressions.path) }
    let process = Process()
    process.executableURL = PackagePaths.builtExecutable("cloudinit-sim-fuzz")
    process.arguments = [target] + paths
    process.environment = ["CLOUDINIT_SIM_PROFILES": PackagePaths.root.appendingPathComponent("Profiles").path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(target): \(text)")
    #expect(text.hasPrefix("\(target): ") && text.contains("inputs replayed, none crashed"))
  }

  @Test("the replayer rejects an unknown target")
  func unknownTarget() throws {
    let process = Process()
    process.executableURL = PackagePaths.builtExecutable("cloudinit-sim-fuzz")
    process.arguments = ["nope", Self.fuzz.path]
    process.standardError = Pipe()
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 2)
  }

  /// The fuzz targets end at the library's report value; the renderers live in the executable,
  /// so every committed hostile and regression input also goes through `run` in every format.
  static let inputs: [String] = {
    let folders = ["hostile"] + targets.map { "regressions/\($0)" }
    return folders.flatMap { folder -> [String] in
      let url = fuzz.appendingPathComponent(folder)
      let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
      return names.sorted().map { "Tests/Fuzz/\(folder)/\($0)" }
    }
  }()

  @Test("every hostile and regression input renders in every format, or is refused with exit 1", arguments: inputs)
  func renders(_ path: String) throws {
    for format in OutputSafetyTests.formats {
      let result = try runCommand(["run", "--profile", "eks-al2023", "--user-data", path, "--boots", "first,reboot", "--format", format])
      #expect(result.status == 0 || result.status == 1, "\(path) --format \(format): status \(result.status)")
      #expect(result.status == 0 ? !result.standardOutput.isEmpty : result.standardError.hasPrefix("cloudinit-sim: ") || result.standardError.contains(": error:"),
              "\(path) --format \(format): \(result.standardError.prefix(300))")
    }
  }
}
