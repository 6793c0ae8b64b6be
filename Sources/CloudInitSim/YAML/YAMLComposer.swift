/// Composes libyaml's events into a node graph, following PyYAML's `Composer` step by step so
/// that errors surface in the same order and at the same place.
struct YAMLComposer {
  private let reader: LibYAMLEventReader
  private let input: LibYAMLInput
  private let source: SourceText
  private let limits: YAMLLimits
  private var scannerRules: PyYAMLScannerRules
  /// The offset just past the last event libyaml delivered: how far its reading is known.
  private var consumedEnd = 0
  private var anchors: [String: ComposedNode] = [:]
  private var peeked: YAMLEvent?

  init(text: String, source: SourceText, limits: YAMLLimits) {
    self.input = LibYAMLInput(text: text)
    self.reader = LibYAMLEventReader(bytes: input.bytes)
    self.source = source
    self.limits = limits
    self.scannerRules = PyYAMLScannerRules(source: source)
  }

  /// PyYAML's `get_single_node`: the one document of the stream, or nil for an empty stream.
  mutating func singleDocument() throws(YAMLError) -> ComposedNode? {
    _ = try nextEvent()  // stream start
    var document: ComposedNode?
    if !(try peekIsStreamEnd()) {
      document = try composeDocument()
    }
    if !(try peekIsStreamEnd()) {
      let event = try nextEvent()
      throw failure(
        .composer, "but found another document", at: mark(of: event),
        context: "expected a single document in the stream", contextMark: document?.mark,
        hint: "cloud-init reads exactly one YAML document per part; remove the extra '---' "
          + "(or '...') line, or send the documents as separate MIME parts")
    }
    if let violation = scannerRules.firstViolation(upTo: source.scalars.count) {
      throw scannerRuleError(violation)
    }
    return document
  }

  // MARK: - Events

  private mutating func nextEvent() throws(YAMLError) -> YAMLEvent {
    if let event = peeked {
      peeked = nil
      return event
    }
    let event: YAMLEvent
    do {
      event = try reader.next()
    } catch {
      throw libyamlFailure(error)
    }
    let end = offset(event.endLine, event.endColumn)
    consumedEnd = max(consumedEnd, end)
    if case .scalar(_, _, _, _, _, let style) = event.kind {
      let start = offset(event.startLine, event.startColumn)
      scannerRules.record(PyYAMLScannerRules.ScalarSpan(start: start, end: end, style: style))
    }
    return event
  }

  private mutating func peekEvent() throws(YAMLError) -> YAMLEvent {
    if let event = peeked { return event }
    let event = try nextEvent()
    peeked = event
    return event
  }

  private mutating func peekIsStreamEnd() throws(YAMLError) -> Bool {
    if case .streamEnd = try peekEvent().kind { return true }
    return false
  }

  // MARK: - Composition

  private mutating func composeDocument() throws(YAMLError) -> ComposedNode {
    _ = try nextEvent()  // document start
    let node = try composeRoot()
    _ = try nextEvent()  // document end
    anchors = [:]
    return node
  }

  /// A collection being composed: its node, and the children so far.
  private struct OpenCollection {
    let node: ComposedNode
    let isFlow: Bool
    /// Whether the collection has an anchor (it counts in `anchoredOpen` until it closes).
    var hasAnchor = false
    var items: [ComposedNode] = []
    var pairs: [ComposedNode.Pair] = []
    var pendingKey: ComposedNode?
  }

  /// PyYAML's `compose_node`, with an explicit stack instead of recursion so that nesting depth
  /// costs heap, not stack (a deep document must end in an error, never in a crash).
  private mutating func composeRoot() throws(YAMLError) -> ComposedNode {
    var open: [OpenCollection] = []
    // Collections with an anchor still open: every node inside one can be reached again.
    var anchoredOpen = 0
    while true {
      let event = try nextEvent()
      let mark = mark(of: event)
      var finished: ComposedNode
      switch event.kind {
      case .alias(let anchor):
        guard let node = anchors[anchor] else {
          throw failure(.composer, "found undefined alias '\(anchor)'", at: mark,
                        hint: "define the anchor with '&\(anchor)' before this line")
        }
        guard node.isComplete else {
          throw failure(
            .composer, "alias '*\(anchor)' refers to a collection that contains it", at: mark,
            context: "anchor '&\(anchor)' defined", contextMark: node.mark,
            hint: "PyYAML builds a self-referencing structure here, which no cloud-init module can "
              + "use; remove the alias")
        }
        finished = node
      case .scalar(let anchor, let tag, var value, let plainImplicit, _, let style):
        if style == .plain, anchor == nil, tag == nil, followsSkippedByteOrderMark(event) {
          value = "\u{FEFF}" + value
        }
        if style == .plain, value.utf8.contains(UInt8(ascii: "?")), let flow = open.last(where: \.isFlow) {
          try checkFlowQuestionMark(event, in: flow)
        }
        try checkAnchor(anchor, at: mark)
        let resolved: String
        if let tag, tag != "!" {
          resolved = tag
        } else {
          // PyYAML resolves a `!`-tagged scalar as a plain one, even quoted or empty (`a: !` is
          // null); libyaml flags an empty `!` node as not implicit.
          resolved = YAMLResolver.resolveScalar(value, plainImplicit: plainImplicit || tag == "!")
        }
        finished = ComposedNode(
          tag: resolved, content: .scalar(value), mark: mark,
          isPlainImplicit: plainImplicit && tag == nil)
        finished.isComplete = true
        let weight = 1 + value.utf8.count / 64
        finished.expandedSize = weight
        finished.ownSize = weight
        finished.isAnchored = anchor != nil || anchoredOpen > 0
        if let anchor { anchors[anchor] = finished }
      case .sequenceStart(let anchor, let tag, _, let flow), .mappingStart(let anchor, let tag, _, let flow):
        try checkAnchor(anchor, at: mark)
        let node: ComposedNode
        if case .sequenceStart = event.kind {
          node = ComposedNode(tag: collectionTag(tag, default: YAMLTag.seq), content: .sequence([]), mark: mark)
        } else {
          node = ComposedNode(tag: collectionTag(tag, default: YAMLTag.map), content: .mapping([]), mark: mark)
        }
        node.isAnchored = anchor != nil || anchoredOpen > 0
        if let anchor {
          anchors[anchor] = node
          anchoredOpen += 1
        }
        guard open.count < limits.maxDepth else {
          throw failure(
            .limit, "collections nested deeper than \(limits.maxDepth) levels", at: mark,
            hint: "PyYAML (and so cloud-init) already fails with a Python RecursionError from about "
              + "490 levels (PyYAML 6.0.3, Python 3.11); flatten the document")
        }
        open.append(OpenCollection(node: node, isFlow: flow, hasAnchor: anchor != nil))
        continue
      case .sequenceEnd, .mappingEnd:
        guard let closed = open.popLast() else {
          throw error(.parser, "unexpected end of a collection", at: mark)
        }
        if case .sequenceEnd = event.kind {
          closed.node.content = .sequence(closed.items)
        } else {
          closed.node.content = .mapping(closed.pairs)
        }
        closed.node.isComplete = true
        if closed.hasAnchor { anchoredOpen -= 1 }
        finished = closed.node
      case .streamStart, .streamEnd, .documentStart, .documentEnd:
        // libyaml's parser never yields these where a node is expected.
        throw error(.parser, "unexpected event where a node was expected", at: mark)
      }
      // Attach the finished node to the collection it belongs to, or return it as the root.
      guard var parent = open.popLast() else { return finished }
      try addSize(of: finished, to: parent.node, isAlias: isAlias(event))
      if case .sequence = parent.node.content {
        parent.items.append(finished)
      } else if let key = parent.pendingKey {
        parent.pairs.append(ComposedNode.Pair(key: key, value: finished))
        parent.pendingKey = nil
      } else {
        parent.pendingKey = finished
      }
      open.append(parent)
    }
  }

  /// libyaml skips a U+FEFF at the start of any line; PyYAML only at the very start of the text,
  /// so anywhere else it is the first character of the plain scalar that follows.
  private func followsSkippedByteOrderMark(_ event: YAMLEvent) -> Bool {
    let start = offset(event.startLine, event.startColumn)
    let mark = start - 1
    guard mark > 0, source.scalars[mark] == "\u{FEFF}" else { return false }
    let lineStart = source.lineStarts[event.startLine]
    return mark == lineStart || (event.startLine == 0 && source.startsWithBOM && mark == 1)
  }

  /// In a flow collection PyYAML ends a plain scalar at `?` and reads `?` as a key indicator, so
  /// `[a?b]` or `[curl, http://x/?q=1]` fails in cloud-init; libyaml reads one scalar.
  private func checkFlowQuestionMark(_ event: YAMLEvent, in collection: OpenCollection) throws(YAMLError) {
    let start = offset(event.startLine, event.startColumn)
    let end = offset(event.endLine, event.endColumn)
    var index = start
    // Skip a tag or anchor in front of the value.
    while index < end, source.scalars[index] == "!" || source.scalars[index] == "&" {
      while index < end, source.scalars[index] != " " { index += 1 }
      while index < end, source.scalars[index] == " " { index += 1 }
    }
    guard index < end, let question = (index + 1..<end).first(where: { source.scalars[$0] == "?" }) else { return }
    let isSequence = if case .sequence = collection.node.content { true } else { false }
    let closing = isSequence ? "]" : "}"
    throw failure(
      .parser, "expected ',' or '\(closing)', but got '?'", at: source.mark(scalarOffset: question),
      context: "while parsing a flow \(isSequence ? "sequence" : "mapping")",
      contextMark: collection.node.mark,
      hint: "inside [ ] or { } PyYAML ends a plain value at '?'; quote the value (\"http://host/?q=1\")")
  }

  private func collectionTag(_ tag: String?, default defaultTag: String) -> String {
    guard let tag, tag != "!" else { return defaultTag }
    return tag
  }

  private func checkAnchor(_ anchor: String?, at mark: SourceMark) throws(YAMLError) {
    guard let anchor, let first = anchors[anchor] else { return }
    throw failure(
      .composer, "second occurrence", at: mark,
      context: "found duplicate anchor '\(anchor)'; first occurrence", contextMark: first.mark,
      hint: "PyYAML rejects a second '&\(anchor)' in one document; rename one of the anchors")
  }

  private func isAlias(_ event: YAMLEvent) -> Bool {
    if case .alias = event.kind { return true }
    return false
  }

  /// Adds a child's weight to its parent's, refusing when aliases have added more than the bound:
  /// a document without aliases is never refused here, however big.
  private func addSize(of child: ComposedNode, to parent: ComposedNode, isAlias: Bool) throws(YAMLError) {
    let (sum, overflow) = parent.expandedSize.addingReportingOverflow(child.expandedSize)
    parent.expandedSize = overflow ? Int.max : sum
    if !isAlias { parent.ownSize += child.ownSize }
    guard parent.expandedSize - parent.ownSize <= limits.maxExpandedNodes else {
      throw failure(
        .limit,
        "aliases expand this document by more than \(limits.maxExpandedNodes) nodes "
          + "(a scalar counts one more per 64 bytes)",
        at: child.mark,
        hint: "this looks like a 'billion laughs' document: aliases of aliases that multiply; "
          + "cloud-init would exhaust memory merging it")
    }
  }

  // MARK: - Marks and errors

  /// The offset in the user's text of a libyaml position (0-based line and column).
  private func offset(_ line: Int, _ column: Int) -> Int {
    source.offset(libyamlLine: line, column: input.originalColumn(line: line, column: column))
  }

  private func mark(of event: YAMLEvent) -> SourceMark {
    source.mark(scalarOffset: offset(event.startLine, event.startColumn))
  }

  /// A composer error, unless PyYAML would have stopped at a tab before reaching it.
  private func failure(
    _ kind: YAMLError.Kind, _ problem: String, at mark: SourceMark, context: String? = nil,
    contextMark: SourceMark? = nil, hint: String? = nil
  ) -> YAMLError {
    let error = error(kind, problem, at: mark, context: context, contextMark: contextMark, hint: hint)
    return failure(error, upTo: consumedEnd)
  }

  /// A libyaml problem, unless PyYAML would have stopped at a tab first: in what libyaml
  /// delivered as events, or in the stretch it read but gave up on.
  private func libyamlFailure(_ problem: LibYAMLProblem) -> YAMLError {
    let converted = convert(problem)
    if let earlier = scannerRules.firstViolation(upTo: consumedEnd) {
      return scannerRuleError(earlier)
    }
    let errorOffset = problem.byteOffset == nil
      ? offset(problem.line, problem.column) : consumedEnd
    let parserError = problem.stage == .parser
    if let unparsed = scannerRules.firstViolation(unparsedFrom: consumedEnd, to: errorOffset, parserError: parserError) {
      return scannerRuleError(unparsed)
    }
    return converted
  }

  private func failure(_ error: YAMLError, upTo limit: Int) -> YAMLError {
    guard let violation = scannerRules.firstViolation(upTo: limit) else { return error }
    let tabMark = source.mark(scalarOffset: violation.offset)
    if (tabMark.line, tabMark.column) > (error.mark.line, error.mark.column) { return error }
    return scannerRuleError(violation)
  }

  private func scannerRuleError(_ violation: PyYAMLScannerRules.Violation) -> YAMLError {
    let mark = source.mark(scalarOffset: violation.offset)
    return error(
      .scanner, violation.problem, at: mark, context: violation.context, contextMark: mark,
      hint: violation.hint)
  }

  private func error(
    _ kind: YAMLError.Kind, _ problem: String, at mark: SourceMark, context: String? = nil,
    contextMark: SourceMark? = nil, hint: String? = nil
  ) -> YAMLError {
    YAMLError(
      kind: kind, problem: problem, mark: mark, context: context, contextMark: contextMark,
      sourceLine: source.line(mark.line), hint: hint)
  }

  private func convert(_ problem: LibYAMLProblem) -> YAMLError {
    let kind: YAMLError.Kind
    switch problem.stage {
    case .reader: kind = .reader
    case .scanner: kind = .scanner
    case .parser, .other: kind = .parser
    }
    let at: SourceMark
    if let offset = problem.byteOffset {
      at = source.mark(scalarOffset: source.scalarOffset(ofByte: offset))
    } else {
      var offset = offset(problem.line, problem.column)
      // libyaml points at the backslash or '%', PyYAML at the character after it.
      if problem.problem == "found unknown escape character" || problem.problem == "did not find URI escaped octet" {
        offset += 1
      }
      // libyaml has several messages for a misplaced tab; PyYAML stops at it with one.
      if kind == .scanner, offset < source.scalars.count, source.scalars[offset] == "\t" {
        return scannerRuleError(PyYAMLScannerRules.betweenTokens(offset))
      }
      at = source.mark(scalarOffset: offset)
    }
    var contextMark: SourceMark?
    if let line = problem.contextLine, let column = problem.contextColumn {
      contextMark = source.mark(scalarOffset: offset(line, column))
    }
    return error(
      kind, problem.problem, at: at, context: problem.context, contextMark: contextMark,
      hint: YAMLError.hint(forLibYAMLProblem: problem.problem))
  }
}
