import Foundation

/// The outcome of running the real `cloudinit-sim` binary.
struct CommandResult {
  var status: Int32
  var standardOutput: String
  var standardError: String
}

/// Runs the built executable (or `executable`) with arguments, in `directory`, optionally feeding
/// standard input.
func runCommand(
  _ arguments: [String], in directory: URL = PackagePaths.root, input: String? = nil, executable: URL? = nil
) throws -> CommandResult {
  let process = Process()
  process.executableURL = executable ?? PackagePaths.executable
  process.arguments = arguments
  process.currentDirectoryURL = directory
  let output = Pipe()
  let error = Pipe()
  let inputPipe = Pipe()
  process.standardOutput = output
  process.standardError = error
  process.standardInput = inputPipe
  try process.run()
  if let input {
    inputPipe.fileHandleForWriting.write(Data(input.utf8))
  }
  try inputPipe.fileHandleForWriting.close()
  let outData = output.fileHandleForReading.readDataToEndOfFile()
  let errData = error.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return CommandResult(
    status: process.terminationStatus,
    standardOutput: String(decoding: outData, as: UTF8.self),
    standardError: String(decoding: errData, as: UTF8.self))
}
