import CloudInitSim
import Foundation
import Testing

/// The emitter writes YAML that PyYAML's rules read back to the same value.
@Suite("YAML emitter")
struct YAMLEmitterTests {
  static let valueCases = PackagePaths.corpusCases().filter {
    FileManager.default.fileExists(atPath: PackagePaths.corpus.appendingPathComponent("expected/\($0).json").path)
  }

  @Test("every corpus value survives a round trip", arguments: valueCases)
  func roundTrip(_ name: String) throws {
    let bytes = try Array(Data(contentsOf: PackagePaths.corpus.appendingPathComponent("cases/\(name).yaml")))
    guard let document = try? YAMLLoader().load(bytes, file: name) else { return }  // a known divergence
    let emitted = try YAMLEmitter.emit(document.root)
    let reloaded = try YAMLLoader().load(emitted, file: "emitted")
    #expect(reloaded.root.canonicalJSON() == document.root.canonicalJSON(), "emitted:\n\(emitted)")
  }

  @Test("strings that would change type are quoted; others stay plain")
  func quoting() throws {
    let document = try YAMLLoader().load("a: 'yes'\nb: '0644'\nc: plain\nd: ''\ne: '1:30'\nf: '~'\n", file: "t")
    #expect(try YAMLEmitter.emit(document.root) == "a: 'yes'\nb: '0644'\nc: plain\nd: ''\ne: '1:30'\nf: '~'\n")
  }

  @Test("multi-line strings are written as literal blocks")
  func literalBlocks() throws {
    let document = try YAMLLoader().load("runcmd:\n- |\n  echo one\n  echo two\n", file: "t")
    #expect(try YAMLEmitter.emit(document.root) == "runcmd:\n- |\n  echo one\n  echo two\n")
  }
}
