import ArgumentParser

/// `cloudinit-sim yaml FILE`: the document as cloud-init's YAML loader sees it.
struct YAMLCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "yaml",
    abstract: "Show a YAML file as cloud-init reads it (PyYAML safe_load, YAML 1.1), with types.",
    discussion: """
      text (the default) prints a typed tree with line:column and marks every value that \
      YAML 1.2 tools (editors, linters) read differently: 'on' is a boolean, 0644 is 420, \
      1:30 is 90. json prints every scalar with its type (see the README for the tagged forms). \
      yaml prints the loaded value back as YAML. Use - to read standard input.
      """
  )

  @Argument(help: "The YAML file (user-data, cloud.cfg, ...), or - for standard input.")
  var file: String

  @Option(help: "Output format: text, json or yaml.")
  var format: YAMLOutputFormat = .text

  @Flag(help: "Also list the values YAML 1.2 tools read differently (json: an extra key; yaml: comments).")
  var explain = false

  func run() throws {
    try YAMLFrontend(file: file, format: format, explain: explain).run()
  }
}

/// The output formats of `yaml`.
enum YAMLOutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json, yaml
}
