import CloudInitSim

/// The text of `config --why KEY`: the value, where it was written, and what it replaced or beat.
struct ProvenanceRenderer {
  func render(_ merged: MergedConfig, path: [String]) -> String {
    let key = path.joined(separator: ".")
    var lines: [String] = []
    if let value = merged.value(at: path) {
      lines.append("\(key) = \(summary(value))")
      lines.append("  set at \(value.mark)")
    } else {
      lines.append("\(key) is not set in the merged config")
    }
    // Additions only copy a value into the accumulated config; the conflicts are what users ask about.
    var seen = Set<String>()
    let conflicts = merged.events(at: path).filter { event in
      guard event.outcome != .added else { return false }
      return seen.insert("\(event.path)|\(event.outcome)|\(String(describing: event.existing))|\(event.incoming)").inserted
    }
    if !conflicts.isEmpty {
      lines.append("  where layers met (cloud-init merges the highest layer first, then each lower one into it):")
    }
    for event in conflicts {
      let at = event.path.joined(separator: ".")
      let existing = event.existing.map(\.description) ?? "the value"
      switch event.outcome {
      case .kept:
        lines.append("    \(at): \(existing) wins; \(event.incoming) has no effect [\(event.rule)]")
      case .replaced:
        lines.append("    \(at): \(event.incoming) replaces \(existing) [\(event.rule)]")
      case .combined:
        lines.append("    \(at): \(existing) and \(event.incoming) are combined [\(event.rule)]")
      case .deleted:
        lines.append("    \(at): deleted by the null at \(event.incoming) [\(event.rule)]")
      case .added:
        break
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private func summary(_ node: YAMLNode) -> String {
    switch node.value {
    case .sequence(let items):
      "[" + items.prefix(8).map { $0.value.pythonLiteral }.joined(separator: ", ") + (items.count > 8 ? ", ..." : "") + "]"
    case .mapping(let mapping):
      "{" + mapping.entries.prefix(8).map { "\($0.key.value.pythonLiteral): ..." }.joined(separator: ", ") + "}"
    default:
      node.value.pythonLiteral
    }
  }
}
