/// What differs between two simulations: module decisions per stage, package verdicts and
/// top-level keys of the merged config. Only changes are listed.
public struct SimulationDiff: Sendable, Equatable {
  /// A module whose decision differs (or that one side's list does not hold).
  public struct ModuleChange: Sendable, Equatable {
    public var boot: Int
    public var stage: StagePlan.Stage
    public var name: String
    /// `run`, `skip`, or nil when the side's list does not hold the module.
    public var before: String?
    public var after: String?
    public var detailBefore: String?
    public var detailAfter: String?
    /// What the handler does on each side, when that is what changed.
    public var effectBefore: String?
    public var effectAfter: String?
  }

  /// A package whose verdict differs (or that one side does not request).
  public struct PackageChange: Sendable, Equatable {
    public var name: String
    public var before: PackageVerdict?
    public var after: PackageVerdict?
  }

  /// A top-level key of the merged config whose value differs, with where each side set it.
  public struct ConfigChange: Sendable, Equatable {
    public var key: String
    public var before: YAMLNode?
    public var after: YAMLNode?
  }

  public var modules: [ModuleChange] = []
  public var packages: [PackageChange] = []
  public var config: [ConfigChange] = []
  /// Findings (`Simulation.findings`) only the first run has, and only the second.
  public var findingsGone: [String] = []
  public var findingsNew: [String] = []

  /// Whether nothing that matters changed.
  public var isEmpty: Bool {
    modules.isEmpty && packages.isEmpty && config.isEmpty && findingsGone.isEmpty && findingsNew.isEmpty
  }

  /// Compares `before` with `after`, boot by boot (up to the shorter boot sequence).
  public static func compare(_ before: Simulation, _ after: Simulation) -> SimulationDiff {
    var diff = SimulationDiff()
    for boot in 0..<min(before.plans.count, after.plans.count) {
      for stage in StagePlan.Stage.allCases {
        let old = before.plans[boot].plan.stages[stage] ?? []
        let new = after.plans[boot].plan.stages[stage] ?? []
        var names: [String] = []
        for decision in old + new where !names.contains(decision.module) { names.append(decision.module) }
        for module in names {
          let left = old.first { $0.module == module }
          let right = new.first { $0.module == module }
          let effectChanged = left?.effect != right?.effect
          guard left?.runs != right?.runs || (left == nil) != (right == nil) || effectChanged else { continue }
          diff.modules.append(ModuleChange(
            boot: boot + 1, stage: stage, name: (right ?? left)?.name ?? module,
            before: left.map { $0.runs ? "run" : "skip" }, after: right.map { $0.runs ? "run" : "skip" },
            detailBefore: left?.detail, detailAfter: right?.detail,
            effectBefore: effectChanged ? left?.effect : nil, effectAfter: effectChanged ? right?.effect : nil))
        }
      }
    }
    var names: [String] = []
    for verdict in before.packages + after.packages where !names.contains(verdict.name) { names.append(verdict.name) }
    for name in names {
      let left = before.packages.first { $0.name == name }
      let right = after.packages.first { $0.name == name }
      guard left?.installed != right?.installed || left?.stage != right?.stage || left?.via != right?.via
        || left?.boot != right?.boot else { continue }
      diff.packages.append(PackageChange(name: name, before: left, after: right))
    }
    let old = topLevel(before.merged.moduleView)
    let new = topLevel(after.merged.moduleView)
    var keys: [String] = []
    for (key, _) in old + new where !keys.contains(key) { keys.append(key) }
    for key in keys {
      let left = old.first { $0.0 == key }?.1
      let right = new.first { $0.0 == key }?.1
      let same = left?.canonicalJSON() == right?.canonicalJSON()
      if !same { diff.config.append(ConfigChange(key: key, before: left, after: right)) }
    }
    let (oldFindings, newFindings) = (before.findings, after.findings)
    diff.findingsGone = oldFindings.filter { !newFindings.contains($0) }
    diff.findingsNew = newFindings.filter { !oldFindings.contains($0) }
    return diff
  }

  private static func topLevel(_ root: YAMLNode) -> [(String, YAMLNode)] {
    guard case .mapping(let mapping) = root.value else { return [] }
    return mapping.entries.compactMap { entry in
      if case .string(let key) = entry.key.value { (key, entry.value) } else { nil }
    }
  }
}
