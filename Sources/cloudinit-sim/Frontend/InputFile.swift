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
      var bytes: [UInt8] = []
      while let chunk = try? FileHandle.standardInput.read(upToCount: 1 << 20), !chunk.isEmpty {
        bytes += chunk
        if bytes.count > maxBytes { throw tooLarge }
      }
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
    guard let data = FileManager.default.contents(atPath: path) else {
      throw FrontendFailure(message: "\(path): cannot be read; check its permissions", status: ExitStatus.usage)
    }
    return Array(data)
  }

  /// The name used in messages: the path as given, `<stdin>` for `-`.
  static func displayName(_ path: String) -> String {
    path == "-" ? "<stdin>" : path
  }
}
