/// A date, time or duration as Excel stores it: a serial number of days in the
/// workbook's date system. The serial is the truth; ``isoString`` is derived from it.
public struct ExcelDateTime: Hashable, Sendable, CustomStringConvertible {
  /// Days since the epoch of the date system (fraction = time of day).
  public var serial: Double
  /// True for the 1904 date system (old Mac Excel), false for 1900.
  public var uses1904: Bool
  /// True when the number format shows elapsed time (`[h]:mm:ss`).
  public var isDuration: Bool

  public init(serial: Double, uses1904: Bool = false, isDuration: Bool = false) {
    self.serial = serial
    self.uses1904 = uses1904
    self.isDuration = isDuration
  }

  /// Largest serial Excel displays as a date (9999-12-31 in the 1900 system).
  static let maxSerial = 2_958_466.0

  /// Whether `serial` can be shown as a date; negative and huge serials stay numbers.
  static func isRepresentable(_ serial: Double) -> Bool {
    serial >= 0 && serial < maxSerial
  }

  /// Calendar fields of the serial, with Excel's fictitious 1900-02-29 (serial 60)
  /// and a pure time (serial below 1) on the epoch day.
  public var components: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int) {
    // Serials beyond Excel's range (the reader never makes such dates, a caller might)
    // are clamped so that the arithmetic below cannot overflow.
    let bounded = serial.isFinite ? min(max(serial, -1e9), 1e9) : 0
    let totalMilliseconds = Int64((bounded * 86_400_000).rounded())
    var day = Int(totalMilliseconds / 86_400_000)
    var rest = Int(totalMilliseconds % 86_400_000)
    if rest < 0 {
      rest += 86_400_000
      day -= 1
    }
    let date: (year: Int, month: Int, day: Int)
    if uses1904 {
      date = Self.civil(fromUnixDays: Self.unixDays1904 + day)
    } else if day == 60 {
      date = (1900, 2, 29)
    } else if day >= 1 && day < 60 {
      date = Self.civil(fromUnixDays: Self.unixDays1899_12_31 + day)
    } else {
      date = Self.civil(fromUnixDays: Self.unixDays1899_12_30 + day)
    }
    return (
      date.year, date.month, date.day, rest / 3_600_000, rest / 60_000 % 60, rest / 1000 % 60,
      rest % 1000
    )
  }

  /// `YYYY-MM-DDTHH:MM:SS`, with `.mmm` when there are milliseconds.
  public var isoString: String {
    let parts = components
    func pad(_ value: Int, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    var text = "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))"
    text += "T\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2))"
    if parts.millisecond != 0 { text += ".\(pad(parts.millisecond, 3))" }
    return text
  }

  public var description: String { isoString }

  /// Parses an ISO 8601 `t="d"` value (`2021-01-01`, `2021-01-01T08:30:00.5`, `08:30:00`,
  /// with an optional `Z`) into a serial of the given date system.
  public init?(iso text: String, uses1904: Bool) {
    var scanner = Substring(text)
    var days = 0
    var seconds = 0.0
    var hasDate = false
    if let dash = scanner.firstIndex(of: "-"), dash != scanner.startIndex {
      let datePart = scanner.prefix { $0 != "T" && $0 != " " }
      let fields = datePart.split(separator: "-", omittingEmptySubsequences: false)
      guard fields.count == 3, let year = Int(fields[0]), (0...9999).contains(year), let month = Int(fields[1]),
        let day = Int(fields[2]), (1...12).contains(month), (1...31).contains(day)
      else { return nil }
      days = Self.unixDays(year: year, month: month, day: day)
      hasDate = true
      scanner = scanner.dropFirst(datePart.count)
      if let first = scanner.first, first == "T" || first == " " { scanner = scanner.dropFirst() }
      _ = dash
    }
    if scanner.last == "Z" { scanner = scanner.dropLast() }
    if !scanner.isEmpty {
      let fields = scanner.split(separator: ":", omittingEmptySubsequences: false)
      guard (2...3).contains(fields.count), let hour = Int(fields[0]), let minute = Int(fields[1]),
        hour < 24, minute < 60
      else { return nil }
      let second = fields.count == 3 ? Double(fields[2]) : 0
      guard let second, second >= 0, second < 61 else { return nil }
      seconds = Double(hour * 3600 + minute * 60) + second
    } else if !hasDate {
      return nil
    }
    var serialDays: Int
    if !hasDate {
      serialDays = 0
    } else if uses1904 {
      serialDays = days - Self.unixDays1904
    } else {
      serialDays = days - Self.unixDays1899_12_30
      // Before 1900-03-01 Excel's serials are one less (its fictitious 1900-02-29).
      if serialDays < 61 { serialDays -= 1 }
    }
    self.init(serial: Double(serialDays) + seconds / 86_400, uses1904: uses1904)
  }

  // MARK: - Civil calendar (proleptic Gregorian), after Howard Hinnant's algorithms

  static let unixDays1899_12_30 = -25_569
  static let unixDays1899_12_31 = -25_568
  static let unixDays1904 = -24_107

  static func unixDays(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  static func civil(fromUnixDays days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }
}
