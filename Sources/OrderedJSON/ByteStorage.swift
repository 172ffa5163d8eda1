/// Growth of the raw byte buffers that jixiao's writers and reader fill byte by byte
/// (`JSONStreamWriter`, the XML emitter, the reader's text buffer): one place for the
/// doubling that keeps appending amortised constant, and for writing integers and short
/// decimals into them.
public enum ByteStorage {
  /// Moves the first `count` bytes of `storage` to a new allocation that holds at least
  /// `needed` bytes (the capacity doubled as often as it takes) and frees the old one.
  public static func grow(
    _ storage: inout UnsafeMutablePointer<UInt8>, count: Int, capacity: inout Int, toHold needed: Int
  ) {
    var newCapacity = max(capacity, 1) * 2
    while newCapacity < needed { newCapacity *= 2 }
    let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    grown.update(from: storage, count: count)
    storage.deallocate()
    storage = grown
    capacity = newCapacity
  }

  /// Writes the decimal digits of `value` (with `-` when negative) at `target`, which has
  /// room for 20 bytes; returns how many it wrote. The digits are counted first, so they
  /// go straight to their places, from the last.
  @inlinable @inline(__always)
  public static func writeDecimal(_ value: Int, at target: UnsafeMutablePointer<UInt8>) -> Int {
    var magnitude = value.magnitude
    var length = value < 0 ? 1 : 0
    var rest = magnitude
    repeat {
      length += 1
      rest /= 10
    } while rest > 0
    if value < 0 { target[0] = UInt8(ascii: "-") }
    var position = length
    repeat {
      position -= 1
      target[position] = UInt8(truncatingIfNeeded: magnitude % 10) &+ UInt8(ascii: "0")
      magnitude /= 10
    } while magnitude > 0
    return length
  }

  /// Writes `value` as a short decimal (`0.85`, `12.5`, `-1234.56`) at `target`, which has
  /// room for 32 bytes, and returns how many bytes it wrote; nil, having written nothing,
  /// when no k ≤ 15 gives one (see below). Callers bound the magnitude for their notation.
  ///
  /// The text is m / 10^k for the smallest k ≤ 15 for which m / 10^k reads back as
  /// `value`, with m below 2^50: `Double.description`'s text in its fixed range, and the
  /// shortest decimal that reads back. At a given k the decimals are more than four of
  /// `value`'s ulps apart, so at most one of them reads back as `value`, and no shorter one
  /// does (a smaller k has none); m is the rounded value × 10^k, the product being within
  /// 1/16 of the exact one, itself within 1/8 of m. m and 10^k are exact doubles, so
  /// m / 10^k is correctly rounded, as parsing is.
  @inline(__always)
  public static func writeShortDecimal(_ value: Double, at target: UnsafeMutablePointer<UInt8>) -> Int? {
    let magnitude = value.magnitude
    var power = 1.0
    for fractionDigits in 1...15 {
      power *= 10
      let scaled = (magnitude * power).rounded()
      guard scaled < 0x1p50 else { return nil }
      if scaled / power == magnitude {
        return writeFixedPoint(UInt64(scaled), fractionDigits: fractionDigits, negative: value < 0, at: target)
      }
    }
    return nil
  }

  /// `digits` with a point before its last `fractionDigits` (`125`, 2 → `1.25`; `5`, 2 →
  /// `0.05`), after a `-` when `negative`, at `target`; returns the length.
  private static func writeFixedPoint(
    _ digits: UInt64, fractionDigits: Int, negative: Bool, at target: UnsafeMutablePointer<UInt8>
  ) -> Int {
    var digits = digits
    var length = 0
    var rest = digits
    repeat {
      length += 1
      rest /= 10
    } while rest > 0
    // The digits, with zeros in front when there are no more than the fraction's.
    let integerDigits = max(length - fractionDigits, 1)
    let sign = negative ? 1 : 0
    let total = sign + integerDigits + 1 + fractionDigits
    if negative { target[0] = UInt8(ascii: "-") }
    var position = total
    for _ in 0..<fractionDigits {
      position -= 1
      target[position] = UInt8(truncatingIfNeeded: digits % 10) &+ UInt8(ascii: "0")
      digits /= 10
    }
    position -= 1
    target[position] = UInt8(ascii: ".")
    repeat {
      position -= 1
      target[position] = UInt8(truncatingIfNeeded: digits % 10) &+ UInt8(ascii: "0")
      digits /= 10
    } while position > sign
    return total
  }
}
