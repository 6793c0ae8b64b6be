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

  @Option(help: "The image profile (see `cloudinit-sim profiles`).")
  var profile: String?

  @Option(help: "A folder of profiles (default: the Profiles folder of this checkout).")
  var profilesDir: String?

  @Option(help: "Instead of a profile: an /etc/cloud folder (holding cloud.cfg and cloud.cfg.d/).")
  var etc: String?

  @Option(help: "With --etc: the cloud-init behaviour to model (19.3 or 22.2.2).")
  var cloudInitVersion: String = "22.2.2"

  @Option(help: "With --etc: system_info.distro.")
  var distro: String = "amazon"

  @Option(help: "User-data: a #cloud-config file.")
  var userData: String?

  @Option(help: "Vendor-data: a #cloud-config file.")
  var vendorData: String?

  @Option(help: "Serve an #include URL from a local file (URL=FILE); repeatable. Nothing is fetched.")
  var includeURL: [String] = []

  @Option(help: "Instance data (instance-data.json) that jinja parts render with (default: the profile's typical EC2 instance).")
  var instanceData: String?

  @Flag(help: "The user-data file is base64: decode it once first (EC2 stores what you give it).")
  var base64 = false

  @Flag(help: "Print the user-data parts (content type, file name, handler) instead of the config.")
  var parts = false

  @Option(help: "Output format: yaml or json.")
  var format: ConfigOutputFormat = .yaml

  @Option(help: "Print where KEY (dotted, e.g. system_info.distro) came from and what it replaced.")
  var why: String?

  func validate() throws {
    if profile == nil && etc == nil {
      throw ValidationError("Name an image: --profile NAME, or --etc DIR for a copy of /etc/cloud.")
    }
    if profile != nil && etc != nil {
      throw ValidationError("Use either --profile or --etc, not both.")
    }
  }

  func run() throws {
    ConfigFrontend(command: self).run()
  }
}

/// The output formats of `config`.
enum ConfigOutputFormat: String, ExpressibleByArgument, CaseIterable {
  case yaml, json
}
