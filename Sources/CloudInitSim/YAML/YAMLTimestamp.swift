/// A YAML timestamp as PyYAML constructs it: a `date`, or a `datetime` (naive or with an offset).
public struct YAMLTimestamp: Sendable, Equatable, Hashable {
  /// The time of day of a `datetime`.
  public struct Time: Sendable, Equatable, Hashable {
    /// 0...23.
    public var hour: Int
    /// 0...59.
    public var minute: Int
    /// 0...59.
    public var second: Int
    /// 0...999_999 (PyYAML keeps the first six fraction digits).
    public var microsecond: Int
    /// The UTC offset in minutes, or nil for a naive datetime.
    public var utcOffsetMinutes: Int?
  }

  /// The text as written in the source.
  public var text: String
  /// The year, 1...9999.
  public var year: Int
  /// The month, 1...12.
  public var month: Int
  /// The day of the month.
  public var day: Int
  /// The time of day, nil for a date.
  public var time: Time?

  /// Python's `isoformat()` of the constructed value (`2001-12-14T21:59:43.100000-05:00`).
  public var isoFormat: String {
    var result = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    guard let time else { return result }
    result += "T\(pad(time.hour, 2)):\(pad(time.minute, 2)):\(pad(time.second, 2))"
    if time.microsecond != 0 {
      result += "." + pad(time.microsecond, 6)
    }
    if let offset = time.utcOffsetMinutes {
      let sign = offset < 0 ? "-" : "+"
      result += "\(sign)\(pad(abs(offset) / 60, 2)):\(pad(abs(offset) % 60, 2))"
    }
    return result
  }

  private func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
