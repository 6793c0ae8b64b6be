extension PackageAnalysis {
  /// `verdict` when the package repositories cannot be reached (a private subnet without NAT or a
  /// VPC endpoint): the path still runs, but its install command fails.
  static func offline(_ verdict: PackageVerdict, profile: Profile) -> PackageVerdict {
    guard verdict.installed else { return verdict }
    var failed = verdict
    failed.installed = false
    let message = profile.offlineError ?? "the package manager cannot download the repository metadata"
    failed.failure = message
    let command = verdict.command.map { "`\($0)`" } ?? "the \(profile.packageManager) install command"
    var reasons = ["\(command) fails: the repositories are unreachable (--offline); \(profile.packageManager) says: \(message)"]
    switch verdict.via {
    case .packages:
      // cc_package_update_upgrade_install (19.3 and 22.2.2): update_package_sources (makecache)
      // runs first whenever packages are listed, each failure is logged, the last one re-raised;
      // helpers.Runners.run keeps the semaphore written before the handler (clear_on_fail=False).
      reasons.append(
        "package-update-upgrade-install still runs: `\(profile.packageManager) makecache` fails first, then the install; "
          + "the module fails and cloud-init logs 'Running module package-update-upgrade-install (...) failed' "
          + "in /var/log/cloud-init.log; the boot goes on")
      reasons.append(
        "its once-per-instance semaphore was written before it ran, so a reboot does not retry it; "
          + "only a new instance (or `cloud-init clean`) does")
    case .runcmd:
      reasons.append(
        "runcmd's script has no `set -e`: the commands after this one still run; scripts-user reports "
          + "a failure only when the script's last command fails")
    case .script:
      reasons.append(
        "the script goes on unless it uses `set -e`; a failing script does not stop the other user scripts")
    case .bootcmd:
      reasons.append("bootcmd runs every boot, so every boot tries again (and fails while the repositories stay unreachable)")
    case .boothook:
      reasons.append("the boothook runs every boot, so every boot tries again")
    }
    failed.reasons = verdict.reasons + reasons
    return failed
  }
}
