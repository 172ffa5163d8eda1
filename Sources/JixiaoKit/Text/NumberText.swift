import Foundation
import OrderedJSON

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
      if let text = shortDecimal(number) { return text }
      let text = number.description
      if !text.utf8.contains(UInt8(ascii: "e")), significantDigits(text.utf8) <= 15 { return text }
    }
    return String(format: "%.15g", number)
  }

  /// The shortest round-trip form of a number in 1e-4 ..< 1e15 that has a fraction, as
  /// ``ByteStorage/writeShortDecimal(_:at:)`` writes it (what `description` gives, at a
  /// fraction of the cost), when it has at most 15 significant digits; nil otherwise.
  private static func shortDecimal(_ number: Double) -> String? {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer -> String? in
      guard let start = buffer.baseAddress, let length = ByteStorage.writeShortDecimal(number, at: start) else {
        return nil
      }
      let text = UnsafeBufferPointer(rebasing: buffer[..<length])
      return significantDigits(text) <= 15 ? String(decoding: text, as: UTF8.self) : nil
    }
  }

  /// Digits of a plain decimal text (UTF-8), without leading zeros (`0.0125` → 3).
  private static func significantDigits(_ text: some Sequence<UInt8>) -> Int {
    var count = 0
    var leading = true
    for byte in text where byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
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
