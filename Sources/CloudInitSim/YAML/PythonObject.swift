/// A Python object under construction, mirroring what PyYAML's constructor builds: collections
/// are created empty and filled later (breadth first), and aliases share one object. Converted to
/// `YAMLNode` values once construction is complete.
final class PythonObject {
  enum Kind {
    case scalar(YAMLValue)
    case list([PythonObject])
    case dict(PythonDict)
    case set(PythonDict)
  }

  var kind: Kind
  let mark: SourceMark
  /// PyYAML returns one shared `nan_value` object for `.nan`, so all such keys are one dict key;
  /// a NaN from `float('nan')` (e.g. `!!float nan`) is a new object each time.
  var isSharedNaN = false

  init(_ kind: Kind, mark: SourceMark) {
    self.kind = kind
    self.mark = mark
  }

  /// A list, dict or set.
  var isCollection: Bool { !isHashable }

  /// Lists, dicts and sets cannot be dict keys in Python.
  var isHashable: Bool {
    if case .scalar = kind { return true }
    return false
  }

  /// The dict key this object hashes to, under Python's equality (`1 == 1.0 == True`).
  var key: PythonKey {
    guard case .scalar(let value) = kind else { return .identity(ObjectIdentifier(self)) }
    if isSharedNaN { return .sharedNaN }
    return PythonKey(value) ?? .identity(ObjectIdentifier(self))
  }
}

/// A Python dict: insertion order, and a later equal key replaces the value but keeps the
/// position and the key object of the first.
struct PythonDict {
  var keys: [PythonObject] = []
  var values: [PythonObject] = []
  /// Whether each entry's current value came from a `<<` merge (duplicates there are by design).
  var fromMerge: [Bool] = []
  var index: [PythonKey: Int] = [:]

  /// Sets `key` to `value`; returns the replaced key object when the key was already present.
  @discardableResult
  mutating func set(_ key: PythonObject, _ value: PythonObject, fromMerge merged: Bool) -> (PythonObject, Bool)? {
    let hashKey = key.key
    if let position = index[hashKey] {
      let previous = (keys[position], fromMerge[position])
      values[position] = value
      fromMerge[position] = merged
      return previous
    }
    index[hashKey] = keys.count
    keys.append(key)
    values.append(value)
    fromMerge.append(merged)
    return nil
  }
}
