import CloudInitSim
import Foundation

/// Runs `config`: loads the image and user-data, merges as cloud-init does, prints the result.
struct ConfigFrontend {
  var command: ConfigCommand

  func run() {
    let profile = Frontend.orExit { () throws(FrontendFailure) in try loadProfile() }
    let base = Frontend.orExit { () throws(FrontendFailure) in try Frontend.baseConfig(profile) }
    let userData = Frontend.orExit { () throws(FrontendFailure) in try cloudConfig(command.userData, role: "user-data") }
    let vendorData = Frontend.orExit { () throws(FrontendFailure) in try cloudConfig(command.vendorData, role: "vendor-data") }
    let merged = Frontend.orExit { () throws(FrontendFailure) in
      try Self.merge(base: base, userData: userData, vendorData: vendorData, version: profile.behaviour)
    }
    report(merged.layers)
    if let why = command.why {
      Terminal.standardOutput.write(ProvenanceRenderer().render(merged, path: why.split(separator: ".").map(String.init)))
      return
    }
    switch command.format {
    case .json:
      Terminal.standardOutput.write(merged.moduleView.canonicalJSON())
    case .yaml:
      Terminal.standardOutput.write(Frontend.orExit { () throws(FrontendFailure) in try Self.yaml(merged.moduleView) })
    }
  }

  private static func merge(
    base: MergedConfig, userData: EffectiveConfig.UserDataConfig?, vendorData: EffectiveConfig.UserDataConfig?,
    version: CloudInitVersion
  ) throws(FrontendFailure) -> MergedConfig {
    do {
      return try EffectiveConfig.merge(base: base, userData: userData, vendorData: vendorData, version: version)
    } catch {
      throw FrontendFailure(message: "\(error.layer): cloud-init cannot merge this: \(error.message)", status: ExitStatus.invalidInput)
    }
  }

  private static func yaml(_ node: YAMLNode) throws(FrontendFailure) -> String {
    do {
      return try YAMLEmitter.emit(node)
    } catch {
      throw FrontendFailure(message: "cannot write YAML: \(error.problem)", status: ExitStatus.invalidInput)
    }
  }

  private func loadProfile() throws(FrontendFailure) -> Profile {
    if let etc = command.etc {
      guard let version = CloudInitVersion(rawValue: command.cloudInitVersion) else {
        throw FrontendFailure(
          message: "--cloud-init-version \(command.cloudInitVersion) is not modelled; use 19.3 or 22.2.2",
          status: ExitStatus.usage)
      }
      let url = URL(fileURLWithPath: etc)
      return Profile.bare(etc: try ProfileStore.readEtc(url, label: etc), behaviour: version, distro: command.distro)
    }
    return try ProfileStore.standard(override: command.profilesDir).load(command.profile ?? "")
  }

  /// A `#cloud-config` file, or a clear refusal for the forms not simulated yet.
  private func cloudConfig(_ path: String?, role: String) throws(FrontendFailure) -> EffectiveConfig.UserDataConfig? {
    guard let path else { return nil }
    let bytes = try InputFile.read(path)
    let name = InputFile.displayName(path)
    let head = String(decoding: bytes.prefix(64), as: UTF8.self)
    guard head.hasPrefix("#cloud-config"), !head.hasPrefix("#cloud-config-archive"), !head.hasPrefix("#cloud-config-jsonp") else {
      throw FrontendFailure(
        message: "\(name): this \(role) is not a single #cloud-config part; other forms (MIME multipart, "
          + "scripts, #include, archives, gzip) are not simulated yet", status: ExitStatus.invalidInput)
    }
    let (config, layer) = EffectiveConfig.cloudConfigPart(label: name, bytes: bytes)
    if config == nil {
      report([layer])
      Terminal.standardError.write(
        "\(name): warning: cloud-init drops this whole part (\"Failed at merging in cloud config part\"): none of its keys take effect\n")
    }
    return config
  }

  /// Says loudly what cloud-init does quietly: files it could not read, duplicate keys.
  private func report(_ layers: [ConfigLayer]) {
    let renderer = DiagnosticRenderer(terminal: .standardError)
    for layer in layers {
      switch layer.status {
      case .failed(let error):
        Terminal.standardError.write(renderer.render(error))
        Terminal.standardError.write("\(layer.label): warning: cloud-init logs \"Failed loading yaml blob\" and reads this file as {}\n")
      case .notAMapping(let typeName):
        Terminal.standardError.write("\(layer.label): warning: the file holds a \(typeName), not a mapping; cloud-init reads it as {}\n")
      default:
        break
      }
      for warning in layer.warnings {
        Terminal.standardError.write(renderer.render(warning))
      }
    }
  }
}
