import CloudInitSim

/// Runs `explain`.
struct ExplainFrontend {
  var command: ExplainCommand

  /// The command's own inputs and what-if, with `fix` on top, through the same loader as `run --set`.
  private func simulate(_ fix: WhatIf) -> Simulation? {
    let loader = SimulationLoader(inputs: command.inputs, printParts: false, quiet: true)
    var whatIf = Frontend.orExit { () throws(FrontendFailure) in try loader.parseWhatIf() }
    whatIf.set += fix.set
    whatIf.unset += fix.unset
    whatIf.imageSet += fix.imageSet
    whatIf.imageUnset += fix.imageUnset
    whatIf.moduleEdits += fix.moduleEdits
    return SimulationLoader(inputs: command.inputs, printParts: false, quiet: true, whatIfOverride: whatIf).load()
      .simulate(offline: command.offline)
  }

  func run() {
    let loaded = SimulationLoader(inputs: command.inputs, printParts: false).load()
    let simulation = loaded.simulate(offline: command.offline)
    let packages = simulation.packages
    let names = command.packages.isEmpty ? packages.map(\.name) : command.packages
    let out = Terminal.standardOutput
    if names.isEmpty {
      out.write("No package is requested (packages:, or dnf/yum install in runcmd or bootcmd).\n")
      return
    }
    var text: [String] = []
    for name in names {
      let explanation = Explanation.explain(name, in: simulation, simulate: simulate)
      text.append(out.styled(name, "1"))
      text += explanation.lines.map { "  " + $0 }
      for (index, fix) in explanation.fixes.enumerated() {
        let verdict = fix.installs ? out.styled("installs it", "32") : out.styled("does NOT install it", "1;31")
        text.append("")
        text.append("  fix \(index + 1): \(fix.title) — simulated (as --set does): \(verdict)")
        text += fix.cloudConfig.split(separator: "\n").map { "      " + $0 }
        for effect in fix.sideEffects { text.append("    " + out.styled("!", "1;33") + " but it \(effect)") }
      }
      text.append("")
    }
    out.write(text.joined(separator: "\n"))
  }
}
