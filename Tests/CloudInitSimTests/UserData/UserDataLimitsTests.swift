@testable import CloudInitSim
import Foundation
import Testing

/// Hostile user-data ends in a clear refusal, never a crash, a hang or a silent wrong answer.
///
/// cloud-init itself has none of these bounds (source: cloud-init 22.2.2 `user_data.py`
/// `_process_msg` and `_do_include` recurse with no depth check; `util.decomp_gzip` inflates
/// everything), so past a bound the simulator refuses instead of answering.
@Suite("user-data bounds")
struct UserDataLimitsTests {
  /// Small bounds, so the tests build small inputs.
  static let small = UserDataLimits(
    maxInputBytes: 4096, maxInflatedBytes: 64 << 10, maxParts: 10, maxMIMEDepth: 5, maxIncludeDepth: 3)

  static func process(_ text: String, limits: UserDataLimits = small, includes: [String: String] = [:]) -> UserDataProcessor.Result {
    UserDataProcessor(version: .v22_2_2, includes: includes.mapValues { Array($0.utf8) }, limits: limits)
      .process(Array(text.utf8))
  }

  static func mime(parts: [String], boundary: String = "B") -> String {
    "Content-Type: multipart/mixed; boundary=\"\(boundary)\"\nMIME-Version: 1.0\n\n"
      + parts.map { "--\(boundary)\n\($0)\n" }.joined() + "--\(boundary)--\n"
  }

  @Test("input past the size bound is refused, at the bound it is read")
  func inputSize() {
    let header = "#cloud-config\n"
    let atBound = header + String(repeating: "#", count: Self.small.maxInputBytes - header.utf8.count)
    #expect(Self.process(atBound).refused == nil)
    let refused = Self.process(atBound + "#").refused
    #expect(refused?.message.hasPrefix("is 4097 bytes; the simulator reads at most 4096 bytes") == true)
    #expect(Self.process(atBound + "#").parts.isEmpty)
  }

  @Test("a gzip bomb stops at the inflated-size bound, whole or as a MIME part")
  func gzipBomb() throws {
    let bomb = try #require(Gzip.compress(Array(("#cloud-config\n" + String(repeating: " ", count: 1 << 20)).utf8)))
    #expect(bomb.count < Self.small.maxInputBytes)
    let whole = UserDataProcessor(version: .v22_2_2, limits: Self.small).process(bomb)
    #expect(whole.refused?.message.contains("gzip bomb") == true)
    let part = Self.mime(parts: [
      "Content-Type: application/x-gzip\nContent-Transfer-Encoding: base64\n\n" + Data(bomb).base64EncodedString()
    ])
    var roomy = Self.small
    roomy.maxInputBytes = 1 << 20
    #expect(Self.process(part, limits: roomy).refused?.message.contains("application/x-gzip part takes what gzip inflates past") == true)
    // Under the bound, the same stream inflates and is read (not mistaken for "not gzip").
    roomy.maxInflatedBytes = 2 << 20
    let inflated = UserDataProcessor(version: .v22_2_2, limits: roomy).process(bomb)
    #expect(inflated.refused == nil && inflated.envelope == "gzip")
  }

  @Test("the gzip bound is on the total: parts that each stay under it are refused together")
  func gzipTotal() throws {
    let small = try #require(Gzip.compress(Array(("#!/bin/sh\n" + String(repeating: "#", count: 40 << 10)).utf8)))
    let part = "Content-Type: application/x-gzip\nContent-Transfer-Encoding: base64\n\n" + Data(small).base64EncodedString()
    var roomy = Self.small
    roomy.maxInputBytes = 1 << 20
    // 40 KiB each under a 64 KiB bound: one part passes, two do not.
    #expect(Self.process(Self.mime(parts: [part]), limits: roomy).refused == nil)
    #expect(Self.process(Self.mime(parts: [part, part]), limits: roomy).refused != nil)
  }

  @Test("MIME part count past the bound is refused")
  func partCount() {
    let atBound = Self.mime(parts: Array(repeating: "Content-Type: text/x-shellscript\n\n#!/bin/sh", count: 10))
    #expect(Self.process(atBound).refused == nil)
    #expect(Self.process(atBound).parts.count == 10)
    let over = Self.mime(parts: Array(repeating: "Content-Type: text/x-shellscript\n\n#!/bin/sh", count: 11))
    #expect(Self.process(over).refused?.message == "a MIME message of 11 parts; the simulator reads at most 10")
  }

  @Test("archive entries count as parts")
  func archiveParts() {
    let entries = (0..<11).map { "- \"#!/bin/sh\\necho \($0)\"\n" }.joined()
    #expect(Self.process("#cloud-config-archive\n" + entries).refused?.message.hasPrefix("a #cloud-config-archive of 11 parts") == true)
    #expect(Self.process("#cloud-config-archive\n" + entries.split(separator: "\n").prefix(10).joined(separator: "\n")).refused == nil)
  }

  @Test("MIME nesting past the bound is refused")
  func mimeDepth() {
    func nested(_ depth: Int) -> String {
      var message = "Content-Type: text/cloud-config\n\npackages: [jq]\n"
      for level in 0..<depth { message = Self.mime(parts: [message], boundary: "b\(level)") }
      return message
    }
    var roomy = Self.small
    roomy.maxInputBytes = 1 << 20
    #expect(Self.process(nested(5), limits: roomy).parts.map(\.contentType) == ["text/cloud-config"])
    #expect(Self.process(nested(6), limits: roomy).refused?.message.contains("nested more than 5 deep") == true)
    // Each level keeps its whole body: 4 levels of a 20 KB part hold 80 KB in all, past 64 KiB.
    var padded = "Content-Type: text/cloud-config\n\n#cloud-config\n" + String(repeating: "# pad\n", count: 3_400)
    for level in 0..<4 { padded = Self.mime(parts: [padded], boundary: "p\(level)") }
    #expect(Self.process(padded, limits: roomy).refused?.message.hasPrefix("nested MIME multiparts hold more than") == true)
    // Far past the default bound: refused without exhausting the stack.
    #expect(Self.process(nested(2_000), limits: UserDataLimits()).refused != nil)
  }

  @Test("#include chains past the depth bound, and #include loops, are refused")
  func includes() {
    let chain = [
      "http://a": "#include http://b", "http://b": "#include http://c", "http://c": "#include http://d",
      "http://d": "#cloud-config\npackages: [jq]\n",
    ]
    #expect(Self.process("#include http://b", includes: chain).parts.map(\.contentType) == ["text/cloud-config"])
    let deep = Self.process("#include http://a", includes: chain).refused?.message
    #expect(deep?.hasPrefix("#include nested more than 3 deep (http://a -> http://b -> http://c)") == true)
    let loop = Self.process("#include http://a", includes: ["http://a": "#include http://b", "http://b": "#include http://a"])
    #expect(loop.refused?.message.hasPrefix("#include loop: http://a -> http://b -> http://a") == true)
    // The same URL included twice, one after the other, is not a loop.
    let twice = Self.process("#include http://d\n#include http://d", includes: chain)
    #expect(twice.refused == nil && twice.parts.count == 2)
  }

  @Test("a refused input fails the simulation with the bound's message")
  func simulationFails() throws {
    let profile = try ProfileTests.load("al2023")
    var caught: Simulation.Failure?
    do {
      _ = try Simulation.run(
        profile: profile, userData: Array("#include http://a".utf8), includes: ["http://a": Array("#include http://a".utf8)])
    } catch {
      caught = error
    }
    #expect(caught?.message.hasPrefix("user-data: #include loop") == true)
  }

  @Test("run refuses a file past the size bound before reading it, with exit status 1")
  func hugeFile() throws {
    try withTemporaryFolder { folder in
      let file = folder.appendingPathComponent("huge")
      #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
      let handle = try FileHandle(forWritingTo: file)
      // A sparse 100 MB file: nothing is written, so the test is quick.
      try handle.truncate(atOffset: 100_000_000)
      try handle.close()
      let result = try runCommand(["run", "--profile", "al2023", "--user-data", file.path])
      #expect(result.status == 1)
      #expect(result.standardError.contains("huge: larger than 16 MiB, more than the simulator reads"))
    }
  }
}
