extension WhatIf {
  /// `--add-module STAGE:NAME[:FREQ][@POSITION]` or `--remove-module STAGE:NAME`.
  public struct ModuleEdit: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
      /// Insert at a 1-based position (nil: at the end).
      case add(frequency: String?, position: Int?)
      case remove
    }

    public var stage: StagePlan.Stage
    public var name: String
    public var action: Action

    /// Parses the argument of `--add-module` (`add: true`) or `--remove-module`.
    public static func parse(_ text: String, add: Bool) throws(Failure) -> ModuleEdit {
      let option = add ? "--add-module" : "--remove-module"
      if !add, text.contains("@") {
        throw Failure(message: "\(option) \(text): a removal takes no position; write STAGE:NAME")
      }
      var body = Substring(text)
      var position: Int?
      if add, let at = body.lastIndex(of: "@") {
        guard let number = Int(body[body.index(after: at)...]), number >= 1 else {
          throw Failure(message: "\(option) \(text): the position after @ is a list position from 1, e.g. @1 for first")
        }
        position = number
        body = body[..<at]
      }
      let fields = body.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
      guard fields.count >= 2, fields.count <= (add ? 3 : 2), let stage = StagePlan.Stage(rawValue: fields[0]),
            !fields[1].isEmpty else {
        throw Failure(message: "\(option) \(text): write STAGE:NAME\(add ? "[:FREQ][@POSITION]" : "") with STAGE init, config or final")
      }
      let frequency = fields.count == 3 ? fields[2] : nil
      if let frequency, !["always", "once-per-instance", "once"].contains(frequency) {
        throw Failure(message: "\(option) \(text): frequency is always, once-per-instance or once")
      }
      return ModuleEdit(stage: stage, name: fields[1], action: add ? .add(frequency: frequency, position: position) : .remove)
    }
  }

  /// The module-list edits turned into plain assignments: each edited stage's list, as it is in
  /// `current` (the image's base config, or with `inUserData` the merged config) with the edits
  /// made, set on the image side (as an AMI build would) or, with `inUserData`, as a user-data list
  /// that replaces the image's whole list.
  public func resolvingModuleEdits(current: YAMLNode) -> WhatIf {
    guard !moduleEdits.isEmpty else { return self }
    var resolved = self
    resolved.moduleEdits = []
    for stage in StagePlan.Stage.allCases {
      let edits = moduleEdits.filter { $0.stage == stage }
      guard !edits.isEmpty else { continue }
      let mark = SourceMark(file: editsInUserData ? Self.partLabel : "cloud.cfg.d/\(Self.dropInName) (what-if)", line: 1, column: 1)
      var list: [YAMLNode] = []
      if case .mapping(let root) = current.value, case .sequence(let items) = root[stage.section]?.value { list = items }
      for edit in edits {
        let canonical = ModuleList.formModuleName(edit.name)
        switch edit.action {
        case .remove:
          list.removeAll { entry in
            let name: String? = switch entry.value {
            case .string(let text): text
            case .sequence(let parts): if case .string(let text) = parts.first?.value { text } else { nil }
            default: nil
            }
            return name.map(ModuleList.formModuleName) == canonical
          }
        case .add(let frequency, let position):
          let entry = frequency.map { frequency in
            YAMLNode(.sequence([YAMLNode(.string(edit.name), mark: mark), YAMLNode(.string(frequency), mark: mark)]), mark: mark)
          } ?? YAMLNode(.string(edit.name), mark: mark)
          list.insert(entry, at: min(max((position ?? list.count + 1) - 1, 0), list.count))
        }
      }
      let assignment = Assignment(path: [stage.section], value: YAMLNode(.sequence(list), mark: mark))
      if editsInUserData { resolved.set.append(assignment) } else { resolved.imageSet.append(assignment) }
    }
    return resolved
  }
}
