import CloudInitSim
import Foundation

/// Runs `log`: the log's module outcomes, and with a profile the simulation's decisions beside them.
struct LogFrontend {
  var command: LogCommand
  var inputs: SimulationInputs?

  func run() {
    let bytes = Frontend.orExit { () throws(FrontendFailure) in try InputFile.read(command.file) }
    let entries = CloudInitLog.read(String(decoding: bytes, as: UTF8.self))
    let out = Terminal.standardOutput
    if entries.isEmpty {
      out.write("\(InputFile.displayName(command.file)): no module lines found (is this /var/log/cloud-init.log?)\n")
    }
    var predicted: [String: String] = [:]
    let compare = inputs != nil
    if let inputs {
      let boots = ModulePipeline.Boot.list(command.boots) ?? [.first]
      let simulation = SimulationLoader(inputs: inputs, printParts: false).load()
        .simulate(boots: boots, vendorPatches: !command.upstream)
      for (index, (_, plan)) in simulation.plans.enumerated() {
        for (stage, decisions) in plan.stages {
          for decision in decisions {
            predicted[Self.key(index + 1, stage, decision.name)] = switch decision.reason {
            case .unknownModule: "not-found"
            case .distroNotVerified: "not-verified"
            case .alreadyRan: "already-ran"
            default: "ran"
            }
          }
        }
      }
    }
    var disagreements = 0
    var lines: [String] = []
    var seen = Set<String>()
    for entry in entries {
      let key = Self.key(entry.boot, entry.stage, entry.name)
      seen.insert(key)
      var line = "boot \(entry.boot) \(entry.stage.rawValue)/\(entry.name): \(entry.outcome.rawValue)"
      if compare {
        let prediction = predicted[key] ?? "not in the simulated list"
        if prediction != entry.outcome.rawValue {
          disagreements += 1
          line += "   <- simulation: \(prediction)"
        }
      }
      lines.append(line)
    }
    if compare {
      for key in predicted.keys.sorted() where !seen.contains(key) {
        let boot = key.split(separator: "/").first.flatMap { Int($0) } ?? 1
        guard boot <= (entries.map(\.boot).max() ?? 0) else { continue }
        disagreements += 1
        lines.append("boot \(key.replacingOccurrences(of: "/", with: " ", options: [], range: key.range(of: "/"))): never appears in the log   <- simulation: \(predicted[key] ?? "")")
      }
    }
    out.write(lines.map { $0 + "\n" }.joined())
    if compare {
      out.write(disagreements == 0 ? "the log agrees with the simulation\n" : "\(disagreements) disagreement(s) with the simulation\n")
      if disagreements > 0 { Terminal.exit(ExitStatus.invalidInput) }
    }
  }

  /// Boot, stage and module under cloud-init's own name for it (`form_module_name`): a log
  /// names a missing module `cc_write_metadata` where the list says `write-metadata`.
  private static func key(_ boot: Int, _ stage: StagePlan.Stage, _ name: String) -> String {
    "\(boot)/\(stage.rawValue)/\(ModuleList.formModuleName(name).dropFirst(3))"
  }
}
