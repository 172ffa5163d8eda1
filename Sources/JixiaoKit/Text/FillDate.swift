import XLSX

/// Dates and years as units write them: the 填报日期 of the sign-off line, the year in a
/// title.
public enum FillDate {
  /// `YYYY-MM-DD` of a date cell or of the first valid date in a text: `2021年6月15日`,
  /// `2021 年 6 月 15 日`, `2021年06月15日`, `2021-06-15`, `2021-6-15`, `2021.6.15`,
  /// `2021/6/15`, `20210615`, full-width digits, Chinese numerals (`二〇二一年六月十五日`),
  /// with any label around it (`填报日期：2021年6月15日`). Nil for numbers (a serial
  /// without a date format is not trusted), durations, invalid dates (`2021-02-30`) and
  /// texts without a full date (`2021年6月`).
  public static func isoDate(_ cell: CellValue?) -> String? {
    switch cell {
    case .date(let date)?:
      guard !date.isDuration, date.serial >= 1, date.serial < maxSerial else { return nil }
      let parts = date.components
      return iso(year: parts.year, month: parts.month, day: parts.day)
    case .string(let text)?:
      let folded = FoldedText(text)
      return digitDate(folded) ?? chineseDate(folded)
    default:
      return nil
    }
  }

  /// The evaluation year in a title or file name: a 4-digit year 1990–2100 not touching
  /// other digits, preferring one followed by `年度` (`2021年度项目支出绩效自评表`,
  /// `（2022年度）`, `2020 年度`), then one followed by `年` (`（2021年）`), then any.
  public static func year(in text: String) -> Int? {
    let folded = FoldedText(text)
    let scalars = folded.scalars
    var best: (rank: Int, year: Int)?
    var index = 0
    while index < scalars.count {
      guard FoldedText.isDigit(scalars[index]) else {
        index += 1
        continue
      }
      let start = index
      var value = 0
      while index < scalars.count, FoldedText.isDigit(scalars[index]) {
        if index - start < 5 { value = value * 10 + Int(scalars[index].value - 0x30) }
        index += 1
      }
      guard index - start == 4, (1990...2100).contains(value) else { continue }
      let after = folded.skipSpaces(index)
      let rank =
        folded.match(["年", "度"], at: after) != nil ? 0 : folded.match(["年"], at: after) != nil ? 1 : 2
      if rank < (best?.rank ?? 3) { best = (rank, value) }
      if rank == 0 { break }
    }
    return best?.year
  }

  /// `YYYY-MM-DD` of a date cell, with the time (`THH:MM:SS`) only when it has one.
  static func isoText(_ date: ExcelDateTime) -> String {
    guard date.serial.isFinite, date.serial >= 0, date.serial < maxSerial else { return "\(date.serial)" }
    let parts = date.components
    if date.isDuration || date.serial < 1 || parts.hour != 0 || parts.minute != 0 || parts.second != 0
      || parts.millisecond != 0
    {
      return date.isoString
    }
    return iso(year: parts.year, month: parts.month, day: parts.day) ?? date.isoString
  }

  /// Serials from 9999-12-31 on are not dates (Excel shows them as `####`).
  static let maxSerial = 2_958_466.0

  static func iso(year: Int, month: Int, day: Int) -> String? {
    guard (1...9999).contains(year), (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
    else { return nil }
    func pad(_ value: Int, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// The first `Y sep M sep D` (sep `年`/`月`, `-`, `.` or `/`, the same twice) or
  /// `YYYYMMDD` in Arabic digits that is a valid date.
  private static func digitDate(_ folded: FoldedText) -> String? {
    let scalars = folded.scalars
    /// A run of 1…limit digits at `index` not followed by another digit.
    func digits(at index: Int, limit: Int) -> (value: Int, end: Int)? {
      var end = index
      var value = 0
      while end < scalars.count, FoldedText.isDigit(scalars[end]) {
        guard end - index < limit else { return nil }
        value = value * 10 + Int(scalars[end].value - 0x30)
        end += 1
      }
      return end > index ? (value, end) : nil
    }
    var index = 0
    while index < scalars.count {
      guard FoldedText.isDigit(scalars[index]), index == 0 || !FoldedText.isDigit(scalars[index - 1]) else {
        index += 1
        continue
      }
      defer { index += 1 }
      var runEnd = index
      while runEnd < scalars.count, FoldedText.isDigit(scalars[runEnd]) { runEnd += 1 }
      if runEnd - index == 8 {
        let text = String(String.UnicodeScalarView(scalars[index..<runEnd]))
        if let number = Int(text),
          let date = iso(year: number / 10000, month: number / 100 % 100, day: number % 100),
          (1900...2100).contains(number / 10000)
        {
          return date
        }
        continue
      }
      guard runEnd - index == 4, let year = digits(at: index, limit: 4) else { continue }
      var position = folded.skipSpaces(year.end)
      guard position < scalars.count else { continue }
      let separator = scalars[position]
      let second: Unicode.Scalar
      switch separator {
      case "年": second = "月"
      case "-", ".", "/": second = separator
      default: continue
      }
      position = folded.skipSpaces(position + 1)
      guard let month = digits(at: position, limit: 2) else { continue }
      position = folded.skipSpaces(month.end)
      guard position < scalars.count, scalars[position] == second else { continue }
      position = folded.skipSpaces(position + 1)
      guard let day = digits(at: position, limit: 2) else { continue }
      if let date = iso(year: year.value, month: month.value, day: day.value) { return date }
    }
    return nil
  }

  /// `二〇二一年六月十五日`: four Chinese digits, 年, a numeral up to 十二, 月, a numeral up to 三十一.
  private static func chineseDate(_ folded: FoldedText) -> String? {
    let scalars = folded.scalars.filter { $0 != " " }
    guard scalars.count >= 8 else { return nil }
    var index = 0
    while index + 4 < scalars.count {
      defer { index += 1 }
      guard scalars[index + 4] == "年", index == 0 || chineseDigit(scalars[index - 1]) == nil else { continue }
      var year = 0
      var valid = true
      for scalar in scalars[index..<(index + 4)] {
        guard let digit = chineseDigit(scalar) else {
          valid = false
          break
        }
        year = year * 10 + digit
      }
      guard valid else { continue }
      var position = index + 5
      guard let month = chineseNumeral(scalars, &position), position < scalars.count, scalars[position] == "月"
      else { continue }
      position += 1
      guard let day = chineseNumeral(scalars, &position) else { continue }
      if let date = iso(year: year, month: month, day: day) { return date }
    }
    return nil
  }

  private static func chineseDigit(_ scalar: Unicode.Scalar) -> Int? {
    switch scalar {
    case "〇", "零", "○", "O", "0": 0
    case "一": 1
    case "二": 2
    case "三": 3
    case "四": 4
    case "五": 5
    case "六": 6
    case "七": 7
    case "八": 8
    case "九": 9
    default: nil
    }
  }

  /// A numeral below 100 written with 十 (`五`, `十`, `十二`, `二十`, `三十一`), advancing `position`.
  private static func chineseNumeral(_ scalars: [Unicode.Scalar], _ position: inout Int) -> Int? {
    var value = 0
    var tens: Int?
    var current: Int?
    var consumed = 0
    while position < scalars.count, consumed < 3 {
      let scalar = scalars[position]
      if scalar == "十" {
        guard tens == nil else { break }
        tens = (current ?? 1) * 10
        current = nil
      } else if let digit = chineseDigit(scalar), digit > 0 {
        guard current == nil else { break }
        current = digit
      } else {
        break
      }
      position += 1
      consumed += 1
    }
    guard tens != nil || current != nil else { return nil }
    value = (tens ?? 0) + (current ?? 0)
    return value
  }
}
