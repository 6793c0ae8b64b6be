import CloudInitSim
import Foundation

// Two builds of one target. Built for fuzzing (`Tests/Fuzz/fuzz.sh`: `--sanitize fuzzer`, `-DFUZZING`)
// libFuzzer owns `main` and calls the entry points below; the target is chosen by
// CLOUDINIT_SIM_FUZZ_TARGET. Built normally it is a replayer: `cloudinit-sim-fuzz TARGET PATH...`
// runs every file (or every file in every folder) through the target once, which is how the tests
// and CI replay the seed corpus and every crash ever found.

/// What every input of a run shares: the target, and the bundled images the pipeline uses.
struct FuzzContext: Sendable {
  /// A bundled profile and its simulation without user-data (what each input is diffed against).
  struct Image: Sendable {
    var profile: Profile
    var bare: Simulation?
  }

  var target: FuzzTarget
  var images: [Image]

  init(target: FuzzTarget) {
    self.target = target
    images = target == .pipeline
      ? Self.bundledProfiles().map { Image(profile: $0, bare: try? Simulation.run(profile: $0, userData: nil)) } : []
  }

  /// The bundled profiles (`Profiles/` of this checkout, or CLOUDINIT_SIM_PROFILES).
  static func bundledProfiles() -> [Profile] {
    let folder = ProcessInfo.processInfo.environment["CLOUDINIT_SIM_PROFILES"].map { URL(fileURLWithPath: $0) }
      ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Profiles")
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    return names.compactMap { name in
      let root = folder.appendingPathComponent(name)
      func file(_ url: URL) -> EtcCloud.File? {
        FileManager.default.contents(atPath: url.path).map {
          EtcCloud.File(path: url.path, name: url.lastPathComponent, bytes: Array($0))
        }
      }
      let dotD = root.appendingPathComponent("etc/cloud/cloud.cfg.d")
      let drops = ((try? FileManager.default.contentsOfDirectory(atPath: dotD.path)) ?? []).sorted()
        .compactMap { file(dotD.appendingPathComponent($0)) }
      guard let yaml = file(root.appendingPathComponent("profile.yaml")),
            let cfg = file(root.appendingPathComponent("etc/cloud/cloud.cfg"))
      else { return nil }
      return try? Profile.load(
        name: name, profileYAML: yaml, etc: EtcCloud(cloudCfg: cfg, cloudCfgD: drops),
        instanceData: file(root.appendingPathComponent("instance-data.json")))
    }
  }
}

#if FUZZING
nonisolated(unsafe) private var context: FuzzContext?

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
  let name = ProcessInfo.processInfo.environment["CLOUDINIT_SIM_FUZZ_TARGET"] ?? ""
  guard let target = FuzzTarget(rawValue: name) else {
    let known = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
    FileHandle.standardError.write(Data("set CLOUDINIT_SIM_FUZZ_TARGET to one of: \(known)\n".utf8))
    exit(2)
  }
  context = FuzzContext(target: target)
  return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let context else { return 0 }
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  context.target.run(bytes, images: context.images)
  return 0
}
#else
/// `cloudinit-sim-fuzz TARGET PATH...`: replays inputs through a fuzz target without libFuzzer.
@main
struct FuzzReplay {
  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    let known = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
    guard let name = arguments.first, let target = FuzzTarget(rawValue: name), arguments.count > 1 else {
      FileHandle.standardError.write(Data("usage: cloudinit-sim-fuzz TARGET PATH... (TARGET: \(known))\n".utf8))
      exit(2)
    }
    let context = FuzzContext(target: target)
    if target == .pipeline && context.images.isEmpty {
      FileHandle.standardError.write(Data("no profiles found: set CLOUDINIT_SIM_PROFILES to a Profiles folder\n".utf8))
      exit(2)
    }
    var count = 0
    for path in arguments.dropFirst() {
      for file in files(at: path) {
        guard let data = FileManager.default.contents(atPath: file) else {
          FileHandle.standardError.write(Data("\(file): cannot be read\n".utf8))
          exit(2)
        }
        target.run(Array(data), images: context.images)
        count += 1
      }
    }
    print("\(target.rawValue): \(count) inputs replayed, none crashed")
  }

  /// `path` itself, or the regular files under it, sorted.
  private static func files(at path: String) -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [path] }
    guard isDirectory.boolValue else { return [path] }
    let walker = FileManager.default.enumerator(atPath: path)
    var out: [String] = []
    while let entry = walker?.nextObject() as? String {
      let full = (path as NSString).appendingPathComponent(entry)
      var sub: ObjCBool = false
      if FileManager.default.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue { out.append(full) }
    }
    return out.sorted()
  }
}
#endif
