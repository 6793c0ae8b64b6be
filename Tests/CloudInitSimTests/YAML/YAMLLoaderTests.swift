import BigInt
@testable import CloudInitSim
import Testing

/// Behaviours of the loader beyond plain values: marks, warnings, limits and typed errors.
@Suite("YAML loader")
struct YAMLLoaderTests {
  func load(_ text: String, limits: YAMLLimits = YAMLLimits()) throws(YAMLError) -> YAMLDocument {
    try YAMLLoader(limits: limits).load(text, file: "test.yaml")
  }

  func error(_ text: String, limits: YAMLLimits = YAMLLimits()) -> YAMLError? {
    do {
      _ = try load(text, limits: limits)
      return nil
    } catch {
      return error
    }
  }

  // PyYAML: BaseConstructor.construct_mapping assigns `mapping[key] = value` in order, so the
  // last value wins at the first key's position (corpus 275-*); cloud-init says nothing.
  @Test("a duplicate key keeps the last value and warns with both places")
  func duplicateKeyWarning() throws {
    let document = try load("packages: [a]\nruncmd: [x]\npackages: [b]\n")
    guard case .mapping(let mapping) = document.root.value else {
      Issue.record("not a mapping")
      return
    }
    #expect(mapping.entries.map(\.key.value) == [.string("packages"), .string("runcmd")])
    #expect(mapping["packages"]?.value == .sequence([YAMLNode(.string("b"), mark: SourceMark(file: "test.yaml", line: 3, column: 12))]))
    #expect(document.warnings == [
      .duplicateKey(
        key: "packages",
        first: SourceMark(file: "test.yaml", line: 1, column: 1),
        second: SourceMark(file: "test.yaml", line: 3, column: 1)),
    ])
  }

  @Test("keys a merge brings in are overridden without a warning")
  func mergeOverrideIsNotADuplicate() throws {
    let document = try load("base: &b {a: 1, b: 2}\nnode:\n  <<: *b\n  b: 3\n")
    #expect(document.warnings.isEmpty)
    #expect(document.root.canonicalJSON().contains("\"b\": 3"))
  }

  @Test("keys equal under Python's == are duplicates (1, 1.0 and true)")
  func pythonEqualityDuplicates() throws {
    let document = try load("1: a\n1.0: b\ntrue: c\n")
    guard case .mapping(let mapping) = document.root.value else {
      Issue.record("not a mapping")
      return
    }
    #expect(mapping.entries.count == 1)
    #expect(mapping.entries.first?.key.value == .int(1))
    #expect(mapping.entries.first?.value.value == .string("c"))
    #expect(document.warnings.count == 2)
  }

  @Test("every node carries its file, line and column")
  func marks() throws {
    let document = try load("#cloud-config\nwrite_files:\n  - path: /etc/x\n    permissions: 0644\n")
    guard case .mapping(let root) = document.root.value,
          case .sequence(let files) = root["write_files"]?.value,
          case .mapping(let file) = files.first?.value,
          let permissions = file["permissions"] else {
      Issue.record("unexpected shape")
      return
    }
    #expect(permissions.value == .int(420))
    #expect(permissions.mark == SourceMark(file: "test.yaml", line: 4, column: 18))
    #expect(files.first?.mark == SourceMark(file: "test.yaml", line: 3, column: 5))
  }

  @Test("YAML 1.1 values that YAML 1.2 tools read differently are listed in source order")
  func yaml12Differences() throws {
    let document = try load("a: on\nb: \"yes\"\nc: 0644\nd: 1:30\ne: 0o644\nf: 1.5\ng: yes\n")
    #expect(document.yaml12Differences.map(\.text) == ["on", "0644", "1:30", "0o644", "yes"])
    #expect(document.yaml12Differences.map(\.yaml12) == [
      .string("on"), .int(644), .string("1:30"), .int(420), .string("yes"),
    ])
    #expect(document.yaml12Differences.first?.mark.line == 1)
  }

  @Test("the billion laughs document stops at the alias expansion bound")
  func billionLaughs() throws {
    var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for level in 1...9 {
      let aliases = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
      text += "a\(level): &a\(level) [\(aliases)]\n"
    }
    let failure = try #require(error(text))
    #expect(failure.kind == .limit)
    #expect(failure.problem.contains("aliases expand"))
  }

  @Test("aliases within the bound expand normally; the bound counts what aliases add")
  func aliasesWithinBound() throws {
    // Each `*x` adds 3 nodes (the list and its two items).
    let document = try load("a: &x [1, 2]\nb: *x\n", limits: YAMLLimits(maxExpandedNodes: 3))
    #expect(document.root.canonicalJSON() == "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": [\n    1,\n    2\n  ]\n}\n")
    #expect(error("a: &x [1, 2]\nb: *x\nc: *x\n", limits: YAMLLimits(maxExpandedNodes: 5))?.kind == .limit)
    #expect(error("a: &x [1, 2]\nb: *x\nc: *x\n", limits: YAMLLimits(maxExpandedNodes: 6)) == nil)
  }

  @Test("a document without aliases is never refused by the alias bound, however many nodes")
  func noAliasesNoBound() throws {
    let text = (0..<500).map { "k\($0): [\($0), x]\n" }.joined()
    #expect(error(text, limits: YAMLLimits(maxExpandedNodes: 10)) == nil)
  }

  @Test("an aliased long string weighs by its length (100 KB aliased 1,000 times is refused)")
  func longStringsWeigh() throws {
    let long = String(repeating: "x", count: 6_400)  // 1 + 100 per copy
    let twice = "a: &a \(long)\nb: [*a, *a]\n"
    #expect(error(twice, limits: YAMLLimits(maxExpandedNodes: 201))?.kind == .limit)
    #expect(error(twice, limits: YAMLLimits(maxExpandedNodes: 202)) == nil)
    let bomb = "a: &a \(String(repeating: "y", count: 100_000))\nb: [" + Array(repeating: "*a", count: 1_000).joined(separator: ", ") + "]\n"
    #expect(error(bomb)?.kind == .limit)
  }

  // PyYAML's construct_object remembers every node it built (constructed_objects), so a node a
  // merge key reaches twice is one object: checked with PyYAML 6.0.3 (`yaml.safe_load`).
  @Test("a merged mapping's scalars are built once: one NaN key, and each YAML 1.2 difference once")
  func mergedScalarsOnce() throws {
    let nan = try load("b: &b {!!float nan: 1}\nc: {<<: [*b, *b]}\n")
    guard case .mapping(let root) = nan.root.value, case .mapping(let c) = root["c"]?.value else {
      Issue.record("not a mapping")
      return
    }
    #expect(c.entries.count == 1)
    let differences = try load("defaults: &d {ssh_pwauth: no, mode: 0644}\nserver: {<<: *d}\n").yaml12Differences
    #expect(differences.map(\.text) == ["no", "0644"])
  }

  @Test("10,000 levels of nesting end in a limit error", arguments: [
    String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
    String(repeating: "{a: ", count: 10_000) + "1" + String(repeating: "}", count: 10_000),
    // Block sequences nest on one line ("- - - x"), so 10,000 levels stay a small file.
    String(repeating: "- ", count: 10_000) + "x\n",
  ])
  func deepNesting(_ text: String) throws {
    let failure = try #require(error(text))
    #expect(failure.kind == .limit)
    #expect(failure.problem.contains("nested deeper than 500 levels"))
  }

  @Test("invalid UTF-8 is a reader error at the offending byte")
  func invalidUTF8() throws {
    do {
      _ = try YAMLLoader().load(Array("a: b\nc: ".utf8) + [0xFF] + Array("\n".utf8), file: "bad.yaml")
      Issue.record("loaded invalid UTF-8")
    } catch {
      #expect(error.kind == .reader)
      #expect(error.mark == SourceMark(file: "bad.yaml", line: 2, column: 4))
      #expect(error.problem == "'utf-8' codec can't decode byte 0xff in position 8: invalid start byte")
    }
  }

  @Test("an empty document is null")
  func emptyDocument() throws {
    #expect(try load("").root.value == .null)
    #expect(try load("# only a comment\n").root.value == .null)
  }

  @Test("integers keep every digit")
  func bigIntegers() throws {
    let digits = "123456789012345678901234567890123456789012345678901234567890"
    #expect(try load("n: \(digits)\n").root.canonicalJSON() == "{\n  \"n\": \(digits)\n}\n")
    #expect(try load("n: 0x\(String(repeating: "F", count: 40))\n").root.canonicalJSON().contains(
      (BigInt(1) << 160 - 1).description))
  }

  // cloud-init 19.3 and 22.2.2 load YAML with `safeyaml._CustomSafeLoader`, which adds one
  // constructor to SafeLoader: `tag:yaml.org,2002:python/unicode` -> construct_scalar
  // (cloudinit/safeyaml.py at both tags). Plain safe_load refuses the tag.
  @Test("!!python/unicode is a string for cloud-init's loader, an error for safe_load")
  func pythonUnicodeTag() throws {
    let text = "a: !!python/unicode 'text'\n"
    #expect(try YAMLLoader().load(text, file: "t").root.canonicalJSON() == "{\n  \"a\": \"text\"\n}\n")
    do {
      _ = try YAMLLoader(dialect: .safeLoad).load(text, file: "t")
      Issue.record("safe_load accepted !!python/unicode")
    } catch {
      #expect(error.problem == "could not determine a constructor for the tag 'tag:yaml.org,2002:python/unicode'")
    }
  }
}
