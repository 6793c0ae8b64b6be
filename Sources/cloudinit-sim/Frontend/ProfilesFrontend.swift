import CloudInitSim

/// Runs `profiles` and `profiles show`.
struct ProfilesFrontend {
  var profilesDir: String?

  func list() {
    let store = ProfileStore.standard(override: profilesDir)
    let profiles = Frontend.orExit { () throws(FrontendFailure) in try store.names().map { name throws(FrontendFailure) in try store.load(name) } }
    Terminal.standardOutput.write(ProfileRenderer().list(profiles))
  }

  func show(_ name: String) {
    let store = ProfileStore.standard(override: profilesDir)
    let profile = Frontend.orExit { () throws(FrontendFailure) in try store.load(name) }
    let base = Frontend.orExit { () throws(FrontendFailure) in try Frontend.baseConfig(profile) }
    var parent: (Profile, MergedConfig)?
    if let parentName = profile.derivesFrom {
      let parentProfile = Frontend.orExit { () throws(FrontendFailure) in try store.load(parentName) }
      parent = (parentProfile, Frontend.orExit { () throws(FrontendFailure) in try Frontend.baseConfig(parentProfile) })
    }
    Terminal.standardOutput.write(ProfileRenderer().show(profile, base: base, parent: parent))
  }
}

/// Helpers every frontend shares: reporting a failure and exiting with its status.
enum Frontend {
  /// Runs `body`; on failure prints the message to standard error and exits with its status.
  static func orExit<T>(_ body: () throws(FrontendFailure) -> T) -> T {
    do {
      return try body()
    } catch {
      let message = error.message.hasSuffix("\n") ? error.message : "cloudinit-sim: \(error.message)\n"
      Terminal.standardError.write(message)
      Terminal.exit(error.status)
    }
  }

  /// The merged base config of a profile, or a failure in cloud-init's words.
  static func baseConfig(_ profile: Profile) throws(FrontendFailure) -> MergedConfig {
    do {
      return try BaseConfig.build(etc: profile.etc, version: profile.behaviour)
    } catch {
      throw FrontendFailure(
        message: "\(error.layer): cloud-init cannot merge this file: \(error.message)", status: ExitStatus.invalidInput)
    }
  }
}
