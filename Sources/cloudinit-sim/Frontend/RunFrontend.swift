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
    for finding in ScriptChecks.findings(
      parts: loaded.userData?.processed.parts ?? [], config: loaded.merged.moduleView, profile: profile) {
      report.warnings.append(finding)
    }
    for finding in InertConfig.findings(
      userData: loaded.userData?.config?.root, plans: plans.map(\.plan), version: profile.behaviour) {
      report.warnings.append("\(finding.mark): \(finding.reason)")
    }
    for drop in ModulePipeline.droppedImageModules(base: loaded.base, merged: loaded.merged) {
      report.warnings.append(
        "\(drop.stage.section) at \(drop.at) replaces the image's whole list and leaves out: "
          + drop.dropped.joined(separator: ", ")
          + (drop.dropped.contains("scripts-user") ? " (so runcmd and user scripts never run)" : ""))
    }
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
