import Synchronization

/// The base configs built most recently, by image files and version. Building one reads and
/// merges every file of `/etc/cloud` and was half of a simulation's time; a process simulating
/// many user-data on few images (CI over launch templates, `diff`, the what-if passes) builds
/// each once. The result is a pure function of its key, so sharing it changes no answer.
@available(macOS 15.0, iOS 18.0, tvOS 18.0, watchOS 11.0, *)
enum BaseConfigCache {
  struct Key: Hashable, Sendable {
    var etc: EtcCloud
    var version: CloudInitVersion
  }

  /// Beyond this many images the cache starts over (profiles are few; what-if drop-ins add some).
  static let capacity = 32

  private static let entries = Mutex<[Key: Result<MergedConfig, ConfigMergeError>]>([:])

  static func build(etc: EtcCloud, version: CloudInitVersion) throws(ConfigMergeError) -> MergedConfig {
    let key = Key(etc: etc, version: version)
    if let cached = entries.withLock({ $0[key] }) { return try cached.get() }
    let result: Result<MergedConfig, ConfigMergeError>
    do {
      result = .success(try BaseConfig.merge(etc: etc, version: version))
    } catch {
      result = .failure(error)
    }
    entries.withLock { entries in
      if entries.count >= capacity { entries.removeAll() }
      entries[key] = result
    }
    return try result.get()
  }
}
