@testable import CloudInitSim
import Foundation
import Testing

/// Every case of `Tests/OracleCorpus`: the user-data parts and the merged config are what real
/// cloud-init (the oracle: cloud-init's own code at 19.3 / 22.2.2) decided for that profile.
@Suite("Real cloud-init on the examples")
struct OracleConformanceTests {
  static let folder = PackagePaths.root.appendingPathComponent("Tests/OracleCorpus")

  static let cases: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("cases").path)) ?? []
    return names.filter {
      FileManager.default.fileExists(atPath: folder.appendingPathComponent("expected/\($0).json").path)
    }.sorted()
  }()

  /// Cases the simulator does not reproduce yet, with the reason; the test holds them to it.
  static let knownGaps = PackagePaths.tabList(folder.appendingPathComponent("known-gaps.txt"))

  /// The instance data the oracle's NoCloud datasource gives jinja parts (see the f-jinja cases'
  /// descriptions): an instance id, no region or availability zone, a two-key meta-data.
  static let oracleInstanceData: YAMLNode? = try? YAMLLoader().load("""
    v1: {instance_id: iid-oracle-0001, instance-id: iid-oracle-0001, region: null, availability_zone: null}
    ds: {meta_data: {dsmode: net, instance-id: iid-oracle-0001}}
    """, file: "oracle instance-data").root

  struct Case {
    var profile: String
    var behaviour: CloudInitVersion
    var args: [String]
  }

  static func readCase(_ name: String) throws -> Case {
    let url = folder.appendingPathComponent("cases/\(name)/case.yaml")
    let document = try YAMLLoader().load(Array(try Data(contentsOf: url)), file: url.path)
    guard case .mapping(let mapping) = document.root.value,
          case .string(let profile) = mapping["profile"]?.value,
          case .string(let behaviourText) = mapping["behaviour"]?.value,
          let behaviour = CloudInitVersion(rawValue: behaviourText) else {
      throw CocoaError(.fileReadCorruptFile)
    }
    var args: [String] = []
    if case .sequence(let items) = mapping["args"]?.value {
      args = items.compactMap { if case .string(let text) = $0.value { text } else { nil } }
    }
    return Case(profile: profile, behaviour: behaviour, args: args)
  }

  @Test("parts and merged config agree with real cloud-init", arguments: cases)
  func agrees(_ name: String) throws {
    let testCase = try Self.readCase(name)
    let caseFolder = Self.folder.appendingPathComponent("cases/\(name)")
    let etcFolder = testCase.profile == "own-etc"
      ? caseFolder.appendingPathComponent("etc")
      : PackagePaths.root.appendingPathComponent("Profiles/\(testCase.profile)/etc/cloud")
    let etc = try EtcFolder.read(etcFolder)
    var includes: [String: [UInt8]] = [:]
    var index = 0
    while index < testCase.args.count {
      if testCase.args[index] == "--include-url", index + 1 < testCase.args.count {
        let mapping = testCase.args[index + 1]
        if let equals = mapping.firstIndex(of: "=") {
          let file = caseFolder.appendingPathComponent(String(mapping[mapping.index(after: equals)...]))
          includes[String(mapping[..<equals])] = Array((try? Data(contentsOf: file)) ?? Data())
        }
        index += 1
      }
      index += 1
    }
    let userData = Array(try Data(contentsOf: caseFolder.appendingPathComponent("user-data")))
    let base = try BaseConfig.build(etc: etc, version: testCase.behaviour)
    let processed = UserDataConfigResult.process(
      userData, label: "user-data", version: testCase.behaviour, includes: includes, instanceData: Self.oracleInstanceData)
    let vendorURL = caseFolder.appendingPathComponent("vendor-data")
    let vendor = FileManager.default.fileExists(atPath: vendorURL.path)
      ? UserDataConfigResult.process(Array(try Data(contentsOf: vendorURL)), label: "vendor-data", version: testCase.behaviour)
      : nil
    let merged = try EffectiveConfig.merge(
      base: base, userData: processed.config, vendorData: vendor?.config, version: testCase.behaviour)

    let oracle = try JSONSerialization.jsonObject(
      with: Data(contentsOf: Self.folder.appendingPathComponent("expected/\(name).json"))) as? [String: Any] ?? [:]
    let oracleParts = (oracle["parts"] as? [[String: Any]] ?? []).filter { ($0["source"] as? String ?? "user-data") == "user-data" }
    // The oracle records a #part-handler part without running its code.
    let expectedParts = oracleParts.map { part -> String in
      var handler = part["handled_by"] as? String ?? "none"
      if handler.hasPrefix("part-handler") { handler = UserDataHandler.partHandler.rawValue }
      return "\(part["filename"] ?? "?") \(part["content_type"] ?? "?") \(handler)"
    }
    // The oracle says "empty" where cloud-init logs "Empty payload of type ..." (no handler, no content).
    let actualParts = processed.processed.parts.map {
      "\($0.filename) \($0.contentType) \($0.handler?.rawValue ?? ($0.payload.isEmpty ? "empty" : "none"))"
    }
    let ours = try JSONSerialization.jsonObject(with: Data(merged.moduleView.canonicalJSON().utf8)) as? NSDictionary
    let theirs = (oracle["merged_config"] as? [String: Any]).map { NSDictionary(dictionary: $0) }
    // The files cloud-init writes into the instance folder: cloud-config.txt, always, and each
    // script and boothook part.
    let expectedFiles = (oracle["instance_files"] as? [String] ?? []).sorted()
    // When user-data processing fails (22.x), the init stage stops before any file is written.
    // Vendor-data goes to vendor-cloud-config.txt and scripts/vendor/.
    var actualFiles = processed.processed.fatal != nil ? [] :
      ["cloud-config.txt"] + processed.processed.parts.compactMap(\.writtenTo).filter { !$0.hasPrefix("/") }
    if let vendor, processed.processed.fatal == nil {
      actualFiles += ["vendor-cloud-config.txt"] + vendor.processed.parts.compactMap(\.writtenTo)
        .filter { !$0.hasPrefix("/") }.map { $0.replacingOccurrences(of: "scripts/", with: "scripts/vendor/") }
    }
    actualFiles.sort()
    // Module decisions of the first boot (upstream modules only, as the oracle runs upstream
    // cloud-init; Amazon's modules are the profile's declared differences).
    var stagesAgree = true
    var boots: [ModulePipeline.Boot] = [.first]
    if let index = testCase.args.firstIndex(of: "--boot"), index + 1 < testCase.args.count,
       let boot = ModulePipeline.Boot(rawValue: testCase.args[index + 1]), boot != .first {
      boots.append(boot)
    }
    if let oracleStages = oracle["stages"] as? [String: Any] {
      var distro = "amazon"
      if case .mapping(let root) = merged.root.value, case .mapping(let info) = root["system_info"]?.value,
         case .string(let name) = info["distro"]?.value { distro = name }
      // The oracle reports the last boot.
      let plans = ModulePipeline.boots(
        boots, config: merged.moduleView, catalog: ModuleCatalog(version: testCase.behaviour), distro: distro,
        initStageRuns: processed.processed.fatal == nil)
      let plan = plans[plans.count - 1]
      // Packages from `packages:`: the oracle's packages_requested, installed exactly when the
      // package module runs (package_module_runs).
      let profile = Profile.bare(etc: etc, behaviour: testCase.behaviour, distro: distro)
      let verdicts = PackageAnalysis.verdicts(config: merged.moduleView, plan: plan, profile: profile, base: base)
        .filter { $0.via == .packages }
      let requested = oracle["packages_requested"] as? [String] ?? []
      let moduleRuns = oracle["package_module_runs"] as? Bool ?? false
      let names = verdicts.map { verdict in verdict.version.map { "\(verdict.name)-\($0)" } ?? verdict.name }
      let packagesAgree = names == requested
        && (boots.count > 1 || verdicts.allSatisfy { $0.installed == moduleRuns })
      if !packagesAgree {
        stagesAgree = false
        if Self.knownGaps[name] == nil {
          Issue.record("packages differ: cloud-init requested \(requested), module runs \(moduleRuns); simulator \(verdicts.map { "\($0.name) installed=\($0.installed)" })")
        }
      }
      for stage in StagePlan.Stage.allCases {
        let expected = (oracleStages[stage.rawValue] as? [[String: Any]] ?? []).map {
          "\($0["name"] ?? "?") \($0["decision"] ?? "?") \($0["frequency"] as? String ?? "-")"
        }
        let actual = (plan.stages[stage] ?? []).map { "\($0.name) \($0.runs ? "run" : "skip") \($0.frequency ?? "-")" }
        if expected != actual {
          stagesAgree = false
          if Self.knownGaps[name] == nil {
            Issue.record("\(stage.rawValue) stage differs:\n  cloud-init:    \(expected)\n  cloudinit-sim: \(actual)")
          }
        }
      }
    }
    let agrees = expectedParts == actualParts && ours == theirs && expectedFiles == actualFiles && stagesAgree
    if let gap = Self.knownGaps[name] {
      #expect(!agrees, "\(name) now agrees with real cloud-init; remove it from known-gaps.txt (\(gap))")
      return
    }
    #expect(actualParts == expectedParts, "parts differ")
    #expect(actualFiles == expectedFiles, "instance files differ")
    if ours != theirs, let ours, let theirs {
      let keys = Set(ours.allKeys.compactMap { $0 as? String }).union(theirs.allKeys.compactMap { $0 as? String })
      for key in keys.sorted() where !(ours[key].map { NSArray(object: $0) } == theirs[key].map { NSArray(object: $0) }) {
        Issue.record("merged_config.\(key) differs:\n  cloud-init:    \(String(describing: theirs[key]))\n  cloudinit-sim: \(String(describing: ours[key]))")
      }
    }
  }
}
