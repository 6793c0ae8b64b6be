import Foundation
import Testing

/// `run --format html`: one self-contained page per scenario, well formed, with every input text
/// escaped (user-data is untrusted).
@Suite("HTML report")
struct HTMLReportTests {
  /// The tags of `html` that are not closed, or closed out of order (void elements aside).
  static func unbalancedTags(_ html: String) -> [String] {
    var stack: [String] = []
    var problems: [String] = []
    var rest = Substring(html)
    while let open = rest.firstIndex(of: "<") {
      guard let close = rest[open...].firstIndex(of: ">") else { problems.append("unterminated tag"); break }
      let tag = rest[rest.index(after: open)..<close]
      rest = rest[rest.index(after: close)...]
      if tag.hasPrefix("!") { continue }
      let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
      if ["meta", "br", "img", "link", "input"].contains(name) { continue }
      if tag.hasPrefix("/") {
        if stack.last == name { stack.removeLast() } else { problems.append("</\(name)> closes \(stack.last ?? "nothing")") }
      } else {
        stack.append(name)
      }
    }
    return problems + stack.map { "<\($0)> never closed" }
  }

  @Test("every scenario's report is a well-formed page without scripts or external assets", arguments: ScenarioTests.all())
  func scenario(_ name: String) throws {
    let folder = "Scenarios/\(name)"
    let spec = try String(contentsOfFile: PackagePaths.root.appendingPathComponent("\(folder)/scenario.yaml").path, encoding: .utf8)
    guard let profileLine = spec.split(separator: "\n").first(where: { $0.hasPrefix("profile: ") }) else { return }
    let profile = String(profileLine.dropFirst("profile: ".count))
    let result = try runCommand(["run", "--profile", profile, "--user-data", "\(folder)/user-data", "--format", "html"])
    #expect(result.status == 0)
    let html = result.standardOutput
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(Self.unbalancedTags(html).isEmpty, "\(Self.unbalancedTags(html))")
    #expect(!html.contains("<script"))
    #expect(!html.contains("src=") && !html.contains("href=") && !html.contains("@import"), "no external assets")
    #expect(html.contains("<h2 id=\"packages\">Packages</h2>"))
  }

  @Test("markup in user-data comes out as text")
  func escaping() throws {
    let userData = "#cloud-config\npackages: [\"<script>alert(1)</script>\"]\nruncmd: ['echo \"<b>&</b>\" > /tmp/x']\n"
    let result = try withTemporaryFile(named: "user-data", userData) {
      try runCommand(["run", "--profile", "al2023", "--user-data", $0.path, "--format", "html"])
    }
    #expect(!result.standardOutput.contains("<script"))
    #expect(result.standardOutput.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(!result.standardOutput.contains("<b>&</b>"))
    #expect(Self.unbalancedTags(result.standardOutput).isEmpty)
  }

  // Sources: cloud-init's units (cloud-init-local, cloud-init, cloud-config, cloud-final); on the
  // AL2023 EKS AMI nodeadm-config.service runs before cloud-init.service and nodeadm-run.service
  // after the user-data scripts (awslabs/amazon-eks-ami nodeadm units, issue #5's description).
  @Test("on eks-al2023 the lanes include nodeadm around cloud-init's stages; the package module is absent from final")
  func eksLanes() throws {
    let result = try runCommand([
      "run", "--profile", "eks-al2023", "--user-data", "Scenarios/eks-al2023-packages-ignored/user-data", "--format", "html",
    ])
    let lanes = result.standardOutput.components(separatedBy: "<section class=\"lane\"><h3>").dropFirst()
      .map { $0.prefix { $0 != "<" } }
    #expect(lanes == ["init-local", "nodeadm-config", "init", "config", "final", "nodeadm-run"])
    #expect(!result.standardOutput.contains("<span class=\"name\">package-update-upgrade-install</span>"))
    // The naive override: the modules a user-data list leaves out are drawn, struck through.
    let naive = try runCommand([
      "run", "--profile", "eks-al2023", "--user-data", "Scenarios/eks-al2023-naive-final-override/user-data", "--format", "html",
    ])
    #expect(naive.standardOutput.contains("<li class=\"dropped\" tabindex=\"0\" title=\"not run: the list at Scenarios/eks-al2023-naive-final-override/user-data:3:2 replaces the image&#39;s list and leaves it out\"><span class=\"name\">scripts-user</span>"))
  }
}
