import CloudInitSim

/// Runs `diff`: both runs, then only what changed.
struct DiffFrontend {
  var command: DiffCommand

  func run() {
    let firstBoots = ModulePipeline.Boot.list(command.boots) ?? [.first]
    let secondBoots = command.vsBoots.flatMap(ModulePipeline.Boot.list) ?? firstBoots
    let before = SimulationLoader(inputs: command.inputs, printParts: false).load().simulate(boots: firstBoots)
    let after = SimulationLoader(inputs: command.secondInputs, printParts: false).load().simulate(boots: secondBoots)
    let diff = SimulationDiff.compare(before, after)
    let report = DiffReport(diff: diff, before: label(before, boots: firstBoots, inputs: command.inputs),
                            after: label(after, boots: secondBoots, inputs: command.secondInputs))
    let out = Terminal.standardOutput
    switch command.format {
    case .text: out.write(report.text(terminal: out))
    case .json: out.write(report.json())
    case .markdown: out.write(report.markdown())
    }
    if !diff.isEmpty { Terminal.exit(ExitStatus.invalidInput) }
  }

  private func label(_ simulation: Simulation, boots: [ModulePipeline.Boot], inputs: SimulationInputs) -> String {
    var parts = ["\(simulation.profile.name) (cloud-init \(simulation.profile.behaviour.rawValue)"
      + (inputs.cloudInitVersion != nil && inputs.etc == nil ? ", what-if --cloud-init-version)" : ")")]
    if let userData = inputs.userData { parts.append(userData) }
    parts += inputs.setValues.map { "--set \($0)" } + inputs.unsetKeys.map { "--unset \($0)" }
    parts += inputs.imageSetValues.map { "--image-set \($0)" } + inputs.imageUnsetKeys.map { "--image-unset \($0)" }
    if boots != [.first] { parts.append("boots " + boots.map(\.rawValue).joined(separator: ",")) }
    return parts.joined(separator: ", ")
  }
}
