/// A scenario of `Scenarios/NAME/`: inputs (profile, user-data, boots) and the outcome expected,
/// read strictly from `scenario.yaml` (an unknown key is an error at its line).
public struct Scenario: Sendable {
  /// The YAML-level expectation: values the user-data loads to, or the error it fails with.
  public struct YAMLExpectation: Sendable {
    public var values: [(path: String, value: YAMLNode)] = []
    public var error: (kind: String, line: Int, column: Int)?
    public var yaml12Differences: [String]?
    public var warnings: Int?
  }

  /// The expected package verdicts and module decisions.
  public struct RunExpectation: Sendable {
    /// Package name to (installed, stage or nil, via or nil).
    public var packages: [(name: String, installed: Bool, stage: String?, via: String?, mark: SourceMark)] = []
    /// `stage/name` to `run` or `skip` (or `absent`: not in the stage's list).
    public var modules: [(key: String, decision: String, mark: SourceMark)] = []
  }

  public var description: String
  public var source: String?
  public var note: String?
  /// The profile to run on (the run expectations need one).
  public var profile: String?
  /// The user-data file, relative to the scenario folder.
  public var userData: String
  public var vendorData: String?
  public var boots: [ModulePipeline.Boot]
  /// Whether the package repositories are unreachable (`offline: true`, as `run --offline`).
  public var offline = false
  public var yaml: YAMLExpectation?
  public var run: RunExpectation?

  /// Reads `scenario.yaml`.
  public static func parse(_ root: YAMLNode) throws(DataFileError) -> Scenario {
    let top = try StrictMapping(root, what: "scenario.yaml", allowed: [
      "description", "source", "note", "profile", "user_data", "vendor_data", "boots", "offline", "expect",
    ])
    var boots: [ModulePipeline.Boot] = [.first]
    if top.optional("boots") != nil {
      boots = []
      for name in try top.stringList("boots", in: "scenario.yaml") {
        guard let boot = ModulePipeline.Boot(rawValue: name) else {
          throw DataFileError(mark: top.node.mark, problem: "unknown boot '\(name)'", hint: "use first, reboot or new-instance")
        }
        boots.append(boot)
      }
    }
    let expect = try StrictMapping(try top.required("expect", in: "scenario.yaml"), what: "expect", allowed: ["yaml", "run"])
    var scenario = Scenario(
      description: try top.string("description", in: "scenario.yaml"),
      source: try top.optionalString("source", in: "scenario.yaml"),
      note: try top.optionalString("note", in: "scenario.yaml"),
      profile: try top.optionalString("profile", in: "scenario.yaml"),
      userData: try top.string("user_data", in: "scenario.yaml"),
      vendorData: try top.optionalString("vendor_data", in: "scenario.yaml"),
      boots: boots, yaml: nil, run: nil)
    if let offline = top.optional("offline") {
      guard case .bool(let value) = offline.value else {
        throw DataFileError(mark: offline.mark, problem: "offline must be true or false", hint: "write offline: true")
      }
      scenario.offline = value
    }
    if let yamlNode = expect.optional("yaml") {
      scenario.yaml = try parseYAML(yamlNode)
    }
    if let runNode = expect.optional("run") {
      guard scenario.profile != nil else {
        throw DataFileError(mark: runNode.mark, problem: "expect.run needs a profile", hint: "add profile: NAME")
      }
      scenario.run = try parseRun(runNode)
    }
    return scenario
  }

  private static func parseYAML(_ node: YAMLNode) throws(DataFileError) -> YAMLExpectation {
    let section = try StrictMapping(node, what: "expect.yaml", allowed: ["values", "error", "yaml12_differences", "warnings"])
    var yaml = YAMLExpectation()
    if let values = section.optional("values") {
      guard case .mapping(let mapping) = values.value else {
        throw DataFileError(mark: values.mark, problem: "expect.yaml.values must be a mapping of path: value")
      }
      for entry in mapping.entries {
        guard case .string(let path) = entry.key.value else {
          throw DataFileError(mark: entry.key.mark, problem: "a value path must be a string")
        }
        yaml.values.append((path, entry.value))
      }
    }
    if let errorNode = section.optional("error") {
      let error = try StrictMapping(errorNode, what: "expect.yaml.error", allowed: ["kind", "line", "column"])
      yaml.error = (try error.string("kind", in: "error"), try error.int("line", in: "error"), try error.int("column", in: "error"))
    }
    if section.optional("yaml12_differences") != nil {
      yaml.yaml12Differences = try section.stringList("yaml12_differences", in: "expect.yaml")
    }
    if section.optional("warnings") != nil {
      yaml.warnings = try section.int("warnings", in: "expect.yaml")
    }
    return yaml
  }

  private static func parseRun(_ node: YAMLNode) throws(DataFileError) -> RunExpectation {
    let section = try StrictMapping(node, what: "expect.run", allowed: ["packages", "modules"])
    var run = RunExpectation()
    if let packages = section.optional("packages") {
      guard case .mapping(let mapping) = packages.value else {
        throw DataFileError(mark: packages.mark, problem: "expect.run.packages must map package names to expectations")
      }
      for entry in mapping.entries {
        let name = try StrictMapping.string(entry.key, what: "a package name")
        let fields = try StrictMapping(entry.value, what: "the expectation of \(name)", allowed: ["installed", "stage", "via"])
        guard case .bool(let installed) = try fields.required("installed", in: name).value else {
          throw DataFileError(mark: entry.value.mark, problem: "installed must be true or false")
        }
        run.packages.append((
          name, installed, try fields.optionalString("stage", in: name), try fields.optionalString("via", in: name), entry.key.mark
        ))
      }
    }
    if let modules = section.optional("modules") {
      guard case .mapping(let mapping) = modules.value else {
        throw DataFileError(mark: modules.mark, problem: "expect.run.modules must map stage/name to run, skip or absent")
      }
      for entry in mapping.entries {
        let key = try StrictMapping.string(entry.key, what: "a module key")
        let decision = try StrictMapping.string(entry.value, what: "the decision of \(key)")
        guard ["run", "skip", "absent"].contains(decision), key.split(separator: "/").count == 2 else {
          throw DataFileError(mark: entry.key.mark, problem: "'\(key): \(decision)' is not stage/name: run|skip|absent")
        }
        run.modules.append((key, decision, entry.key.mark))
      }
    }
    return run
  }

  /// The differences between `simulation` (of the last boot) and the run expectations.
  public func mismatches(_ simulation: Simulation) -> [String] {
    guard let run else { return [] }
    var found: [String] = []
    for expected in run.packages {
      guard let verdict = simulation.packages.first(where: { $0.name == expected.name }) else {
        found.append("\(expected.mark): package \(expected.name) is not requested in the simulation")
        continue
      }
      if verdict.installed != expected.installed {
        found.append("\(expected.mark): \(expected.name) installed: expected \(expected.installed), simulated \(verdict.installed) (\(verdict.reasons.joined(separator: "; ")))")
      }
      if let stage = expected.stage, verdict.stage?.rawValue != stage {
        found.append("\(expected.mark): \(expected.name) stage: expected \(stage), simulated \(verdict.stage?.rawValue ?? "none")")
      }
      if let via = expected.via, verdict.via.rawValue != via {
        found.append("\(expected.mark): \(expected.name) via: expected \(via), simulated \(verdict.via.rawValue)")
      }
    }
    let plan = simulation.plans[simulation.plans.count - 1].plan
    for expected in run.modules {
      let parts = expected.key.split(separator: "/").map(String.init)
      guard let stage = StagePlan.Stage(rawValue: parts[0]) else {
        found.append("\(expected.mark): unknown stage \(parts[0]) (init, config, final)")
        continue
      }
      let decision = plan.stages[stage]?.first { $0.name == parts[1] }
      let actual = decision.map { $0.runs ? "run" : "skip" } ?? "absent"
      if actual != expected.decision {
        found.append("\(expected.mark): \(expected.key): expected \(expected.decision), simulated \(actual)\(decision.map { " (\($0.detail))" } ?? "")")
      }
    }
    return found
  }
}

extension Scenario {
  /// The differences between how `userData` loads and the YAML expectations.
  public func yamlMismatches(userData: [UInt8]) -> [String] {
    guard let expected = yaml else { return [] }
    var found: [String] = []
    do {
      let document = try YAMLLoader().load(userData, file: "user-data")
      if let error = expected.error {
        found.append("user-data loads, but the scenario expects a \(error.kind) error at \(error.line):\(error.column)")
      }
      for (path, value) in expected.values {
        guard let actual = document.root.value(atPath: path) else {
          found.append("no value at \(path)")
          continue
        }
        if actual.canonicalJSON() != value.canonicalJSON() {
          found.append("\(path): expected \(value.value.pythonLiteral), loaded \(actual.value.pythonLiteral)")
        }
      }
      if let differences = expected.yaml12Differences {
        let actual = document.yaml12Differences.map { "\($0.mark.line):\($0.mark.column)" }
        if actual != differences { found.append("yaml12_differences: expected \(differences), found \(actual)") }
      }
      if let warnings = expected.warnings, document.warnings.count != warnings {
        found.append("warnings: expected \(warnings), found \(document.warnings.count)")
      }
    } catch {
      guard let want = expected.error else {
        found.append("user-data does not load: \(error.mark): \(error.problem)")
        return found
      }
      if error.kind.rawValue != want.kind || error.mark.line != want.line || error.mark.column != want.column {
        found.append("expected a \(want.kind) error at \(want.line):\(want.column), got \(error.kind.rawValue) at \(error.mark.line):\(error.mark.column)")
      }
    }
    return found
  }
}

extension YAMLNode {
  /// The node at a path like `write_files[0].permissions`, or nil.
  public func value(atPath path: String) -> YAMLNode? {
    var node: YAMLNode? = self
    for component in path.split(separator: ".") {
      var name = Substring(component)
      var indexes: [Int] = []
      while name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
        guard let index = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) else { return nil }
        indexes.insert(index, at: 0)
        name = name[..<open]
      }
      if !name.isEmpty {
        guard case .mapping(let mapping) = node?.value else { return nil }
        node = mapping[String(name)]
      }
      for index in indexes {
        guard case .sequence(let items) = node?.value, items.indices.contains(index) else { return nil }
        node = items[index]
      }
    }
    return node
  }
}
