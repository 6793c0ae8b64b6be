extension YAMLTimestamp {
  private struct Failure: Error {}

  // PyYAML's `SafeConstructor.timestamp_regexp`.
  nonisolated(unsafe) private static let pattern: Regex<AnyRegexOutput>? = try? Regex(
    #"(?<year>[0-9][0-9][0-9][0-9])-(?<month>[0-9][0-9]?)-(?<day>[0-9][0-9]?)"#
      + #"(?:(?:[Tt]|[ \t]+)(?<hour>[0-9][0-9]?):(?<minute>[0-9][0-9]):(?<second>[0-9][0-9])"#
      + #"(?:\.(?<fraction>[0-9]*))?"#
      + #"(?:[ \t]*(?<tz>Z|(?<sign>[-+])(?<tzhour>[0-9][0-9]?)(?::(?<tzminute>[0-9][0-9]))?))?)?"#
  )

  /// `SafeConstructor.construct_yaml_timestamp`, with `datetime`'s range checks.
  static func construct(_ text: String) throws(PythonConversions.Failure) -> YAMLTimestamp {
    var candidate = Substring(text)
    var match = try? pattern?.matchingSemantics(.unicodeScalar).wholeMatch(in: candidate)
    if match == nil, candidate.hasSuffix("\n") {
      candidate = candidate.dropLast()
      match = try? pattern?.matchingSemantics(.unicodeScalar).wholeMatch(in: candidate)
    }
    guard let match else {
      throw PythonConversions.Failure(type: "AttributeError", message: "'NoneType' object has no attribute 'groupdict'")
    }
    func group(_ name: String) -> Substring? {
      match.output[name]?.substring
    }
    func number(_ name: String) -> Int {
      group(name).flatMap { Int($0) } ?? 0
    }
    let year = number("year")
    let month = number("month")
    let day = number("day")
    var stamp = YAMLTimestamp(text: text, year: year, month: month, day: day, time: nil)
    guard let hourText = group("hour"), !hourText.isEmpty else {
      try checkDate(year: year, month: month, day: day)
      return stamp
    }
    var time = Time(hour: number("hour"), minute: number("minute"), second: number("second"), microsecond: 0)
    if let fraction = group("fraction"), !fraction.isEmpty {
      let six = String(fraction.prefix(6))
      time.microsecond = Int(six + String(repeating: "0", count: 6 - six.count)) ?? 0
    }
    if let sign = group("sign") {
      let minutes = number("tzhour") * 60 + number("tzminute")
      guard minutes < 24 * 60 else {
        throw PythonConversions.Failure(
          type: "ValueError",
          message: "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24)")
      }
      time.utcOffsetMinutes = sign == "-" ? -minutes : minutes
    } else if group("tz") != nil {
      time.utcOffsetMinutes = 0
    }
    // Python builds the timezone first, then checks the date, then the time of day.
    try checkDate(year: year, month: month, day: day)
    guard (0...23).contains(time.hour) else { throw valueError("hour must be in 0..23") }
    guard (0...59).contains(time.minute) else { throw valueError("minute must be in 0..59") }
    guard (0...59).contains(time.second) else { throw valueError("second must be in 0..59") }
    stamp.time = time
    return stamp
  }

  private static func valueError(_ message: String) -> PythonConversions.Failure {
    PythonConversions.Failure(type: "ValueError", message: message)
  }

  private static func checkDate(year: Int, month: Int, day: Int) throws(PythonConversions.Failure) {
    guard (1...9999).contains(year) else { throw valueError("year \(year) is out of range") }
    guard (1...12).contains(month) else { throw valueError("month must be in 1..12") }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    guard (1...lengths[month - 1]).contains(day) else { throw valueError("day is out of range for month") }
  }
}
