@testable import CloudInitSim
import Testing

/// Jinja parts, pinned to cloud-init 22.2.2 `handlers/jinja_template.py` and `templater.py`.
@Suite("Jinja user-data")
struct JinjaTemplateTests {
  static let instanceData = """
    {"v1": {"instance_id": "i-1", "local-hostname": "ip-10"},
     "ds": {"meta_data": {"placement": {"region": "us-east-1"}, "instance-type": "m5.large"}}}
    """

  func render(_ body: String) throws -> JinjaTemplate.Outcome {
    let data = try YAMLLoader().load(Self.instanceData, file: "instance-data.json").root
    return JinjaTemplate.render("## template: jinja\n" + body, filename: "part-001", variables: JinjaTemplate.variables(from: data))
  }

  // convert_jinja_instance_data: v1 keys are copied to the top level, '-' gets a '_' alias.
  @Test("variables by path, v1 keys at the top level, hyphens as underscores")
  func variables() throws {
    #expect(try render("{{ v1.instance_id }} {{ instance_id }} {{ local_hostname }} {{ ds.meta_data.instance_type }} {{ ds['meta_data']['placement'].region }}")
      == .rendered("i-1 i-1 ip-10 m5.large us-east-1", warning: nil))
  }

  // UndefinedJinjaVariable.__str__ and the warning of render_jinja_payload.
  @Test("a missing variable renders as CI_MISSING_JINJA_VAR/name with cloud-init's warning")
  func missing() throws {
    #expect(try render("a: {{ v1.nope }}") == .rendered(
      "a: CI_MISSING_JINJA_VAR/nope", warning: "Could not render jinja template variables in file 'part-001': 'nope'"))
  }

  // An attribute of an undefined value raises UndefinedError; render_jinja_payload then logs
  // "Ignoring jinja template for ..." and the part is dropped.
  @Test("going on from a missing key drops the part")
  func undefinedParent() throws {
    #expect(try render("{{ nope.x }}") == .ignored("'nope' is undefined"))
    #expect(try render("{{ v1.nope.x }}") == .ignored("'dict object' has no attribute 'nope'"))
  }

  @Test("default() applies when the variable is missing")
  func defaultFilter() throws {
    #expect(try render("{{ v1.nope | default('x') }} {{ v1.instance_id | default('x') }}") == .rendered("x i-1", warning: nil))
  }

  @Test("statements are reported, never rendered wrongly")
  func statements() throws {
    guard case .unsupported = try render("{% if v1.instance_id %}a{% endif %}") else {
      Issue.record("a statement was rendered")
      return
    }
  }

  @Test("a rendered cloud-config part merges like any other; a rendered script is written")
  func subHandlers() throws {
    let data = try YAMLLoader().load(Self.instanceData, file: "instance-data.json").root
    let config = UserDataConfigResult.process(
      Array("## template: jinja\n#cloud-config\nhostname: {{ v1.instance_id }}\n".utf8), label: "ud", version: .v22_2_2,
      instanceData: data)
    #expect(config.config?.root.canonicalJSON() == "{\n  \"hostname\": \"i-1\"\n}\n")
    let script = UserDataConfigResult.process(
      Array("## template: jinja\n#!/bin/sh\necho {{ v1.instance_id }}\n".utf8), label: "ud", version: .v22_2_2,
      instanceData: data)
    #expect(script.processed.parts.first?.writtenTo == "scripts/part-001")
  }
}
