import Foundation
import Testing

/// Every committed fuzz input (the hostile seeds and every crash ever found, in
/// `Tests/Fuzz/regressions/TARGET/`) goes through its fuzz target once more, in the normal build.
@Suite("fuzz regression inputs")
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
}
