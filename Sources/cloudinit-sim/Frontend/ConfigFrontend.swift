import CloudInitSim
import Foundation

/// Runs `config`: loads the image and user-data, merges as cloud-init does, prints the result.
struct ConfigFrontend {
  var command: ConfigCommand

  func run() {
    let loader = SimulationLoader(inputs: command.inputs, printParts: command.parts)
    let simulation = loader.load()
    if command.parts { return }
    let merged = simulation.merged
    if let why = command.why {
      Terminal.standardOutput.write(ProvenanceRenderer().render(merged, path: why.split(separator: ".").map(String.init)))
      return
    }
    switch command.format {
    case .json:
      Terminal.standardOutput.write(merged.moduleView.canonicalJSON())
    case .yaml:
      Terminal.standardOutput.write(Frontend.orExit { () throws(FrontendFailure) in try Self.yaml(merged.moduleView) })
    }
  }

  private static func yaml(_ node: YAMLNode) throws(FrontendFailure) -> String {
    do {
      return try YAMLEmitter.emit(node)
    } catch {
      throw FrontendFailure(message: "cannot write YAML: \(error.problem)", status: ExitStatus.invalidInput)
    }
  }
}

