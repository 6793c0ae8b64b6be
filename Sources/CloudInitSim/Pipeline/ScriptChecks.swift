/// What user scripts will run into on this image that cloud-init cannot know about.
public enum ScriptChecks {
  /// Findings for the shell parts of user-data (and runcmd) on `profile`'s image.
  public static func findings(parts: [UserDataPart], config: YAMLNode, profile: Profile) -> [String] {
    var findings: [String] = []
    guard profile.clusterJoinMethod == "nodeadm" else { return findings }
    var sources: [(String, String)] = parts
      .filter { $0.handler == .shellScript || $0.handler == .bootHook || $0.renderedContentType == "text/x-shellscript" }
      .map { ("the script \($0.filename)", $0.text) }
    if case .mapping(let mapping) = config.value, case .sequence(let commands) = mapping["runcmd"]?.value {
      for command in commands {
        switch command.value {
        case .string(let text): sources.append(("runcmd at \(command.mark)", text))
        case .sequence(let words): sources.append(("runcmd at \(command.mark)", words.map(\.value.pythonLiteral).joined(separator: " ")))
        default: break
        }
      }
    }
    for (source, text) in sources where text.contains("/etc/eks/bootstrap.sh") {
      findings.append(
        "\(source) calls /etc/eks/bootstrap.sh, which on this image is a stub that prints an error and exits 1 "
          + "(FACTS.md F-EKS23-3): the node does not join; nodeadm joins it from an application/node.eks.aws part. "
          + "A failing script does not stop the other user scripts.")
    }
    return findings
  }
}
