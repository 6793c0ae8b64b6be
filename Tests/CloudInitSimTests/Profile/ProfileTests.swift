@testable import CloudInitSim
import Foundation
import Testing

/// The bundled profiles load strictly, and their base configs are what the images run.
@Suite("Profiles")
struct ProfileTests {
  static let names = ["al2", "al2023", "eks-al2", "eks-al2023"]

  static func etc(_ folder: URL) throws -> EtcCloud {
    try EtcFolder.read(folder.appendingPathComponent("etc/cloud"))
  }

  static func load(_ name: String) throws -> Profile {
    let folder = PackagePaths.root.appendingPathComponent("Profiles/\(name)")
    let yaml = EtcCloud.File(
      path: "Profiles/\(name)/profile.yaml", name: "profile.yaml",
      bytes: Array(try Data(contentsOf: folder.appendingPathComponent("profile.yaml"))))
    return try Profile.load(name: name, profileYAML: yaml, etc: try etc(folder))
  }

  static func modules(_ profile: Profile, _ stage: String) throws -> [String] {
    let base = try BaseConfig.build(etc: profile.etc, version: profile.behaviour)
    guard case .sequence(let items) = base.value(at: [stage])?.value else { return [] }
    return items.compactMap { if case .string(let name) = $0.value { name } else { nil } }
  }

  @Test("every bundled profile loads and names its behaviour", arguments: names)
  func loads(_ name: String) throws {
    let profile = try Self.load(name)
    #expect(profile.behaviour == (name.hasSuffix("al2") ? .v19_3 : .v22_2_2))
    #expect(profile.distro == "amazon")
    let base = try BaseConfig.build(etc: profile.etc, version: profile.behaviour)
    for layer in base.layers {
      if case .failed(let error) = layer.status { Issue.record("\(layer.label) fails to load: \(error.problem)") }
    }
    #expect(try !Self.modules(profile, "cloud_final_modules").isEmpty)
  }

  // Source: awslabs/amazon-eks-ami install-worker.sh comments out exactly
  // package-update-upgrade-install (Profiles/*/profile.yaml build_changes; FACTS.md F-EKS2-1,
  // F-EKS23-1). AL2 lists it in cloud_config_modules, AL2023 in cloud_final_modules.
  @Test("an EKS profile differs from its base by exactly the package module", arguments: [
    ("eks-al2", "al2", "cloud_config_modules"), ("eks-al2023", "al2023", "cloud_final_modules"),
  ])
  func eksDifference(_ eks: String, _ base: String, _ stage: String) throws {
    let eksProfile = try Self.load(eks)
    #expect(eksProfile.derivesFrom == base)
    let baseProfile = try Self.load(base)
    for section in ["cloud_init_modules", "cloud_config_modules", "cloud_final_modules"] {
      let mine = try Self.modules(eksProfile, section)
      let theirs = try Self.modules(baseProfile, section)
      if section == stage {
        #expect(theirs.filter { !mine.contains($0) } == ["package-update-upgrade-install"])
        #expect(mine.filter { !theirs.contains($0) }.isEmpty)
      } else {
        #expect(mine == theirs)
      }
    }
  }

  @Test("an unknown key in profile.yaml is an error at its line")
  func unknownKey() throws {
    let folder = PackagePaths.root.appendingPathComponent("Profiles/al2023")
    var text = try String(contentsOf: folder.appendingPathComponent("profile.yaml"), encoding: .utf8)
    text = text.replacingOccurrences(of: "title:", with: "titel:")
    let line = text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("titel:") }.map { $0 + 1 }
    let etc = try Self.etc(folder)
    do {
      _ = try Profile.load(
        name: "x", profileYAML: EtcCloud.File(path: "p.yaml", name: "p.yaml", bytes: Array(text.utf8)), etc: etc)
      Issue.record("a misspelt key loaded")
    } catch .invalid(let problem) {
      #expect(problem.problem == "unknown key 'titel' in profile.yaml")
      #expect(problem.mark.line == line)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test("a version written as a float is refused with a hint to quote it")
  func unquotedVersion() throws {
    let folder = PackagePaths.root.appendingPathComponent("Profiles/al2023")
    var text = try String(contentsOf: folder.appendingPathComponent("profile.yaml"), encoding: .utf8)
    text = text.replacingOccurrences(of: "python: \"3.9\"", with: "python: 3.9")
    let etc = try Self.etc(folder)
    do {
      _ = try Profile.load(
        name: "x", profileYAML: EtcCloud.File(path: "p.yaml", name: "p.yaml", bytes: Array(text.utf8)), etc: etc)
      Issue.record("a float version loaded")
    } catch .invalid(let problem) {
      #expect(problem.problem == "cloud_init.python must be a string, not float 3.9")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }
}
