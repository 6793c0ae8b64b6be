import CloudInitSim

extension RunReport {
  /// The report as Markdown for a ticket: the package verdicts first (the question asked), then
  /// the findings, then each boot's stage tables folded away.
  func markdown() -> String {
    var lines = [
      "### cloudinit-sim: \(Self.code(profile.name, inTable: false)), cloud-init \(profile.behaviour.rawValue) on \(distro), "
        + "boots: \(plans.map(\.boot.rawValue).joined(separator: ", "))"
        + (upstream ? " (upstream cloud-init, without the image's patches)" : ""),
      "",
      "#### Packages",
      "",
    ]
    if packages.isEmpty {
      lines.append("None requested.")
    } else {
      lines.append("| package | requested at | via | installed | boot / stage | why |")
      lines.append("| --- | --- | --- | --- | --- | --- |")
      for package in packages {
        let name = package.version.map { "\(package.name) \($0)" } ?? package.name
        let where_ = [package.boot?.rawValue, package.stage?.rawValue].compactMap { $0 }.joined(separator: " / ")
        lines.append(Self.row([
          Self.code(name), Self.code("\(package.requestedAt)"), package.via.rawValue, package.installed ? "yes" : "**NO**",
          where_.isEmpty ? "–" : where_, package.reasons.map(Self.cell).joined(separator: "<br>"),
        ]))
      }
    }
    if !warnings.isEmpty {
      lines += ["", "#### What changes what the image runs", ""]
      lines += warnings.map { "- \(Self.cell($0))" }
    }
    let cloudInitWarnings = plans.first?.plan.warnings ?? []
    if !cloudInitWarnings.isEmpty {
      lines += ["", "#### cloud-init warnings", ""]
      lines += cloudInitWarnings.map { "- \(Self.cell($0))" }
    }
    for (index, (boot, plan)) in plans.enumerated() {
      lines += ["", "#### Modules" + (plans.count > 1 ? ", boot \(index + 1) (\(boot.rawValue))" : "")]
      for stage in StagePlan.Stage.allCases {
        let decisions = plan.stages[stage] ?? []
        let origin = plan.listMarks[stage].map { " from <code>\(Self.html("\($0)"))</code>" } ?? ""
        let ran = decisions.filter(\.runs).count
        lines += [
          "", "<details><summary>\(stage.rawValue) stage: \(ran) of \(decisions.count) run "
            + "(<code>\(stage.section)</code>\(origin))</summary>",
          "",
        ]
        if decisions.isEmpty {
          lines.append("No module runs.")
        } else {
          lines.append("| module | decision | reason | effect |")
          lines.append("| --- | --- | --- | --- |")
          for decision in decisions {
            lines.append(Self.row([
              Self.code(decision.name), decision.runs ? "run" : "**skip**", Self.cell(decision.detail), decision.effect.map(Self.cell) ?? "",
            ]))
          }
        }
        lines += ["", "</details>"]
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A table row; cells are already escaped.
  private static func row(_ cells: [String]) -> String {
    "| " + cells.joined(separator: " | ") + " |"
  }

  /// Text made safe for a table cell or list item: HTML's `&`, `<`, `>` as entities (Markdown
  /// renders raw HTML), pipes escaped, line breaks as `<br>`.
  static func cell(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "|", with: "\\|")
      .replacingOccurrences(of: "\n", with: "<br>")
  }

  /// `text` as a code span that holds in a table: a fence of more backticks than any run inside
  /// (CommonMark), padded when the text starts or ends with one, pipes escaped (GFM splits
  /// cells before it reads code spans), line breaks as spaces.
  static func code(_ text: String, inTable: Bool = true) -> String {
    // Outside a table a backslash before a pipe would show.
    let flat = text.replacingOccurrences(of: "\n", with: " ")
      .replacingOccurrences(of: "|", with: inTable ? "\\|" : "|")
    var longest = 0
    var run = 0
    for character in flat {
      run = character == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: longest + 1)
    let padded = flat.hasPrefix("`") || flat.hasSuffix("`") ? " \(flat) " : flat
    return fence + padded + fence
  }
}
