import Foundation

/// Reads a file named on the command line, or standard input for `-`.
enum InputFile {
  /// The bytes of `path`, or a usage failure naming the file and the reason. A file larger than
  /// `maxBytes` is refused before it is read, so a huge input costs no memory.
  static func read(_ path: String, maxBytes: Int = 256 << 20) throws(FrontendFailure) -> [UInt8] {
    let tooLarge = FrontendFailure(
      message: "\(displayName(path)): larger than \(maxBytes >> 20) MiB, more than the simulator reads "
        + "(EC2 accepts 16 KB of user-data); check that this is the file you meant",
      status: ExitStatus.invalidInput)
    if path == "-" {
      // Standard input can be read once; commands that load their inputs more than once
      // (explain's fixes, module edits) get the same bytes each time.
      let bytes = try standardInput.get()
      if bytes.count > maxBytes { throw tooLarge }
      return bytes
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw FrontendFailure(message: "\(path): no such file; check the path", status: ExitStatus.usage)
    }
    guard !isDirectory.boolValue else {
      throw FrontendFailure(message: "\(path): is a directory; name a file", status: ExitStatus.usage)
    }
    if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maxBytes {
      throw tooLarge
    }
    // A pipe or device (`/dev/stdin`, `<(...)`) can be read once: remember what it gave.
    let isRegular = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType == .typeRegular
    if !isRegular, let earlier = streams.bytes(of: path) {
      if earlier.count > maxBytes { throw tooLarge }
      return earlier
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw FrontendFailure(message: "\(path): cannot be read; check its permissions", status: ExitStatus.usage)
    }
    defer { try? handle.close() }
    // Read in chunks, so a device or pipe (`/dev/zero`) that reports no size still stops at the bound.
    let bytes = try readBounded(handle, name: path, maxBytes: maxBytes, tooLarge: tooLarge)
    if !isRegular { streams.remember(bytes, of: path) }
    return bytes
  }

  /// What pipes and devices gave, by path.
  private final class Streams: @unchecked Sendable {
    private let lock = NSLock()
    private var read: [String: [UInt8]] = [:]

    func bytes(of path: String) -> [UInt8]? { lock.withLock { read[path] } }
    func remember(_ bytes: [UInt8], of path: String) { lock.withLock { read[path] = bytes } }
  }

  private static let streams = Streams()

  private static let standardInput: Result<[UInt8], FrontendFailure> = Result { () throws(FrontendFailure) in
    try readBounded(
      FileHandle.standardInput, name: "<stdin>", maxBytes: 256 << 20,
      tooLarge: FrontendFailure(message: "<stdin>: larger than 256 MiB, more than the simulator reads", status: ExitStatus.invalidInput))
  }

  private static func readBounded(
    _ handle: FileHandle, name: String, maxBytes: Int, tooLarge: FrontendFailure
  ) throws(FrontendFailure) -> [UInt8] {
    var bytes: [UInt8] = []
    while true {
      let chunk: Data?
      do {
        chunk = try handle.read(upToCount: 1 << 20)
      } catch {
        throw FrontendFailure(message: "\(name): cannot be read (\(error.localizedDescription))", status: ExitStatus.usage)
      }
      guard let chunk, !chunk.isEmpty else { return bytes }
      bytes += chunk
      if bytes.count > maxBytes { throw tooLarge }
    }
  }

  /// The name used in messages: the path as given, `<stdin>` for `-`.
  static func displayName(_ path: String) -> String {
    path == "-" ? "<stdin>" : path
  }
}
