@testable import CloudInitSim
import Foundation
import Testing

/// Every case of `Tests/MergeCorpus` merges exactly as cloud-init's own code merges it.
///
/// Source of truth: the goldens in `Tests/MergeCorpus/expected`, written by running
/// cloud-init 19.3's and 22.2.2's `util.mergemanydict` and `CloudConfigPartHandler`
/// (`python3 Tests/MergeCorpus/generate.py`, which documents how).
@Suite("cloud-init merge corpus")
struct MergeConformanceTests {
  static let folder = PackagePaths.root.appendingPathComponent("Tests/MergeCorpus")

  static let cases: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("cases").path)) ?? []
    return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
  }()

  struct ExpectedError: Decodable {
    var exception: String
    var message: String
  }

  @Test("the corpus covers the mergers")
  func size() {
    #expect(Self.cases.count >= 80)
  }

  @Test("agrees with cloud-init", arguments: cases, CloudInitVersion.allCases)
  func agrees(_ name: String, _ version: CloudInitVersion) throws {
    let url = Self.folder.appendingPathComponent("cases/\(name).yaml")
    let document = try YAMLLoader(dialect: .safeLoad).load(Array(try Data(contentsOf: url)), file: name)
    guard case .mapping(let test) = document.root.value, case .string(let kind) = test["kind"]?.value else {
      Issue.record("\(name): no kind")
      return
    }
    let expected = Self.folder.appendingPathComponent("expected/\(name).\(version.rawValue)")
    let golden = try? String(contentsOf: expected.appendingPathExtension("json"), encoding: .utf8)
    let goldenError = try? JSONDecoder().decode(
      ExpectedError.self, from: Data(contentsOf: expected.appendingPathExtension("error.json")))
    switch kind {
    case "mergemanydict":
      guard case .sequence(let sources) = test["sources"]?.value else {
        Issue.record("\(name): no sources")
        return
      }
      let layers = sources.enumerated().map { index, source in
        ConfigLayer(label: "source \(index)", status: .read, root: source, mergers: .configDefault, warnings: [])
      }
      do {
        let merged = try ConfigMerge.mergeMany(layers, label: name, version: version)
        #expect(golden != nil, "cloud-init raises \(goldenError?.exception ?? "?"): \(goldenError?.message ?? "")")
        if let golden { #expect(merged.root.canonicalJSON() == golden) }
      } catch {
        #expect(goldenError != nil, "cloud-init merges this; the simulator fails: \(error.message)")
        if let goldenError { #expect(error.message.hasPrefix(goldenError.exception)) }
      }
    case "parts":
      guard case .sequence(let items) = test["parts"]?.value else {
        Issue.record("\(name): no parts")
        return
      }
      let parts = items.enumerated().map { index, item -> CloudConfigParts.Part in
        guard case .mapping(let part) = item.value else { return CloudConfigParts.Part(payload: nil, label: "part \(index)") }
        func header(_ key: String) -> String? { if case .string(let text) = part[key]?.value { text } else { nil } }
        return CloudConfigParts.Part(
          payload: part["payload"], mergeTypeHeader: header("merge_type_header"),
          xMergeTypeHeader: header("x_merge_type_header"), label: "part \(index)")
      }
      let result = CloudConfigParts.merge(parts, version: version)
      let buffer = result.buffer ?? YAMLNode(.mapping(YAMLMapping()), mark: SourceMark(file: name, line: 1, column: 1))
      #expect(buffer.canonicalJSON() == golden)
    default:
      Issue.record("\(name): unknown kind \(kind)")
    }
  }
}
