/// What cloud-init decides for each module of each stage on one boot.
public struct StagePlan: Sendable, Equatable {
  /// The stages that run modules.
  public enum Stage: String, Sendable, CaseIterable, Codable {
    case initStage = "init"
    case config
    case final

    /// The config key holding the stage's module list.
    public var section: String {
      switch self {
      case .initStage: "cloud_init_modules"
      case .config: "cloud_config_modules"
      case .final: "cloud_final_modules"
      }
    }
  }

  /// Why a module was or was not run: a stable code for machines.
  public enum Reason: String, Sendable, Codable {
    /// No semaphore yet (or frequency always): cloud-init calls the handler.
    case firstRun = "first-run"
    case always
    case unknownModule = "unknown-module"
    case distroNotVerified = "distro-not-verified"
    case forced = "forced-by-unverified-modules"
    case alreadyRan = "already-ran"
  }

  /// One module's decision.
  public struct Decision: Sendable, Equatable {
    /// The name as written in the list.
    public var name: String
    /// The `cc_` module it resolves to.
    public var module: String
    /// The frequency it runs with (nil for unknown modules).
    public var frequency: String?
    /// Whether cloud-init calls the module's handler.
    public var runs: Bool
    public var reason: Reason
    /// The reason in words.
    public var detail: String
    /// Where the entry is written.
    public var mark: SourceMark
    /// What the handler does when it runs, for the modules modelled (see `ModuleEffects`).
    public var effect: String? = nil
  }

  /// The decisions per stage, in list order.
  public var stages: [Stage: [Decision]]
  /// Where each stage's list came from (nil: not set).
  public var listMarks: [Stage: SourceMark]
  /// cloud-init's warnings while reading the lists.
  public var warnings: [String]
}
