import ArgumentParser

/// `cloudinit-sim config`: the merged config cloud-init ends up with, and where each key came from.
struct ConfigCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "config",
    abstract: "Print the config cloud-init merges from the image and user-data; --why KEY tells where a key came from.",
    discussion: """
      Layers, lowest first: cloud-init's built-in defaults, /etc/cloud/cloud.cfg, cloud.cfg.d/*.cfg \
      (the name that sorts last wins), vendor-data, user-data. Nested mappings merge key by key; \
      lists and scalars from a higher layer replace the lower ones whole. system_info is left out \
      (modules never see it; it configures the distro). User-data may be a single part, gzip, \
      MIME multipart, #include (served with --include-url) or #cloud-config-archive; its \
      cloud-config parts merge as cloud-init merges them (Merge-Type, merge_how).
      """
  )

  @OptionGroup var inputs: SimulationInputs

  @Flag(help: "Print the user-data parts (content type, file name, handler) instead of the config.")
  var parts = false

  @Option(help: "Output format: yaml or json.")
  var format: ConfigOutputFormat = .yaml

  @Option(help: "Print where KEY (dotted, e.g. system_info.distro) came from and what it replaced.")
  var why: String?

  func run() throws {
    ConfigFrontend(command: self).run()
  }
}

/// The output formats of `config`.
enum ConfigOutputFormat: String, ExpressibleByArgument, CaseIterable {
  case yaml, json
}
