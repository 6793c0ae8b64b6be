extension YAMLError {
  /// Advice for libyaml's most common problems, phrased for someone editing user-data.
  static func hint(forLibYAMLProblem problem: String) -> String? {
    if problem.contains("cannot start any token") {
      return "a tab or a reserved character ('@', '`', '%') cannot start a value here; YAML "
        + "forbids tabs for indentation (use spaces), and a value starting with '@' or '`' "
        + "must be quoted"
    }
    if problem.contains("mapping values are not allowed") {
      return "a plain value contains ': ' (or a key is indented under a value); quote the "
        + "value, or fix the indentation"
    }
    if problem.contains("did not find expected key") || problem.contains("expected <block end>") {
      return "check the indentation of this line against the lines above it"
    }
    if problem.contains("did not find expected '-' indicator") {
      return "list items must line up; check this line's indentation"
    }
    if problem.contains("found unexpected end of stream") {
      return "a quoted string or bracket is never closed"
    }
    if problem.contains("did not find expected ',' or ']'") || problem.contains("did not find expected ',' or '}'") {
      return "a '[' or '{' is never closed, or items are missing a ','"
    }
    return nil
  }
}

extension YAMLError {
  /// Advice for a tag PyYAML's SafeLoader has no constructor for.
  static func hint(forUnknownTag tag: String) -> String {
    if tag.hasPrefix(YAMLTag.prefix + "python/") {
      return "cloud-init loads YAML with safe_load, which refuses Python object tags"
    }
    if tag == YAMLTag.merge || tag == YAMLTag.value || tag == YAMLTag.yaml {
      return "PyYAML reads this plain value as a special YAML 1.1 indicator; quote it to get a string"
    }
    return "cloud-init's safe_load knows only the standard tags (!!str, !!int, !!map, ...); "
      + "remove the tag or quote the value"
  }
}
