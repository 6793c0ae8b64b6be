import Foundation
import Testing

/// Compares `actual` with `Snapshots/NAME`; with `RECORD_SNAPSHOTS=1` in the environment (or when
/// the file is missing) writes it instead and fails, so a recording is always reviewed in git.
func assertSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let url = PackagePaths.snapshots.appendingPathComponent(name)
  let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil
  guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
    try? FileManager.default.createDirectory(at: PackagePaths.snapshots, withIntermediateDirectories: true)
    try? actual.write(to: url, atomically: true, encoding: .utf8)
    Issue.record("Recorded snapshot \(name); review it and run the tests again", sourceLocation: sourceLocation)
    return
  }
  #expect(actual == expected, "snapshot \(name) differs", sourceLocation: sourceLocation)
}
