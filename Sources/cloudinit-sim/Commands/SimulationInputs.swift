import ArgumentParser

/// The inputs every simulating command takes: the image and the instance's data.
struct SimulationInputs: ParsableArguments {
  @Option(help: "The image profile (see `cloudinit-sim profiles`).")
  var profile: String?

  @Option(help: "A folder of profiles (default: the Profiles folder of this checkout).")
  var profilesDir: String?

  @Option(help: "Instead of a profile: an /etc/cloud folder (holding cloud.cfg and cloud.cfg.d/).")
  var etc: String?

  @Option(help: "The cloud-init behaviour to model, 19.3 or 22.2.2 (with --etc, default 22.2.2; with --profile, a what-if: the image's files under another version's rules).")
  var cloudInitVersion: String?

  @Option(help: "With --etc: system_info.distro.")
  var distro: String = "amazon"

  @Option(help: "User-data: a file (#cloud-config, a script, MIME multipart, gzip, ...), or - for standard input.")
  var userData: String?

  @Option(help: "Vendor-data, in any form user-data may take.")
  var vendorData: String?

  @Option(help: "Serve an #include URL from a local file (URL=FILE); repeatable. Nothing is fetched.")
  var includeURL: [String] = []

  @Option(help: "Instance data (instance-data.json) that jinja parts render with (default: the profile's typical EC2 instance).")
  var instanceData: String?

  @Flag(help: "The user-data file is base64: decode it once first (EC2 stores what you give it).")
  var base64 = false

  @Option(name: .customLong("set"), help: "What-if: set KEY=YAML in user-data, as if a last cloud-config part held it (KEY may be dotted: a.b); repeatable.")
  var setValues: [String] = []

  @Option(name: .customLong("unset"), help: "What-if: remove KEY from user-data's merged cloud-config; repeatable.")
  var unsetKeys: [String] = []

  @Option(name: .customLong("image-set"), help: "What-if: set KEY=YAML on the image, as if /etc/cloud/cloud.cfg.d/99-what-if.cfg held it; repeatable.")
  var imageSetValues: [String] = []

  @Option(name: .customLong("image-unset"), help: "What-if: remove KEY from the image's merged config; repeatable.")
  var imageUnsetKeys: [String] = []

  @Option(name: .customLong("add-module"), help: "What-if: add a module to a stage list, STAGE:NAME[:FREQ][@POSITION] (position from 1; default last); repeatable.")
  var addModules: [String] = []

  @Option(name: .customLong("remove-module"), help: "What-if: remove a module from a stage list, STAGE:NAME; repeatable.")
  var removeModules: [String] = []

  @Flag(help: "Make --add-module/--remove-module a user-data list (which replaces the image's whole list) instead of an image change.")
  var inUserData = false

  func validate() throws {
    if profile == nil && etc == nil {
      throw ValidationError("Name an image: --profile NAME, or --etc DIR for a copy of /etc/cloud.")
    }
    if profile != nil && etc != nil {
      throw ValidationError("Use either --profile or --etc, not both.")
    }
  }
}
