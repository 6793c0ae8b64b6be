@testable import CloudInitSim
import Foundation
import Testing

/// The checks on raw user-data that cloud-init does not make for the user.
@Suite("User-data envelope checks")
struct EnvelopeCheckTests {
  func warnings(_ bytes: [UInt8], limit: Int = 16_384) -> [String] {
    EnvelopeCheck.warnings(bytes, processed: UserDataProcessor(version: .v22_2_2).process(bytes), limit: limit)
  }

  @Test("over the EC2 limit, with what gzip would make of it")
  func size() {
    let text = "#cloud-config\nruncmd:\n" + String(repeating: "- echo the same line again and again\n", count: 600)
    let found = warnings(Array(text.utf8))
    #expect(found.contains { $0.contains("EC2 accepts at most 16384 bytes") && $0.contains("which fits") })
  }

  @Test("base64 user-data is flagged; --base64 decodes it")
  func base64() {
    let encoded = Array(Data("#cloud-config\npackages: [jq]\n".utf8).base64EncodedString().utf8)
    #expect(warnings(encoded).contains { $0.contains("looks base64-encoded") })
    #expect(EnvelopeCheck.decodeBase64(encoded) == Array("#cloud-config\npackages: [jq]\n".utf8))
    #expect(!warnings(Array("#cloud-config\npackages: [jq]\n".utf8)).contains { $0.contains("base64") })
  }

  // Oracle: Tests/OracleCorpus/expected/s09-yaml-doc-marker-before-header.json (Unhandled non-multipart).
  @Test("a '---' first line is called out")
  func documentMarker() {
    #expect(warnings(Array("---\n#cloud-config\na: 1\n".utf8)).contains { $0.contains("the first line is '---'") })
  }

  @Test("CRLF in a script's #! line is called out")
  func crlfScript() {
    #expect(warnings(Array("#!/bin/bash\r\necho hi\r\n".utf8)).contains { $0.contains("CRLF") })
  }

  // cloudinit/filters/launch_index.py: parts naming another index are dropped; on EC2 the index
  // is ami-launch-index.
  @Test("parts for another launch index are dropped when the instance has one")
  func launchIndex() {
    let text = "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"B\"\n\n--B\nContent-Type: text/cloud-config\n"
      + "Launch-Index: 1\n\na: 1\n--B\nContent-Type: text/cloud-config\n\nb: 2\nlaunch-index: 3\n--B\n"
      + "Content-Type: text/cloud-config\n\nc: 3\n--B--\n"
    let onEC2 = UserDataProcessor(version: .v22_2_2, launchIndex: 0).process(Array(text.utf8))
    #expect(onEC2.parts.map(\.filename) == ["part-003"])
    let withoutIndex = UserDataProcessor(version: .v22_2_2).process(Array(text.utf8))
    #expect(withoutIndex.parts.count == 3)
  }
}
