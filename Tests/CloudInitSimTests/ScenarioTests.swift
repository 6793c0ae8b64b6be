import CloudInitSim
import Foundation
import Testing

/// Every folder of `Scenarios/` runs, and its outcome is what its `scenario.yaml` expects.
@Suite("Scenarios")
struct ScenarioTests {
  @Test("the scenario holds", arguments: Scenario.all())
  func scenario(_ name: String) throws {
    let scenario = try Scenario(named: name)
    let bytes = Array(try Data(contentsOf: scenario.userData))
    let result = Result { () throws(YAMLError) -> YAMLDocument in
      try YAMLLoader().load(bytes, file: "user-data")
    }
    let expected = scenario.yaml
    switch result {
    case .failure(let error):
      guard let want = expected.error else {
        Issue.record("user-data does not load: \(error.mark): \(error.problem)")
        return
      }
      #expect(error.kind.rawValue == want.kind)
      #expect(error.mark.line == want.line && error.mark.column == want.column, "error at \(error.mark)")
    case .success(let document):
      #expect(expected.error == nil, "user-data loads, but the scenario expects an error")
      for (path, value) in expected.values {
        let actual = try #require(document.root.value(at: path), "no value at \(path)")
        #expect(actual.canonicalJSON() == value.canonicalJSON(), "value at \(path)")
      }
      if let differences = expected.yaml12Differences {
        #expect(document.yaml12Differences.map { "\($0.mark.line):\($0.mark.column)" } == differences)
      }
      if let warnings = expected.warnings {
        #expect(document.warnings.count == warnings)
      }
    }
  }
}
