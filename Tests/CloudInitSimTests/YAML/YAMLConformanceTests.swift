import CloudInitSim
import Foundation
import Testing

/// Every snippet of `Tests/YAMLCorpus/cases` loads exactly as PyYAML's `yaml.safe_load` loads it.
///
/// Source of truth: the goldens in `Tests/YAMLCorpus/expected`, written by PyYAML 6.0.3 itself
/// (`python3 Tests/YAMLCorpus/generate.py`). Values compare as text in the canonical JSON form;
/// errors compare by kind, line and column (libyaml words its problems differently), and by the
/// exact problem text where the simulator reproduces PyYAML's own composer and constructor.
@Suite("PyYAML conformance corpus")
struct YAMLConformanceTests {
  struct ExpectedError: Decodable {
    var kind: String
    var line: Int?
    var column: Int?
    var problem: String
    var context: String?
  }

  static let cases = PackagePaths.corpusCases()

  static let knownDivergences = PackagePaths.tabList(PackagePaths.corpus.appendingPathComponent("known-divergences.txt"))

  @Test("the corpus is large enough to mean something")
  func corpusSize() {
    #expect(Self.cases.count >= 150)
  }

  @Test("every known divergence names a real case")
  func knownDivergencesExist() {
    for name in Self.knownDivergences.keys {
      #expect(Self.cases.contains(name), "known-divergences.txt names \(name), which is not in the corpus")
    }
  }

  @Test("agrees with PyYAML safe_load", arguments: cases)
  func agreesWithPyYAML(_ name: String) throws {
    let bytes = try Array(Data(contentsOf: PackagePaths.corpus.appendingPathComponent("cases/\(name).yaml")))
    let result = Result { () throws(YAMLError) -> YAMLDocument in try YAMLLoader(dialect: .safeLoad).load(bytes, file: name) }
    let agrees = try Self.compare(name, result)
    if let divergence = Self.knownDivergences[name] {
      #expect(!agrees, "\(name) now agrees with PyYAML; remove it from known-divergences.txt (\(divergence))")
    } else {
      #expect(agrees, "\(name) differs from PyYAML")
    }
  }

  /// Whether the loader's result matches the golden; records the details of a mismatch.
  static func compare(_ name: String, _ result: Result<YAMLDocument, YAMLError>) throws -> Bool {
    let expected = PackagePaths.corpus.appendingPathComponent("expected")
    let valueURL = expected.appendingPathComponent("\(name).json")
    if let golden = try? String(contentsOf: valueURL, encoding: .utf8) {
      switch result {
      case .success(let document):
        let json = document.root.canonicalJSON()
        if json != golden && knownDivergences[name] == nil {
          Issue.record("value differs\n--- PyYAML\n\(golden)--- cloudinit-sim\n\(json)")
        }
        return json == golden
      case .failure(let error):
        if knownDivergences[name] == nil {
          Issue.record("PyYAML loads this, cloudinit-sim fails: \(error.mark): \(error.problem)")
        }
        return false
      }
    }
    let errorData = try Data(contentsOf: expected.appendingPathComponent("\(name).error.json"))
    let golden = try JSONDecoder().decode(ExpectedError.self, from: errorData)
    guard case .failure(let error) = result else {
      if knownDivergences[name] == nil {
        Issue.record("PyYAML fails (\(golden.kind) at \(golden.line ?? 0):\(golden.column ?? 0): \(golden.problem)), cloudinit-sim loads it")
      }
      return false
    }
    // PyYAML raises plain Python exceptions (ValueError, KeyError) while constructing, and
    // json.dumps fails on a recursive structure; the simulator reports both as a YAMLError of the
    // stage that detects them.
    let expectedKind: YAMLError.Kind? = switch golden.kind {
    case "python": .constructor
    case "recursive": .composer
    default: YAMLError.Kind(rawValue: golden.kind)
    }
    var agrees = error.kind == expectedKind
    if let line = golden.line, let column = golden.column {
      agrees = agrees && error.mark.line == line && error.mark.column == column
    }
    if error.kind == .composer || error.kind == .constructor, golden.kind == "composer" || golden.kind == "constructor" {
      agrees = agrees && error.problem == golden.problem && error.context == golden.context
    }
    if !agrees && knownDivergences[name] == nil {
      Issue.record("""
        error differs
        PyYAML:         \(golden.kind) at \(golden.line.map(String.init) ?? "?"):\(golden.column.map(String.init) ?? "?"): \(golden.problem) [\(golden.context ?? "")]
        cloudinit-sim:  \(error.kind.rawValue) at \(error.mark.line):\(error.mark.column): \(error.problem) [\(error.context ?? "")]
        """)
    }
    return agrees
  }
}
