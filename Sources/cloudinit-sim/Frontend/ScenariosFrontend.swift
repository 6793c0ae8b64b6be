import CloudInitSim
import Foundation

/// Runs `scenarios`: each scenario folder through the simulator, against its expectations.
struct ScenariosFrontend {
  var directory: String?
  var profilesDir: String?

  func run() {
    let store = ProfileStore.standard(override: profilesDir)
    let root = directory.map { URL(fileURLWithPath: $0) }
      ?? store.directory.deletingLastPathComponent().appendingPathComponent("Scenarios")
    let folders: [URL]
    if FileManager.default.fileExists(atPath: root.appendingPathComponent("scenario.yaml").path) {
      folders = [root]
    } else {
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
      folders = names.map { root.appendingPathComponent($0) }
        .filter { FileManager.default.fileExists(atPath: $0.appendingPathComponent("scenario.yaml").path) }
    }
    guard !folders.isEmpty else {
      Frontend.orExit { () throws(FrontendFailure) in
        throw FrontendFailure(message: "\(root.path): no scenario.yaml here or in its folders", status: ExitStatus.usage)
      }
      return
    }
    var failed = 0
    let out = Terminal.standardOutput
    for folder in folders {
      let mismatches = check(folder, store: store)
      if mismatches.isEmpty {
        out.write("\(out.styled("PASS", "32"))  \(folder.lastPathComponent)\n")
      } else {
        failed += 1
        out.write("\(out.styled("FAIL", "1;31"))  \(folder.lastPathComponent)\n")
        for mismatch in mismatches { out.write("      \(mismatch)\n") }
      }
    }
    out.write("\(folders.count - failed) of \(folders.count) scenarios hold\n")
    if failed > 0 { Terminal.exit(ExitStatus.invalidInput) }
  }

  private func check(_ folder: URL, store: ProfileStore) -> [String] {
    let file = folder.appendingPathComponent("scenario.yaml")
    guard let data = FileManager.default.contents(atPath: file.path) else { return ["\(file.path): cannot be read"] }
    let scenario: Scenario
    do {
      let document = try YAMLLoader().load(Array(data), file: store.display(file))
      scenario = try Scenario.parse(document.root)
    } catch let error as YAMLError {
      return [DiagnosticRenderer(terminal: .standardOutput).render(error)]
    } catch let error as DataFileError {
      return [DiagnosticRenderer(terminal: .standardOutput).render(error)]
    } catch {
      return ["\(error)"]
    }
    guard let userData = FileManager.default.contents(atPath: folder.appendingPathComponent(scenario.userData).path) else {
      return ["\(scenario.userData): cannot be read"]
    }
    var mismatches = scenario.yamlMismatches(userData: Array(userData))
    guard let profileName = scenario.profile else { return mismatches }
    do {
      let profile = try store.load(profileName)
      let vendor = scenario.vendorData.flatMap { FileManager.default.contents(atPath: folder.appendingPathComponent($0).path) }
      let simulation = try Simulation.run(
        profile: profile, userData: Array(userData), vendorData: vendor.map { Array($0) }, boots: scenario.boots,
        offline: scenario.offline)
      mismatches += scenario.mismatches(simulation)
    } catch let failure as FrontendFailure {
      mismatches.append(failure.message)
    } catch {
      mismatches.append("\(error)")
    }
    return mismatches
  }
}
