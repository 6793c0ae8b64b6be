import Foundation
import Testing

/// `cloudinit-sim yaml`, run as a user runs it: the real binary, its output and exit status.
@Suite("cloudinit-sim yaml")
struct YAMLCommandTests {
  @Test("a YAML error prints file:line:col, the line, a caret and a hint, and exits 1")
  func tabError() throws {
    let result = try runCommand(["yaml", "Scenarios/tab-in-cloud-config/user-data"])
    #expect(result.status == 1)
    #expect(result.standardOutput.isEmpty)
    assertSnapshot(result.standardError, named: "yaml-tab-error.txt")
  }

  @Test("the caret lines up under wide characters")
  func caretUnderWideCharacters() throws {
    let result = try runCommand(["yaml", "-"], input: "名前: 値: x\n")
    #expect(result.status == 1)
    assertSnapshot(result.standardError, named: "yaml-wide-characters-error.txt")
  }

  @Test("an error in a flow collection names what was open and where")
  func contextMark() throws {
    let result = try runCommand(["yaml", "-"], input: "packages: [curl, jq\nruncmd: []\n")
    #expect(result.status == 1)
    assertSnapshot(result.standardError, named: "yaml-unclosed-flow-error.txt")
  }

  @Test("text form types every value and marks YAML 1.2 differences")
  func textForm() throws {
    let result = try runCommand(["yaml", "Scenarios/yaml11-booleans-octal/user-data"])
    #expect(result.status == 0)
    assertSnapshot(result.standardOutput, named: "yaml-text-form.txt")
  }

  @Test("json form is the canonical form the PyYAML goldens use")
  func jsonForm() throws {
    let name = "400-ci-packages"
    let corpus = "Tests/YAMLCorpus"
    let golden = try String(contentsOf: PackagePaths.root.appendingPathComponent("\(corpus)/expected/\(name).json"), encoding: .utf8)
    let result = try runCommand(["yaml", "\(corpus)/cases/\(name).yaml", "--format", "json"])
    #expect(result.status == 0)
    #expect(result.standardOutput == golden)
  }

  @Test("json with --explain adds the YAML 1.2 differences")
  func jsonExplain() throws {
    let result = try runCommand(["yaml", "-", "--format", "json", "--explain"], input: "a: on\nb: 0644\n")
    #expect(result.status == 0)
    assertSnapshot(result.standardOutput, named: "yaml-json-explain.json")
  }

  @Test("yaml form writes the loaded values back, quoting what would change type")
  func yamlForm() throws {
    let result = try runCommand(["yaml", "-", "--format", "yaml", "--explain"], input: "a: on\nb: '0644'\nc: [x, 'yes']\n")
    #expect(result.status == 0)
    #expect(result.standardOutput == "a: true\nb: '0644'\nc:\n- x\n- 'yes'\n# <stdin>:1:4: 'on' is boolean true for cloud-init (YAML 1.1); YAML 1.2 tools read string \"on\"\n")
  }

  @Test("a duplicate key is a warning on stderr; the exit status stays 0")
  func duplicateKeyWarning() throws {
    let result = try runCommand(["yaml", "-", "--format", "json"], input: "packages: [a]\npackages: [b]\n")
    #expect(result.status == 0)
    #expect(result.standardError == "<stdin>:2:1: warning: duplicate key 'packages': this value replaces the one at <stdin>:1:1 (cloud-init keeps the last value without a warning)\n")
  }

  @Test("usage errors exit 2", arguments: [
    ["yaml"],
    ["yaml", "does-not-exist.yaml"],
    ["yaml", "Scenarios"],
    ["yaml", "-", "--format", "xml"],
    ["yaml", "-", "--no-such-flag"],
  ])
  func usageErrors(_ arguments: [String]) throws {
    let result = try runCommand(arguments, input: "a: 1\n")
    #expect(result.status == 2)
    #expect(!result.standardError.isEmpty)
    #expect(result.standardOutput.isEmpty)
  }
}
