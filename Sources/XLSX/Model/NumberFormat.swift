/// How a number format shows a number: as a plain number, a percentage, a date/time, or
/// an elapsed duration. This is all the reader needs to know of a format to type a cell.
public enum NumberFormatKind: Sendable, Equatable {
  case number
  /// A number shown as a percentage (`0%`, `0.00%`): the cell holds the fraction.
  case percent
  case dateTime
  case duration

  /// Whether numbers in this format are dates, times or durations.
  public var isDateOrTime: Bool { self == .dateTime || self == .duration }

  /// The kind of a built-in format id with no `<numFmt>` of its own, including the
  /// CJK built-ins (27–36 and 50–58: `yyyy"年"m"月"d"日"`, `上午/下午h"时"mm"分"` …)
  /// that Chinese Excel and WPS write without defining them.
  public init(builtInID id: Int) {
    switch id {
    case 46: self = .duration
    case 14...22, 27...36, 45, 47, 50...58: self = .dateTime
    case 9, 10: self = .percent
    default: self = .number
    }
  }

  /// The kind of a format code, read the way Excel reads it: quoted text, escaped and
  /// padding characters and bracketed sections (`[Red]`, `[$-804]`, `[DBNum1]`) are
  /// skipped; `[h]`, `[mm]`, `[ss]` mean a duration; d, m, y, h, s or AM/PM outside
  /// them mean a date or time. Case does not matter.
  public init(code: String) {
    let bytes = Array(code.utf8)
    var index = 0
    var sawDatePart = false
    var sawElapsed = false
    var sawPercent = false
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""):
        index += 1
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") { index += 1 }
      case UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "*"):
        index += 1  // the next character is literal, padding or fill
      case UInt8(ascii: "["):
        let start = index + 1
        while index < bytes.count, bytes[index] != UInt8(ascii: "]") { index += 1 }
        let inside = bytes[start..<min(index, bytes.count)].map { $0 | 0x20 }
        if let first = inside.first, [UInt8(ascii: "h"), UInt8(ascii: "m"), UInt8(ascii: "s")].contains(first),
          inside.allSatisfy({ $0 == first })
        {
          sawElapsed = true
        }
      default:
        let lower = byte | 0x20
        if lower == UInt8(ascii: "g"), Self.matches(bytes, at: index, "general") {
          index += 6
        } else if lower == UInt8(ascii: "a"),
          Self.matches(bytes, at: index, "am/pm") || Self.matches(bytes, at: index, "a/p")
        {
          sawDatePart = true
        } else if byte == UInt8(ascii: "%") {
          sawPercent = true
        } else if byte < 0x80,
          [UInt8(ascii: "d"), UInt8(ascii: "m"), UInt8(ascii: "y"), UInt8(ascii: "h"), UInt8(ascii: "s")]
            .contains(lower)
        {
          sawDatePart = true
        }
      }
      index += 1
    }
    self = sawElapsed ? .duration : sawDatePart ? .dateTime : sawPercent ? .percent : .number
  }

  private static func matches(_ bytes: [UInt8], at index: Int, _ word: StaticString) -> Bool {
    let count = word.utf8CodeUnitCount
    guard index + count <= bytes.count else { return false }
    for offset in 0..<count where bytes[index + offset] | 0x20 != word.utf8Start[offset] | 0x20 {
      return false
    }
    return true
  }
}
