import Foundation

/// Reads a file named on the command line, or standard input for `-`.
enum InputFile {
  /// The bytes of `path`, or a usage failure naming the file and the reason.
  static func read(_ path: String) throws(FrontendFailure) -> [UInt8] {
    if path == "-" {
      return Array(FileHandle.standardInput.readDataToEndOfFile())
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw FrontendFailure(message: "\(path): no such file; check the path", status: ExitStatus.usage)
    }
    guard !isDirectory.boolValue else {
      throw FrontendFailure(message: "\(path): is a directory; name a file", status: ExitStatus.usage)
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
