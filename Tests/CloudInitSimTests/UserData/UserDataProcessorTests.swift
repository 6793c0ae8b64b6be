@testable import CloudInitSim
import Foundation
import Testing

/// User-data decoding and part typing, each rule pinned to cloud-init's source
/// (`cloudinit/user_data.py`, `cloudinit/handlers/__init__.py` at 19.3 and 22.2.2).
@Suite("User-data processing")
struct UserDataProcessorTests {
  func process(_ text: String, _ version: CloudInitVersion = .v22_2_2) -> UserDataProcessor.Result {
    UserDataProcessor(version: version).process(Array(text.utf8))
  }

  func mime(_ parts: [(headers: String, body: String)], boundary: String = "==B==") -> String {
    var text = "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"\(boundary)\"\n\n"
    for part in parts {
      text += "--\(boundary)\n\(part.headers)\n\n\(part.body)\n"
    }
    return text + "--\(boundary)--\n"
  }

  // type_from_starts_with: INCLUSION_TYPES_MAP, longest prefix first, case-insensitive,
  // leading whitespace ignored.
  @Test("a single part is typed by its first characters", arguments: [
    ("#cloud-config\na: 1\n", "text/cloud-config", UserDataHandler.cloudConfig),
    ("  #Cloud-Config\na: 1\n", "text/cloud-config", .cloudConfig),
    ("#cloud-config-archive\n- a\n", "text/cloud-config-archive", nil),
    ("#!/bin/bash\necho\n", "text/x-shellscript", .shellScript),
    ("#cloud-boothook\necho\n", "text/cloud-boothook", .bootHook),
    ("## template: jinja\n#cloud-config\n", "text/jinja2", .jinja),
  ] as [(String, String, UserDataHandler?)])
  func sniffing(_ text: String, _ type: String, _ handler: UserDataHandler?) {
    let result = process(text)
    if type == "text/cloud-config-archive" {
      #expect(result.parts.first?.contentType == "text/cloud-config")
      return
    }
    #expect(result.parts.map(\.contentType) == [type])
    #expect(result.parts.first?.handler == handler)
    #expect(result.parts.first?.filename == "part-001")
  }

  @Test("user-data without a known first line has no handler (cloud-init: 'Unhandled non-multipart')")
  func notMultipart() {
    let result = process("---\n#cloud-config\npackages: [jq]\n")
    #expect(result.parts.map(\.contentType) == ["text/x-not-multipart"])
    #expect(result.parts.first?.handler == nil)
  }

  // 20.3 added text/x-shellscript to the sniffed types (user_data.py _process_msg).
  @Test("a text/x-shellscript part holding cloud-config is re-typed in 22.2.2, not in 19.3")
  func shellscriptResniffing() {
    let text = mime([(headers: "Content-Type: text/x-shellscript", body: "#cloud-config\npackages: [jq]")])
    #expect(process(text, .v22_2_2).parts.map(\.contentType) == ["text/cloud-config"])
    #expect(process(text, .v19_3).parts.map(\.contentType) == ["text/x-shellscript"])
  }

  @Test("a declared text/cloud-config part is trusted; text/plain is sniffed")
  func declaredTypes() {
    let text = mime([
      (headers: "Content-Type: text/cloud-config", body: "#!/bin/bash\n"),
      (headers: "Content-Type: text/plain", body: "#!/bin/bash\necho"),
      (headers: "Content-Type: application/node.eks.aws", body: "apiVersion: node.eks.aws/v1alpha1"),
    ])
    let result = process(text)
    #expect(result.parts.map(\.contentType) == ["text/cloud-config", "text/x-shellscript", "application/node.eks.aws"])
    #expect(result.parts.map(\.handler) == [.cloudConfig, .shellScript, nil])
    #expect(result.parts.map(\.filename) == ["part-001", "part-002", "part-003"])
  }

  // Python's email feedparser (checked with Python 3.11's email.message_from_string): without the
  // blank line after the part headers, "packages:" and its indented item become a header, and the
  // body is empty; a line that cannot be a header ("#cloud-config") starts the body instead.
  @Test("a missing blank line after part headers eats header-like lines and is reported")
  func missingBlankLine() {
    let eaten = process("MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"B\"\n\n--B\n"
      + "Content-Type: text/cloud-config\npackages:\n  - jq\n--B--\n")
    #expect(eaten.parts.first?.text == "")
    #expect(eaten.warnings.contains { $0.contains("'packages:' was read as a MIME header") })
    let kept = process("MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"B\"\n\n--B\n"
      + "Content-Type: text/cloud-config\n#cloud-config\npackages: [jq]\n--B--\n")
    #expect(kept.parts.first?.text == "#cloud-config\npackages: [jq]")
    #expect(kept.warnings.contains { $0.contains("no blank line after the headers") })
  }

  @Test("a boundary that never appears yields no part at all")
  func wrongBoundary() {
    let text = mime([(headers: "Content-Type: text/cloud-config", body: "a: 1")], boundary: "real")
      .replacingOccurrences(of: "boundary=\"real\"", with: "boundary=\"other\"")
    let result = process(text)
    #expect(result.parts.isEmpty)
    #expect(result.warnings.contains { $0.contains("never appears") })
  }

  @Test("base64 parts and gzip user-data are decoded")
  func encodings() throws {
    let text = mime([(headers: "Content-Type: text/cloud-config\nContent-Transfer-Encoding: base64",
                      body: Data("#cloud-config\na: 1\n".utf8).base64EncodedString())])
    #expect(process(text).parts.first?.text == "#cloud-config\na: 1\n")
    // gzip of "#cloud-config\na: 1\n" made by Python's gzip.compress(mtime=0).
    let gzip: [UInt8] = [
      31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 83, 78, 206, 201, 47, 77, 209, 77, 206, 207, 75, 203, 76, 231, 74, 180, 82,
      48, 228, 2, 0, 158, 162, 161, 46, 19, 0, 0, 0,
    ]
    let result = UserDataProcessor(version: .v22_2_2).process(gzip)
    #expect(result.envelope == "gzip")
    #expect(result.parts.first?.text == "#cloud-config\na: 1\n")
  }

  // user_data.py _do_include -> _handle_error: 19.3 logs a warning and goes on; from 20.3
  // features.ERROR_ON_USER_DATA_FAILURE makes it raise, and no user-data takes effect (the oracle
  // README describes the same for 22.x).
  @Test("#include is served from the map; an unserved URL is skipped in 19.3 and fatal in 22.2.2")
  func include() {
    let includes = ["http://x/a": Array("#cloud-config\nb: 2\n".utf8)]
    let served = UserDataProcessor(version: .v22_2_2, includes: includes).process(Array("#include\nhttp://x/a\n".utf8))
    #expect(served.parts.map(\.contentType) == ["text/cloud-config"])
    let text = Array("#include\nhttp://x/a\nhttp://x/missing\n".utf8)
    let old = UserDataProcessor(version: .v19_3, includes: includes).process(text)
    #expect(old.parts.map(\.contentType) == ["text/cloud-config"])
    #expect(old.fatal == nil)
    let new = UserDataProcessor(version: .v22_2_2, includes: includes).process(text)
    #expect(new.parts.isEmpty)
    #expect(new.fatal?.contains("http://x/missing") == true)
  }

  @Test("#cloud-config-archive items become parts without further processing")
  func archive() {
    let result = process("#cloud-config-archive\n- type: text/cloud-config\n  content: 'a: 1'\n  Merge-Type: list(append)\n- '#!/bin/sh'\n- content: '#include http://x'\n")
    #expect(result.parts.map(\.contentType) == ["text/cloud-config", "text/x-shellscript", "text/x-include-url"])
    #expect(result.parts.first?.headers["Merge-Type"] == "list(append)")
    #expect(result.parts.last?.handler == nil)
  }
}
