import BigInt

/// The identity of a dict key under Python's `==` and `hash`: numbers compare by value across
/// bool, int and float; strings by code points (not Swift's canonical equivalence); aware
/// datetimes by their UTC instant; NaN only by object identity.
enum PythonKey: Hashable {
  case none
  case integer(BigInt)
  case fraction(Double)
  case identity(ObjectIdentifier)
  case sharedNaN
  case string(CodePoints)
  case bytes([UInt8])
  case date(year: Int, month: Int, day: Int)
  case naiveDateTime([Int])
  case awareDateTime(utcMicroseconds: Int64)

  /// A string compared by Unicode scalars, as Python compares `str`.
  struct CodePoints: Hashable {
    let scalars: [UInt32]
    init(_ string: String) { scalars = string.unicodeScalars.map(\.value) }
  }

  /// The key of a scalar value, or nil when only identity can tell (NaN) or it is unhashable.
  init?(_ value: YAMLValue) {
    switch value {
    case .null: self = .none
    case .bool(let flag): self = .integer(flag ? 1 : 0)
    case .int(let number): self = .integer(number)
    case .float(let number):
      if number.isNaN { return nil }
      if number.isFinite, number == number.rounded(.towardZero), let exact = BigInt(exactly: number) {
        self = .integer(exact)
      } else {
        self = .fraction(number)
      }
    case .string(let text): self = .string(CodePoints(text))
    case .binary(let bytes): self = .bytes(bytes)
    case .timestamp(let stamp):
      guard let time = stamp.time else {
        self = .date(year: stamp.year, month: stamp.month, day: stamp.day)
        return
      }
      guard let offset = time.utcOffsetMinutes else {
        self = .naiveDateTime([stamp.year, stamp.month, stamp.day, time.hour, time.minute, time.second, time.microsecond])
        return
      }
      let days = Int64(Self.daysFromCivil(year: stamp.year, month: stamp.month, day: stamp.day))
      let seconds = ((days * 24 + Int64(time.hour)) * 60 + Int64(time.minute) - Int64(offset)) * 60 + Int64(time.second)
      self = .awareDateTime(utcMicroseconds: seconds * 1_000_000 + Int64(time.microsecond))
    case .sequence, .mapping, .set:
      return nil
    }
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }
}
