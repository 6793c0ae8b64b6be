import Foundation

/// Where the repository's data folders and the built executable are, found from this file.
enum PackagePaths {
  /// The repository root (three levels above this file).
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static let corpus = root.appendingPathComponent("Tests/YAMLCorpus")
  static let snapshots = root.appendingPathComponent("Tests/CloudInitSimTests/Snapshots")

  /// The names (without `.yaml`) of every corpus case, sorted.
  static func corpusCases() -> [String] {
    let folder = corpus.appendingPathComponent("cases")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
  }

  /// The `cloudinit-sim` binary built next to the test bundle.
  static var executable: URL { builtExecutable("cloudinit-sim") }

  /// The binary `name` built next to the test bundle.
  static func builtExecutable(_ name: String) -> URL {
    let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var folder = testBinary.deletingLastPathComponent()
    // On Linux the tests run from `<build>/debug/<package>PackageTests.xctest`.
    while folder.path != "/" {
      let candidate = folder.appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      folder = folder.deletingLastPathComponent()
    }
    return root.appendingPathComponent(".build/debug/\(name)")
  }
}

extension PackagePaths {
  /// A "name<TAB>reason" list (known divergences, known gaps); `#` lines are comments.
  static func tabList(_ url: URL) -> [String: String] {
    let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    var result: [String: String] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let parts = line.split(separator: "\t", maxSplits: 1)
      if parts.count == 2 { result[String(parts[0])] = String(parts[1]) }
    }
    return result
  }
}
