import CloudInitSim
import Foundation

/// A folder of `Scenarios/`: user-data and the outcome `scenario.yaml` expects, read with the
/// simulator's own YAML loader and checked strictly (an unknown key is an error, not ignored).
struct Scenario: CustomStringConvertible {
  /// The YAML-level expectation.
  struct YAMLExpectation {
    var values: [(path: String, value: YAMLNode)] = []
    var error: (kind: String, line: Int, column: Int)?
    var yaml12Differences: [String]?
    var warnings: Int?
  }

  struct Invalid: Error, CustomStringConvertible {
    var description: String
  }

  let name: String
  let folder: URL
  let userData: URL
  let yaml: YAMLExpectation

  var description: String { name }

  static func all() -> [String] {
    let root = PackagePaths.root.appendingPathComponent("Scenarios")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
    return names.filter { !$0.hasPrefix(".") }.sorted()
  }

  init(named name: String) throws {
    self.name = name
    folder = PackagePaths.root.appendingPathComponent("Scenarios/\(name)")
    let file = folder.appendingPathComponent("scenario.yaml")
    let document = try YAMLLoader().load(Array(try Data(contentsOf: file)), file: file.path)
    let top = try Self.mapping(document.root, allowed: ["description", "source", "user_data", "expect"])
    guard case .string(let userDataName) = top["user_data"]?.value else {
      throw Invalid(description: "\(file.path): user_data must name the user-data file")
    }
    userData = folder.appendingPathComponent(userDataName)
    guard let expectNode = top["expect"] else {
      throw Invalid(description: "\(file.path): expect is missing")
    }
    let expect = try Self.mapping(expectNode, allowed: ["yaml"])
    var yaml = YAMLExpectation()
    if let yamlNode = expect["yaml"] {
      let section = try Self.mapping(yamlNode, allowed: ["values", "error", "yaml12_differences", "warnings"])
      if let values = section["values"] {
        for entry in try Self.mapping(values, allowed: nil).entries {
          guard case .string(let path) = entry.key.value else {
            throw Invalid(description: "\(entry.key.mark): a value path must be a string")
          }
          yaml.values.append((path, entry.value))
        }
      }
      if let errorNode = section["error"] {
        let error = try Self.mapping(errorNode, allowed: ["kind", "line", "column"])
        guard case .string(let kind) = error["kind"]?.value, case .int(let line) = error["line"]?.value,
              case .int(let column) = error["column"]?.value else {
          throw Invalid(description: "\(errorNode.mark): error needs kind, line and column")
        }
        yaml.error = (kind, Int(line), Int(column))
      }
      if let differences = section["yaml12_differences"] {
        guard case .sequence(let items) = differences.value else {
          throw Invalid(description: "\(differences.mark): yaml12_differences must be a list of \"line:column\"")
        }
        yaml.yaml12Differences = items.compactMap { if case .string(let text) = $0.value { text } else { nil } }
      }
      if let warnings = section["warnings"] {
        guard case .int(let count) = warnings.value else {
          throw Invalid(description: "\(warnings.mark): warnings must be a count")
        }
        yaml.warnings = Int(count)
      }
    }
    self.yaml = yaml
  }

  private static func mapping(_ node: YAMLNode, allowed: Set<String>?) throws -> YAMLMapping {
    guard case .mapping(let mapping) = node.value else {
      throw Invalid(description: "\(node.mark): expected a mapping, found \(node.value.typeName)")
    }
    if let allowed {
      for entry in mapping.entries {
        guard case .string(let key) = entry.key.value, allowed.contains(key) else {
          throw Invalid(description: "\(entry.key.mark): unknown key; expected one of \(allowed.sorted().joined(separator: ", "))")
        }
      }
    }
    return mapping
  }
}

extension YAMLNode {
  /// The node at a path like `write_files[0].permissions`, or nil.
  func value(at path: String) -> YAMLNode? {
    var node: YAMLNode? = self
    for component in path.split(separator: ".") {
      var name = Substring(component)
      var indexes: [Int] = []
      while name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
        guard let index = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) else { return nil }
        indexes.insert(index, at: 0)
        name = name[..<open]
      }
      if !name.isEmpty {
        guard case .mapping(let mapping) = node?.value else { return nil }
        node = mapping[String(name)]
      }
      for index in indexes {
        guard case .sequence(let items) = node?.value, items.indices.contains(index) else { return nil }
        node = items[index]
      }
    }
    return node
  }
}
