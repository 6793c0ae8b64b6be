/// Whether one requested package ends up installed, by which path, and why.
public struct PackageVerdict: Sendable, Equatable {
  /// How the package was asked for.
  public enum Path: String, Sendable, Codable {
    /// The `packages:` key, installed by `package-update-upgrade-install`.
    case packages
    /// A `dnf`/`yum install` command in `runcmd`, run by `scripts-user`.
    case runcmd
    /// A `dnf`/`yum install` command in `bootcmd`, run by the `bootcmd` module.
    case bootcmd
    /// A `dnf`/`yum install` line in a user-data shell script, run by `scripts-user`.
    case script
    /// A `dnf`/`yum install` line in a boothook, run while user-data is consumed, every boot.
    case boothook
  }

  /// The package name.
  public var name: String
  /// The version, when `packages:` gives `[name, version]`.
  public var version: String?
  /// How it was asked for.
  public var via: Path
  /// Where it was asked for.
  public var requestedAt: SourceMark
  /// Whether it is installed by the end of the first boot.
  public var installed: Bool
  /// The stage whose module installs it, when it is installed.
  public var stage: StagePlan.Stage?
  /// The command cloud-init runs for it, when it is installed.
  public var command: String?
  /// The chain of reasons, first the decisive one.
  public var reasons: [String]
  /// The boot (in the simulated sequence) that installs it, or tries to.
  public var boot: ModulePipeline.Boot? = nil
  /// Why the install command fails although its module runs (`--offline`).
  public var failure: String? = nil
}
