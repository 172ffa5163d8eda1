/// Growth of the raw byte buffers that jixiao's writers and reader fill byte by byte
/// (`JSONStreamWriter`, the XML emitter, the reader's text buffer): one place for the
/// doubling that keeps appending amortised constant.
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
}
