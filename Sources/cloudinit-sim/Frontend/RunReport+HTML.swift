import CloudInitSim

extension RunReport {
  /// The report as one self-contained HTML page (no scripts, no external assets): the boot as
  /// lanes of module boxes, where user-data takes effect, the package verdicts, the merged config
  /// with provenance, and the findings. Every text from the inputs is escaped.
  func html() -> String {
    let h = Self.html
    var body: [String] = []
    body.append("<header><h1>cloudinit-sim: \(h(profile.title))</h1>")
    body.append("<p>\(h(profile.name)), cloud-init \(h(profile.behaviour.rawValue)) on \(h(distro)); boots: "
      + h(plans.map(\.boot.rawValue).joined(separator: ", ")) + (upstream ? " (upstream cloud-init, without the image's patches)" : "")
      + "</p></header>")
    body.append("<main>")
    body.append(packagesSection())
    if !warnings.isEmpty || !(plans.first?.plan.warnings.isEmpty ?? true) {
      body.append("<section aria-labelledby=\"findings\"><h2 id=\"findings\">What changes what the image runs</h2><ul class=\"findings\">")
      body += (warnings + (plans.first?.plan.warnings ?? [])).map { "<li>\(h($0))</li>" }
      body.append("</ul></section>")
    }
    if !profile.buildChanges.isEmpty {
      body.append("<section aria-labelledby=\"build\"><h2 id=\"build\">What this image's build changed</h2><ul>")
      body += profile.buildChanges.map {
        "<li><code>\(h($0.file))</code>: \(h($0.effect)) <span class=\"note\">(\(h($0.reason)))</span></li>"
      }
      body.append("</ul></section>")
    }
    for (index, (boot, plan)) in plans.enumerated() {
      body.append(lanes(plan, title: plans.count > 1 ? "Boot \(index + 1): \(boot.rawValue)" : "The boot (\(boot.rawValue))"))
    }
    body.append(artefactsSection())
    body.append(configSection())
    body.append("</main>")
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>cloudinit-sim: \(h(profile.name))</title>
      <style>\(Self.style)</style>
      </head>
      <body>
      \(body.joined(separator: "\n"))
      </body>
      </html>

      """
  }

  private func packagesSection() -> String {
    let h = Self.html
    var rows = ["<section aria-labelledby=\"packages\"><h2 id=\"packages\">Packages</h2>"]
    if packages.isEmpty { return rows[0] + "<p>None requested.</p></section>" }
    rows.append("<table><thead><tr><th scope=\"col\">package</th><th scope=\"col\">requested at</th><th scope=\"col\">via</th>"
      + "<th scope=\"col\">installed</th><th scope=\"col\">why</th></tr></thead><tbody>")
    for package in packages {
      let verdict = package.installed
        ? "<span class=\"yes\">yes</span>, \(h(package.boot?.rawValue ?? "?")) boot, \(h(package.stage?.rawValue ?? "?")) stage"
        : "<span class=\"no\">NO</span>"
      rows.append("<tr><th scope=\"row\"><code>\(h(package.name))</code></th><td><code>\(h("\(package.requestedAt)"))</code></td>"
        + "<td>\(h(package.via.rawValue))</td><td>\(verdict)</td><td><ol>"
        + package.reasons.map { "<li>\(h($0))</li>" }.joined() + "</ol></td></tr>")
    }
    rows.append("</tbody></table></section>")
    return rows.joined(separator: "\n")
  }

  /// The stages as lanes, in boot order, with the systemd unit that runs each.
  private func lanes(_ plan: StagePlan, title: String) -> String {
    let h = Self.html
    // Modules of the image's lists that a user-data list left out, shown where they would be.
    let dropped = ModulePipeline.droppedImageModules(base: loaded.base, merged: loaded.merged)
    var lanes: [(String, String, String)] = [("init-local", "cloud-init-local.service", "<p class=\"note\">No modules: finds the datasource and writes the network configuration.</p>")]
    let nodeadm = profile.clusterJoinMethod == "nodeadm"
    if nodeadm {
      lanes.append(("nodeadm-config", "nodeadm-config.service", "<p class=\"note\">nodeadm reads the NodeConfig from user-data (application/node.eks.aws parts) and configures the node.</p>"))
    }
    for stage in StagePlan.Stage.allCases {
      let unit = switch stage {
      case .initStage: "cloud-init.service"
      case .config: "cloud-config.service"
      case .final: "cloud-final.service"
      }
      let decisions = plan.stages[stage] ?? []
      var boxes = decisions.isEmpty ? "<p class=\"note\">No module runs.</p>" : "<ol class=\"modules\">"
      for decision in decisions {
        let state = decision.runs ? "run" : "skip"
        let text = "\(decision.runs ? "runs" : "skipped"): \(decision.detail)" + (decision.effect.map { "; \($0)" } ?? "")
        boxes += "<li class=\"\(state)\" tabindex=\"0\" title=\"\(h(text))\"><span class=\"name\">\(h(decision.name))</span>"
          + " <span class=\"freq\">\(h(decision.frequency ?? "unknown"))</span>"
          + "<span class=\"detail\">\(h(text))</span></li>"
      }
      for drop in dropped where drop.stage == stage {
        if decisions.isEmpty { boxes = "<ol class=\"modules\">" }
        for name in drop.dropped {
          let text = "not run: the list at \(drop.at) replaces the image's list and leaves it out"
          boxes += "<li class=\"dropped\" tabindex=\"0\" title=\"\(h(text))\"><span class=\"name\">\(h(name))</span>"
            + "<span class=\"detail\">\(h(text))</span></li>"
        }
      }
      if !decisions.isEmpty || dropped.contains(where: { $0.stage == stage }) { boxes += "</ol>" }
      let origin = plan.listMarks[stage].map { " <span class=\"origin\">list from <code>\(h("\($0)"))</code></span>" } ?? ""
      lanes.append((stage.rawValue, unit, "<p class=\"note\"><code>\(stage.section)</code>\(origin)</p>" + boxes))
    }
    if nodeadm {
      lanes.append(("nodeadm-run", "nodeadm-run.service", "<p class=\"note\">nodeadm starts the kubelet and joins the cluster, after cloud-init's final stage.</p>"))
    }
    var html = ["<section aria-labelledby=\"\(h(title))\"><h2 id=\"\(h(title))\">\(h(title))</h2><div class=\"lanes\">"]
    for (name, unit, content) in lanes {
      html.append("<section class=\"lane\"><h3>\(h(name))</h3><p class=\"unit\">\(h(unit))</p>\(content)</section>")
    }
    html.append("</div><p class=\"legend\"><span class=\"run\">run</span> cloud-init calls the module's handler; "
      + "<span class=\"skip\">skip</span> it does not; <span class=\"dropped\">dropped</span> the image lists it, "
      + "a user-data list left it out. Focus or hover a module for the reason.</p></section>")
    return html.joined(separator: "\n")
  }

  /// Where user-data's artefacts take effect.
  private func artefactsSection() -> String {
    let h = Self.html
    var items: [String] = []
    for part in loaded.userData?.processed.parts ?? [] {
      guard let written = part.writtenTo else { continue }
      let when = part.handler == .bootHook
        ? "written and run while user-data is consumed (init stage, every boot)"
        : written.hasPrefix("/") ? "written in the init stage, run by scripts-per-* in the final stage"
        : "written in the init stage, run by scripts-user in the final stage"
      items.append("<li><code>\(h(part.filename))</code> (\(h(part.contentType))): \(h(when))</li>")
    }
    if case .mapping(let root) = loaded.merged.moduleView.value {
      if root["runcmd"] != nil { items.append("<li><code>runcmd</code>: written as a script by runcmd in the config stage, run by scripts-user in the final stage</li>") }
      if root["bootcmd"] != nil { items.append("<li><code>bootcmd</code>: run by bootcmd early in the init stage, every boot</li>") }
      if case .sequence(let files) = root["write_files"]?.value {
        let deferred = files.filter(ModuleEffects.isDeferred).count
        items.append("<li><code>write_files</code>: \(files.count - deferred) written by write-files in the init stage"
          + (deferred > 0 ? ", \(deferred) deferred to write-files-deferred in the final stage (22.x)" : "") + "</li>")
      }
    }
    guard !items.isEmpty else { return "" }
    return "<section aria-labelledby=\"artefacts\"><h2 id=\"artefacts\">Where user-data takes effect</h2><ul>"
      + items.joined() + "</ul></section>"
  }

  private func configSection() -> String {
    let h = Self.html
    guard case .mapping(let root) = loaded.merged.moduleView.value else { return "" }
    var rows = ["<section aria-labelledby=\"config\"><h2 id=\"config\">Merged config (what modules see)</h2>"
      + "<table><thead><tr><th scope=\"col\">key</th><th scope=\"col\">value</th><th scope=\"col\">set at</th></tr></thead><tbody>"]
    for entry in root.entries {
      let value = entry.value.canonicalJSON()
      let shown = value.count > 400 ? String(value.prefix(397)) + "..." : value
      rows.append("<tr><th scope=\"row\"><code>\(h(entry.key.value.pythonLiteral))</code></th><td><pre>\(h(shown))</pre></td>"
        + "<td><code>\(h("\(entry.value.mark)"))</code></td></tr>")
    }
    rows.append("</tbody></table></section>")
    return rows.joined(separator: "\n")
  }

  /// Text made safe in HTML content and attribute values.
  static func html(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(character)
      }
    }
    return out
  }

  static let style = """
    body{font:16px/1.45 system-ui,sans-serif;color:#1b1b1b;background:#fff;margin:1.5rem}
    h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}h3{font-size:1rem;margin:.2rem 0}
    table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3rem .5rem;vertical-align:top;text-align:left}
    pre{margin:0;white-space:pre-wrap;word-break:break-word}
    .yes{color:#0a5c0a;font-weight:bold}.no{color:#a00000;font-weight:bold}
    .lanes{display:flex;gap:.6rem;overflow-x:auto;align-items:flex-start}
    .lane{flex:1 1 12rem;min-width:12rem;border:2px solid #444;border-radius:6px;padding:.4rem}
    .unit,.note,.origin{font-size:.85rem;color:#333;overflow-wrap:anywhere}
    ol.modules{list-style:none;padding:0;margin:0}
    ol.modules li{border:2px solid;border-radius:4px;margin:.25rem 0;padding:.2rem .35rem}
    li.run,.legend .run{border-color:#0a5c0a;background:#e6f4e6}li.skip,.legend .skip{border-color:#8a5a00;background:#fff3d6}
    li.dropped,.legend .dropped{border-style:dashed;border-color:#a00000;background:#fde8e8;text-decoration:line-through}
    .legend span{border:2px solid;padding:0 .3rem}
    .freq{font-size:.75rem;color:#333}
    .detail{display:block;font-size:.8rem;clip-path:inset(50%);height:1px;overflow:hidden;position:absolute;width:1px}
    li:focus .detail,li:hover .detail{clip-path:none;height:auto;position:static;width:auto}
    li:focus{outline:3px solid #1a4fd0}
    @media print{.detail{clip-path:none;height:auto;position:static;width:auto}.lanes{flex-wrap:wrap}}
    """
}
