import ArgumentParser
import CloudInitSim
import Foundation

/// `cloudinit-sim diff`: what changes between two runs.
struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Compare two runs that differ in profile, user-data, what-if overrides or boots; print only what changed.",
    discussion: """
      The first run is described by the usual options; --vs-* options describe how the second differs \
      (anything not given is the same). Exit status: 0 when no module decision, package verdict or \
      merged-config key changed, 1 when something did.
      """
  )

  @OptionGroup var inputs: SimulationInputs

  @Option(help: "The second run's profile.")
  var vsProfile: String?

  @Option(help: "The second run's user-data file.")
  var vsUserData: String?

  @Option(help: "The second run's cloud-init behaviour (19.3 or 22.2.2): the same files under another version's rules.")
  var vsCloudInitVersion: String?

  @Option(help: "The second run's --set overrides (replacing the first run's); repeatable.")
  var vsSet: [String] = []

  @Option(help: "The second run's --unset keys (replacing the first run's); repeatable.")
  var vsUnset: [String] = []

  @Option(help: "The second run's --image-set overrides (replacing the first run's); repeatable.")
  var vsImageSet: [String] = []

  @Option(help: "The second run's --image-unset keys (replacing the first run's); repeatable.")
  var vsImageUnset: [String] = []

  @Option(help: "The boots of both runs: first, reboot, new-instance (comma-separated).")
  var boots: String = "first"

  @Option(help: "The second run's boots (default: the same as --boots).")
  var vsBoots: String?

  @Option(help: "Output format: text, json or markdown.")
  var format: DiffOutputFormat = .text

  /// The second run's inputs: the first run's with the --vs-* options applied.
  var secondInputs: SimulationInputs {
    var second = inputs
    if let vsProfile { second.profile = vsProfile }
    if let vsUserData { second.userData = vsUserData }
    if let vsCloudInitVersion { second.cloudInitVersion = vsCloudInitVersion }
    if !vsSet.isEmpty { second.setValues = vsSet }
    if !vsUnset.isEmpty { second.unsetKeys = vsUnset }
    if !vsImageSet.isEmpty { second.imageSetValues = vsImageSet }
    if !vsImageUnset.isEmpty { second.imageUnsetKeys = vsImageUnset }
    return second
  }

  func validate() throws {
    for text in [boots] + (vsBoots.map { [$0] } ?? []) where ModulePipeline.Boot.list(text) == nil {
      throw ValidationError("--boots/--vs-boots: \(ModulePipeline.Boot.listForm)")
    }
  }

  func run() throws {
    DiffFrontend(command: self).run()
  }
}


/// The output formats of `diff`.
enum DiffOutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json, markdown
}
