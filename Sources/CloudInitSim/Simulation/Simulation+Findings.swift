extension Simulation {
  /// What changes what the image runs, in words: user scripts the image will fail (ScriptChecks),
  /// user-data keys nothing acts on (InertConfig), and module lists that drop the image's modules.
  public var findings: [String] {
    var findings = ScriptChecks.findings(parts: userData?.processed.parts ?? [], config: merged.moduleView, profile: profile)
    findings += InertConfig.findings(
      userData: userData?.config?.root, plans: plans.map(\.plan), version: profile.behaviour
    ).map { "\($0.mark): \($0.reason)" }
    findings += ModulePipeline.droppedImageModules(base: base, merged: merged).map { drop in
      "\(drop.stage.section) at \(drop.at) replaces the image's whole list and leaves out: "
        + drop.dropped.joined(separator: ", ")
        + (drop.dropped.contains("scripts-user") ? " (so runcmd and user scripts never run)" : "")
    }
    return findings
  }
}
