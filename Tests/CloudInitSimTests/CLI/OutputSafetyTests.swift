import Foundation
import Testing

/// Output is a function of the inputs alone, and user content cannot break out of its medium.
@Suite("output determinism and escaping")
struct OutputSafetyTests {
  static let formats = ["text", "json", "markdown", "html", "log"]
  static let hostile = "Tests/Fuzz/hostile/control-characters.yaml"

  static func scenarioArguments(_ name: String) throws -> [String] {
    let text = try String(
      contentsOf: ScenarioTests.folder.appendingPathComponent("\(name)/scenario.yaml"), encoding: .utf8)
    let field = { (key: String) in
      text.split(separator: "\n").first { $0.hasPrefix("\(key):") }
        .map { $0.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces) }
    }
    var arguments = ["run", "--profile", field("profile") ?? "al2023",
                     "--user-data", "Scenarios/\(name)/\(field("user_data") ?? "user-data")", "--boots", "first,reboot,new-instance"]
    if field("offline") == "true" { arguments.append("--offline") }
    return arguments
  }

  // Each run is a new process, so Swift's per-process hash seeds differ: any output that
  // follows a dictionary's order shows up here.
  @Test("the same inputs give byte-identical output in every format", arguments: ScenarioTests.all())
  func deterministic(_ name: String) throws {
    let arguments = try Self.scenarioArguments(name)
    for format in Self.formats {
      let first = try runCommand(arguments + ["--format", format])
      let second = try runCommand(arguments + ["--format", format])
      #expect(first.standardOutput == second.standardOutput, "\(name) --format \(format)")
      #expect(first.standardError == second.standardError, "\(name) --format \(format): standard error")
      #expect(!first.standardOutput.isEmpty)
    }
  }

  @Test("diff output is deterministic too")
  func diffDeterministic() throws {
    let arguments = ["diff", "--profile", "eks-al2023", "--user-data", "Scenarios/eks-al2023-packages-ignored/user-data",
                     "--vs-profile", "al2023", "--format", "json"]
    #expect(try runCommand(arguments).standardOutput == (try runCommand(arguments)).standardOutput)
  }

  static func hasRawControl(_ text: String) -> Bool {
    text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) }
  }

  @Test("no format lets a control character from user-data reach the reader", arguments: formats)
  func controlCharacters(_ format: String) throws {
    let result = try runCommand(["run", "--profile", "al2023", "--user-data", Self.hostile, "--format", format])
    #expect(result.status == 0)
    #expect(!Self.hasRawControl(result.standardOutput) && !Self.hasRawControl(result.standardError))
    // The log format holds module lines only, no package names.
    if format != "json" && format != "log" { #expect(result.standardOutput.contains("\\u001b[31mred\\u001b[0m")) }
  }

  @Test("JSON keeps user strings exact, escaped by JSON's rules (C1 controls too)")
  func json() throws {
    let yaml = try runCommand(["yaml", "-", "--format", "json"], input: "- \"nel:\\N del:\\x7f\"\n")
    let values = try JSONSerialization.jsonObject(with: Data(yaml.standardOutput.utf8)) as? [String]
    #expect(values == ["nel:\u{85} del:\u{7F}"])
    let result = try runCommand(["run", "--profile", "al2023", "--user-data", Self.hostile, "--format", "json"])
    let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
    let names = (object?["packages"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
    #expect(names == ["\u{1B}[31mred\u{1B}[0m", "<script>alert(1)</script>", "a|b`c"])
  }

  @Test("Markdown: every table row keeps its columns; HTML in user content is inert")
  func markdown() throws {
    let output = try runCommand(["run", "--profile", "al2023", "--user-data", Self.hostile, "--format", "markdown"]).standardOutput
    let rows = output.split(separator: "\n").filter { $0.hasPrefix("| ") }
    // GFM splits cells at every pipe not escaped with a backslash, code spans included.
    func cells(_ row: Substring) -> Int {
      var count = 0
      var previous: Character = " "
      for character in row {
        if character == "|" && previous != "\\" { count += 1 }
        previous = character
      }
      return count - 1
    }
    let packageRows = rows.drop { !$0.hasPrefix("| package |") }.prefix(5)
    #expect(packageRows.count == 5)
    #expect(Set(packageRows.map(cells)) == [6])
    #expect(output.contains("``a\\|b`c``"))
    for line in output.split(separator: "\n") where line.contains("script") {
      // Outside code spans, the tag is written as entities.
      let outsideCode = line.split(separator: "`", omittingEmptySubsequences: false).enumerated()
        .filter { $0.offset % 2 == 0 }.map(\.element).joined()
      #expect(!outsideCode.contains("<script>"), "\(line)")
    }
  }

  @Test("on a terminal the report's own colours stay, a user's concealing style does not",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
  func terminal() throws {
    try withTemporaryFile(named: "user-data", "#cloud-config\npackages: [\"\\e[8mhidden\"]\n") { file in
      // `script` gives the command a pseudo-terminal, as a person's shell would.
      let command = "\(PackagePaths.executable.path) run --profile al2023 --user-data \(file.path)"
      let result = try runCommand(["-qec", command, "/dev/null"], executable: URL(fileURLWithPath: "/usr/bin/script"))
      #expect(result.standardOutput.contains("\\u001b[8mhidden"))
      #expect(!result.standardOutput.contains("\u{1B}[8m"))
      #expect(result.standardOutput.contains("\u{1B}[32minstalled"))
    }
  }
}
