import Foundation
import Testing

/// Inputs that can be read only once (standard input, pipes) and inputs without a size.
@Suite("input files")
struct InputFileTests {
  static let userData = "Scenarios/eks-al2023-packages-ignored/user-data"

  @Test("explain's fixes see the same user-data from standard input as from a file", arguments: ["-", "/dev/stdin"])
  func standardInputReadOnce(_ path: String) throws {
    let fromFile = try runCommand(["explain", "--profile", "eks-al2023", "--user-data", Self.userData])
    let text = try String(contentsOf: PackagePaths.root.appendingPathComponent(Self.userData), encoding: .utf8)
    let fromStdin = try runCommand(["explain", "--profile", "eks-al2023", "--user-data", path], input: text)
    #expect(fromStdin.status == 0)
    let verdicts = { (output: String) in output.split(separator: "\n").filter { $0.contains("  fix ") } }
    #expect(!verdicts(fromFile.standardOutput).isEmpty)
    #expect(verdicts(fromStdin.standardOutput) == verdicts(fromFile.standardOutput))
  }

  @Test("a device without a size stops at the size bound")
  func endlessDevice() throws {
    let result = try runCommand(["run", "--profile", "al2023", "--user-data", "/dev/zero"])
    #expect(result.status == 1)
    #expect(result.standardError.contains("/dev/zero: larger than 16 MiB"))
  }
}
