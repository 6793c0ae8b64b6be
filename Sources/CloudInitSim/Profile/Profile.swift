/// An image profile: the image's `/etc/cloud` and the facts about its cloud-init and distro.
public struct Profile: Sendable, Equatable {
  /// A module the image's cloud-init has that upstream (at `cloudInit.behaviour`) lacks.
  public struct VendorModule: Sendable, Equatable {
    public var name: String
    public var frequency: String
    public var distros: [String]
    public var stage: String
    public var description: String
    public var confidence: String
    public var source: String
  }

  /// A module whose distro support the vendor changed.
  public struct DistroSupportChange: Sendable, Equatable {
    public var module: String
    public var change: String
    public var confidence: String
    public var source: String
  }

  /// A named difference from upstream behaviour that the simulator applies for this image.
  public struct UpstreamDifference: Sendable, Equatable {
    public var name: String
    public var description: String
    public var confidence: String
    public var source: String
  }

  /// What the image build changed in `/etc/cloud`, and why.
  public struct BuildChange: Sendable, Equatable {
    public var file: String
    public var command: String
    public var effect: String
    public var reason: String
    public var confidence: String
    public var source: String
  }

  /// Where one fact of the profile comes from.
  public struct FactSource: Sendable, Equatable {
    public var fact: String
    public var confidence: String
    public var source: String
  }

  /// The profile's name (its folder).
  public var name: String
  /// A short human title.
  public var title: String
  /// One paragraph about the image.
  public var description: String
  /// The stock profile an EKS profile is built from.
  public var derivesFrom: String?
  /// The packaged cloud-init version, e.g. `22.2.2-1.amzn2023.1.14`.
  public var cloudInitPackage: String
  /// The upstream behaviour modelled.
  public var behaviour: CloudInitVersion
  /// The Python version cloud-init runs on.
  public var python: String
  /// `system_info.distro`.
  public var distro: String
  /// `yum` or `dnf`.
  public var packageManager: String
  /// The command form, with `{command}` and `{packages}` placeholders.
  public var packageCommand: String
  /// The default user.
  public var defaultUser: String
  /// The cloud, e.g. `ec2`.
  public var cloud: String
  /// The platform's limit on raw user-data.
  public var userDataLimitBytes: Int
  public var vendorModules: [VendorModule]
  public var distroSupportChanges: [DistroSupportChange]
  public var upstreamDifferences: [UpstreamDifference]
  /// `none`, `bootstrap-script` or `nodeadm`.
  public var clusterJoinMethod: String
  public var clusterJoinDescription: String
  public var buildChanges: [BuildChange]
  public var sources: [FactSource]
  /// The image's `/etc/cloud` files.
  public var etc: EtcCloud
  /// `/run/cloud-init/instance-data.json` of a typical instance of this image (for jinja parts).
  public var instanceData: YAMLNode?
  /// What the package manager prints when the repositories cannot be reached (`distro.offline_error`).
  public var offlineError: String? = nil
}

/// The files of an image's `/etc/cloud`: `cloud.cfg` and every file of `cloud.cfg.d/`.
public struct EtcCloud: Sendable, Hashable {
  /// One file: its name as shown in messages and its bytes.
  public struct File: Sendable, Hashable {
    /// The path shown in messages, e.g. `Profiles/al2023/etc/cloud/cloud.cfg.d/05_logging.cfg`.
    public var path: String
    /// The file name within its folder.
    public var name: String
    /// The raw content.
    public var bytes: [UInt8]

    /// Creates a file.
    public init(path: String, name: String, bytes: [UInt8]) {
      self.path = path
      self.name = name
      self.bytes = bytes
    }
  }

  /// `/etc/cloud/cloud.cfg`.
  public var cloudCfg: File
  /// Every entry of `/etc/cloud/cloud.cfg.d/` that is a regular file, in any order.
  public var cloudCfgD: [File]

  /// Creates the folder's content.
  public init(cloudCfg: File, cloudCfgD: [File]) {
    self.cloudCfg = cloudCfg
    self.cloudCfgD = cloudCfgD
  }

  /// The `.d` files cloud-init reads (`read_conf_d`): names ending `.cfg`, sorted by code point,
  /// so the one that sorts last wins. Other files (a `README`) are ignored.
  public var readConfigFiles: [File] {
    cloudCfgD.filter { $0.name.hasSuffix(".cfg") }
      .sorted { $0.name.unicodeScalars.lexicographicallyPrecedes($1.name.unicodeScalars) }
  }

  /// The `.d` files cloud-init ignores, so a report can say so.
  public var ignoredFiles: [File] {
    cloudCfgD.filter { !$0.name.hasSuffix(".cfg") }
      .sorted { $0.name.unicodeScalars.lexicographicallyPrecedes($1.name.unicodeScalars) }
  }
}
