/// Converts the constructed Python objects into `YAMLNode` values; an object reached through
/// several aliases is converted once and shared (Swift's copy-on-write keeps it one copy).
/// Only collections are remembered: a scalar converts as cheaply as it is looked up, and a
/// table of every scalar was the largest allocation of a big document.
struct PythonObjectConverter {
  private var converted: [ObjectIdentifier: YAMLNode] = [:]

  mutating func node(of object: PythonObject) -> YAMLNode {
    if let done = converted[ObjectIdentifier(object)] { return done }
    let value: YAMLValue
    switch object.kind {
    case .scalar(let scalar):
      return YAMLNode(scalar, mark: object.mark)
    case .list(let items):
      var nodes: [YAMLNode] = []
      nodes.reserveCapacity(items.count)
      for item in items { nodes.append(node(of: item)) }
      value = .sequence(nodes)
    case .dict(let dict):
      var entries: [YAMLMapping.Entry] = []
      entries.reserveCapacity(dict.keys.count)
      for (key, item) in zip(dict.keys, dict.values) {
        entries.append(YAMLMapping.Entry(key: node(of: key), value: node(of: item)))
      }
      value = .mapping(YAMLMapping(entries: entries))
    case .set(let dict):
      var nodes: [YAMLNode] = []
      for key in dict.keys { nodes.append(node(of: key)) }
      value = .set(nodes)
    }
    let result = YAMLNode(value, mark: object.mark)
    converted[ObjectIdentifier(object)] = result
    // Remembered, a converted collection lets go of its children, so the Python tree shrinks
    // while the YAML tree grows; an alias finds it in `converted` without reading it again.
    object.kind = .list([])
    return result
  }
}
