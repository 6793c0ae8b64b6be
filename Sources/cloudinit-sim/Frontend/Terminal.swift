import Foundation

/// Exit statuses shared by every command.
enum ExitStatus {
  static let success: Int32 = 0
  /// The input is invalid (YAML error, bad profile).
  static let invalidInput: Int32 = 1
  /// The command line is wrong or a named file cannot be read.
  static let usage: Int32 = 2
  /// `--expect-installed`: a package would not be installed.
  static let expectationFailed: Int32 = 3
}

/// Standard output or error, with colour only when the stream is a terminal.
struct Terminal: Sendable {
  let descriptor: Int32

  static let standardOutput = Terminal(descriptor: STDOUT_FILENO)
  static let standardError = Terminal(descriptor: STDERR_FILENO)

  var isTTY: Bool { isatty(descriptor) == 1 }

  /// Writes `text` with its control characters made visible (see `VisibleText`).
  func write(_ text: String) {
    let handle = descriptor == STDERR_FILENO ? FileHandle.standardError : FileHandle.standardOutput
    handle.write(Data(VisibleText.escaped(text, keepingStyles: isTTY).utf8))
  }

  /// The SGR codes the frontend uses (bold, colours) and the reset; `VisibleText` keeps these only.
  static let styles: Set<String> = ["0", "1", "32", "33", "1;31", "1;32", "1;33", "1;36"]

  /// Wraps `text` in an ANSI style when writing to a terminal.
  func styled(_ text: String, _ code: String) -> String {
    isTTY ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  static func exit(_ status: Int32) -> Never {
    Foundation.exit(status)
  }
}

/// A failure the frontend reports itself and then exits with `status`.
struct FrontendFailure: Error {
  var message: String
  var status: Int32
}
