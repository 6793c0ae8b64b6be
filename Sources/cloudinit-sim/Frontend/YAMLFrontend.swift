import CloudInitSim

/// Runs `yaml`: reads the file, loads it as cloud-init would, and prints it in one format.
struct YAMLFrontend {
  var file: String
  var format: YAMLOutputFormat
  var explain: Bool

  func run() throws {
    let name = InputFile.displayName(file)
    let output = Terminal.standardOutput
    let errors = Terminal.standardError
    let document: YAMLDocument
    do {
      let bytes = try InputFile.read(file)
      document = try YAMLLoader().load(bytes, file: name)
    } catch let failure as FrontendFailure {
      errors.write("cloudinit-sim: \(failure.message)\n")
      Terminal.exit(failure.status)
    } catch let error as YAMLError {
      errors.write(DiagnosticRenderer(terminal: errors).render(error))
      Terminal.exit(ExitStatus.invalidInput)
    }
    for warning in document.warnings {
      errors.write(DiagnosticRenderer(terminal: errors).render(warning))
    }
    switch format {
    case .text:
      output.write(TypedTreeRenderer(terminal: output).render(document))
    case .json:
      output.write(explain ? explainedJSON(document) : document.root.canonicalJSON())
    case .yaml:
      do {
        output.write(try YAMLEmitter.emit(document.root))
      } catch {
        errors.write("cloudinit-sim: cannot write YAML: \(error.problem)\n")
        Terminal.exit(ExitStatus.invalidInput)
      }
      if explain {
        output.write(document.yaml12Differences.map { "# \($0.mark): \($0.explanation)\n" }.joined())
      }
    }
  }

  /// `{"value": ..., "yaml12_differences": [...]}`, the value in its canonical JSON form.
  private func explainedJSON(_ document: YAMLDocument) -> String {
    let value = document.root.canonicalJSON().dropLast().replacingOccurrences("\n", "\n  ")
    let differences = document.yaml12Differences.map { difference in
      """
          {
            "line": \(difference.mark.line),
            "column": \(difference.mark.column),
            "text": \(jsonString(difference.text)),
            "explanation": \(jsonString(difference.explanation))
          }
      """
    }
    let list = differences.isEmpty ? "[]" : "[\n" + differences.joined(separator: ",\n") + "\n  ]"
    return "{\n  \"value\": \(value),\n  \"yaml12_differences\": \(list)\n}\n"
  }

  private func jsonString(_ text: String) -> String {
    YAMLValue.jsonQuoted(text)
  }
}

extension StringProtocol {
  fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
