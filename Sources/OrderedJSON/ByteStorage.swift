/// Growth of the raw byte buffers that jixiao's writers and reader fill byte by byte
/// (`JSONStreamWriter`, the XML emitter, the reader's text buffer): one place for the
/// doubling that keeps appending amortised constant, and for writing integers into them.
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
}
