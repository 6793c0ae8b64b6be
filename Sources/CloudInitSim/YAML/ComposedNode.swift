/// A node of the representation graph, as PyYAML's composer builds it: aliases share the same
/// object, and the constructor may rewrite a mapping's pairs in place (merge keys), which is why
/// this is a class. It never leaves the YAML layer.
final class ComposedNode {
  enum Content {
    case scalar(String)
    case sequence([ComposedNode])
    case mapping([Pair])
  }

  /// A key/value pair; `fromMerge` marks pairs that a `<<` merge key brought in.
  struct Pair {
    var key: ComposedNode
    var value: ComposedNode
    var fromMerge = false
  }

  var tag: String
  var content: Content
  let mark: SourceMark
  /// True for an untagged plain scalar: the only kind YAML 1.1 and 1.2 resolve differently.
  let isPlainImplicit: Bool
  /// False while the node's children are still being composed (an alias to it then is recursive).
  var isComplete = false
  /// Whether an anchor names this node or a collection around it: only such a node can be
  /// reached a second time (through an alias, or a `<<` merge of an alias).
  var isAnchored = false
  /// What this node weighs once every alias below it is expanded: a node counts 1, a scalar one
  /// more per 64 bytes of text.
  var expandedSize = 1
  /// The same weight counting each node once (aliases add nothing): `expandedSize - ownSize`
  /// is what aliases add.
  var ownSize = 1

  init(tag: String, content: Content, mark: SourceMark, isPlainImplicit: Bool = false) {
    self.tag = tag
    self.content = content
    self.mark = mark
    self.isPlainImplicit = isPlainImplicit
  }

  /// PyYAML's `node.id`, used in its error messages.
  var kindName: String {
    switch content {
    case .scalar: "scalar"
    case .sequence: "sequence"
    case .mapping: "mapping"
    }
  }
}
