import Foundation

/// A fresh folder under the system's temporary directory, removed when `body` returns.
func withTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cloudinit-sim-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  return try body(folder)
}

/// `text` written to a file named `name` in a temporary folder, handed to `body`.
func withTemporaryFile<T>(named name: String, _ text: String, _ body: (URL) throws -> T) throws -> T {
  try withTemporaryFolder { folder in
    let file = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: file)
    return try body(file)
  }
}
