import ArgumentParser

/// `cloudinit-sim modules`: the module catalog of a cloud-init version, in plain words.
struct ModulesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "modules",
    abstract: "Describe cloud-init's modules: frequency, distros, activation keys and what each does.",
    discussion: "With --profile, the image's version plus its vendor modules and where the image lists each module."
  )

  @Argument(help: "Modules to describe, in any spelling (default: all).")
  var names: [String] = []

  @Option(name: [.customLong("cloud-init-version"), .customLong("version")], help: "A cloud-init version of the catalog (19.3, 22.2.2 or 26.2).")
  var cloudInitVersion: String?

  @Option(help: "An image profile: its version, its vendor modules and its stage lists.")
  var profile: String?

  @Option(help: "A folder of profiles (default: the Profiles folder of this checkout).")
  var profilesDir: String?

  func validate() throws {
    if profile != nil && cloudInitVersion != nil {
      throw ValidationError("Use either --profile or --cloud-init-version, not both.")
    }
  }

  func run() throws {
    ModulesFrontend(command: self).run()
  }
}
