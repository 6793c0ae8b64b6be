/// The YAML 1.1 tags PyYAML's SafeLoader knows, by their full names.
enum YAMLTag {
  static let prefix = "tag:yaml.org,2002:"
  static let null = prefix + "null"
  static let bool = prefix + "bool"
  static let int = prefix + "int"
  static let float = prefix + "float"
  static let str = prefix + "str"
  static let timestamp = prefix + "timestamp"
  static let binary = prefix + "binary"
  static let merge = prefix + "merge"
  static let value = prefix + "value"
  static let yaml = prefix + "yaml"
  static let seq = prefix + "seq"
  static let map = prefix + "map"
  static let set = prefix + "set"
  static let omap = prefix + "omap"
  static let pairs = prefix + "pairs"
  /// Accepted by cloud-init's `safeyaml` loader only.
  static let pythonUnicode = prefix + "python/unicode"

  /// The short `!!name` form for messages, or the tag itself when it is not a standard one.
  static func display(_ tag: String) -> String {
    tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
  }
}
