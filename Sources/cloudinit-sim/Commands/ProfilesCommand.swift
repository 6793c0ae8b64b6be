import ArgumentParser

/// `cloudinit-sim profiles [show NAME]`: the bundled image profiles.
struct ProfilesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "profiles",
    abstract: "List the image profiles, or show one: its facts, files and module lists.",
    subcommands: [List.self, Show.self],
    defaultSubcommand: List.self
  )

  /// The options every profile command shares.
  struct Location: ParsableArguments {
    @Option(help: "A folder of profiles (default: the Profiles folder of this checkout).")
    var profilesDir: String?
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the profiles.")
    @OptionGroup var location: Location

    func run() throws {
      ProfilesFrontend(profilesDir: location.profilesDir).list()
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show a profile: facts with sources, files, module lists with line numbers, and what differs from the profile it derives from.")
    @Argument(help: "The profile's name (see `cloudinit-sim profiles`).")
    var name: String
    @OptionGroup var location: Location

    func run() throws {
      ProfilesFrontend(profilesDir: location.profilesDir).show(name)
    }
  }
}
