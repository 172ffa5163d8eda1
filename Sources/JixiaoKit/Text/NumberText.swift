import Foundation

/// Numbers as people read them, the one place jixiao turns a number into text for
/// people (messages, summaries, workbook cells, values read from number cells).
public enum NumberText {
  /// The shortest form to 15 significant digits, as Excel shows a number: `95` for 95.0,
  /// `0.95`, `-3`, `2.5e+20`, `0.3` for 0.30000000000000004. Safe for any double (no
  /// integer conversion overflows): non-finite values print as `inf` / `nan`.
  public static func shortest(_ number: Double) -> String {
    if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
    return String(format: "%.15g", number)
  }

  /// Rounded to `places` decimals first (for messages: `4.9`, `0.333`).
  public static func rounded(_ number: Double, places: Int = 3) -> String {
    guard number.isFinite, abs(number) < 1e15 else { return shortest(number) }
    let scale = pow(10, Double(places))
    return shortest((number * scale).rounded() / scale)
  }
}
