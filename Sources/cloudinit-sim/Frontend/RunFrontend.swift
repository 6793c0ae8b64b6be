import CloudInitSim
import Foundation

/// Runs `run`: the stage plan of the first boot and the package verdicts.
struct RunFrontend {
  var command: RunCommand

  func run() {
    let loaded = SimulationLoader(inputs: command.inputs, printParts: false).load()
    let profile = loaded.profile
    var distro = profile.distro
    if case .mapping(let root) = loaded.merged.root.value, case .mapping(let info) = root["system_info"]?.value,
       case .string(let name) = info["distro"]?.value { distro = name }
    let boots = command.bootSequence
    let simulation = loaded.simulate(boots: boots, vendorPatches: !command.upstream, offline: command.offline)
    let (plans, packages) = (simulation.plans, simulation.packages)
    var report = RunReport(
      profile: profile, distro: distro, loaded: loaded, plans: plans, packages: packages, upstream: command.upstream)
    report.warnings = simulation.findings
    switch command.format {
    case .text: Terminal.standardOutput.write(report.text(terminal: .standardOutput))
    case .json: Terminal.standardOutput.write(report.json())
    case .markdown: Terminal.standardOutput.write(report.markdown())
    case .html: Terminal.standardOutput.write(report.html())
    case .log: Terminal.standardOutput.write(report.log())
    }
    let missing = command.expectInstalled.filter { name in !packages.contains { $0.name == name && $0.installed } }
    if !missing.isEmpty {
      Terminal.standardError.write("cloudinit-sim: not installed: \(missing.joined(separator: ", "))\n")
      Terminal.exit(ExitStatus.expectationFailed)
    }
  }
}
