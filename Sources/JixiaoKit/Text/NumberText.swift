import Foundation

/// Numbers as people read them, the one place jixiao turns a number into text for
/// people (messages, summaries, workbook cells, values read from number cells).
public enum NumberText {
  /// The shortest form to 15 significant digits, as Excel shows a number: `95` for 95.0,
  /// `0.95`, `-3`, `2.5e+20`, `0.3` for 0.30000000000000004. Safe for any double (no
  /// integer conversion overflows): non-finite values print as `inf` / `nan`.
  public static func shortest(_ number: Double) -> String {
    if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
    // Swift's shortest round-trip form is %.15g's text whenever it has at most 15
    // significant digits and no exponent (a double within half an ulp of a 15-digit
    // decimal rounds to it); String(format:) costs microseconds, so it is the fallback.
    if abs(number) >= 1e-4, abs(number) < 1e15 {
      let text = number.description
      if !text.utf8.contains(UInt8(ascii: "e")), significantDigits(text) <= 15 { return text }
    }
    return String(format: "%.15g", number)
  }

  /// Digits of a plain decimal text, without leading zeros (`0.0125` → 3).
  private static func significantDigits(_ text: String) -> Int {
    var count = 0
    var leading = true
    for byte in text.utf8 where byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
      if leading, byte == UInt8(ascii: "0") { continue }
      leading = false
      count += 1
    }
    return count
  }

  /// Rounded to `places` decimals first (for messages: `4.9`, `0.333`).
  public static func rounded(_ number: Double, places: Int = 3) -> String {
    guard number.isFinite, abs(number) < 1e15 else { return shortest(number) }
    let scale = pow(10, Double(places))
    return shortest((number * scale).rounded() / scale)
  }
}
