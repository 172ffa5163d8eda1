/// A cell position. Rows and columns are 0-based in code; ``description`` gives the
/// 1-based A1 form people see (`row: 0, column: 0` is `A1`).
public struct CellReference: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// 0-based row (0…1,048,575).
  public var row: Int
  /// 0-based column (0…16,383).
  public var column: Int

  /// Excel's grid: 1,048,576 rows × 16,384 columns (A1:XFD1048576).
  public static let maxRows = 1_048_576
  public static let maxColumns = 16_384

  public init(row: Int, column: Int) {
    self.row = row
    self.column = column
  }

  /// Parses `B7`, `$B$7` or `xfd1048576`; nil when it is not a reference inside Excel's grid.
  public init?(_ text: some StringProtocol) {
    guard let parsed = Array(text.utf8).withUnsafeBufferPointer({ Self.parse($0) }) else { return nil }
    self = parsed
  }

  /// Parses A1 bytes without making a `String`.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> CellReference? {
    var index = 0
    var column = 0
    if index < bytes.count, bytes[index] == UInt8(ascii: "$") { index += 1 }
    let letterStart = index
    while index < bytes.count {
      let byte = bytes[index] | 0x20  // fold to lower case
      guard byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") else { break }
      column = column * 26 + Int(byte - UInt8(ascii: "a")) + 1
      if column > maxColumns { return nil }
      index += 1
    }
    guard index > letterStart else { return nil }
    if index < bytes.count, bytes[index] == UInt8(ascii: "$") { index += 1 }
    let digitStart = index
    var row = 0
    while index < bytes.count {
      let digit = bytes[index] &- UInt8(ascii: "0")
      guard digit < 10 else { return nil }
      row = row * 10 + Int(digit)
      if row > maxRows { return nil }
      index += 1
    }
    guard index > digitStart, row >= 1 else { return nil }
    return CellReference(row: row - 1, column: column - 1)
  }

  /// The column letters of a 0-based column: 0 → `A`, 26 → `AA`.
  public static func columnName(_ column: Int) -> String {
    var letters: [UInt8] = []
    var remaining = column + 1
    while remaining > 0 {
      let digit = (remaining - 1) % 26
      letters.append(UInt8(ascii: "A") + UInt8(digit))
      remaining = (remaining - 1) / 26
    }
    return String(decoding: letters.reversed(), as: UTF8.self)
  }

  /// The 1-based A1 form, `B7`.
  public var description: String {
    // Built from bytes on the stack: interpolation costs more than the rest of a lookup here.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.maxA1Length) { buffer in
      String(decoding: buffer[..<writeA1(into: buffer)], as: UTF8.self)
    }
  }

  /// Calls `body` with the A1 form as UTF-8, without making a string. (Not generic: a
  /// generic function called from another module instantiates its metadata per call.)
  public func withA1Bytes(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.maxA1Length) { buffer in
      body(UnsafeBufferPointer(rebasing: buffer[..<writeA1(into: buffer)]))
    }
  }

  /// The most bytes an A1 form takes (``writeA1(into:)``).
  public static let maxA1Length = 16

  /// Writes the A1 form at the start of `buffer`, which must hold ``maxA1Length`` bytes,
  /// and returns its length.
  public func writeA1(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
    precondition(buffer.count >= Self.maxA1Length, "an A1 buffer holds \(Self.maxA1Length) bytes")
    var count = 0
    var remaining = column + 1
    while remaining > 0, count < 8 {
      buffer[count] = UInt8(ascii: "A") + UInt8((remaining - 1) % 26)
      remaining = (remaining - 1) / 26
      count += 1
    }
    Self.reverse(buffer, 0..<count)
    let letters = count
    var number = row + 1
    repeat {
      buffer[count] = UInt8(ascii: "0") + UInt8(number % 10)
      number /= 10
      count += 1
    } while number > 0 && count < 16
    Self.reverse(buffer, letters..<count)
    return count
  }

  private static func reverse(_ buffer: UnsafeMutableBufferPointer<UInt8>, _ range: Range<Int>) {
    var low = range.lowerBound
    var high = range.upperBound - 1
    while low < high {
      buffer.swapAt(low, high)
      low += 1
      high -= 1
    }
  }

  /// Row-major order.
  public static func < (lhs: CellReference, rhs: CellReference) -> Bool {
    (lhs.row, lhs.column) < (rhs.row, rhs.column)
  }
}

/// A rectangular block of cells, such as a merged range `A1:B2`.
public struct CellRange: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Top-left cell.
  public var first: CellReference
  /// Bottom-right cell.
  public var last: CellReference

  public init(first: CellReference, last: CellReference) {
    self.first = CellReference(row: min(first.row, last.row), column: min(first.column, last.column))
    self.last = CellReference(row: max(first.row, last.row), column: max(first.column, last.column))
  }

  /// Parses `A1:B2` (or a single cell `A1`).
  public init?(_ text: some StringProtocol) {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 1 || parts.count == 2, let first = CellReference(parts[0]),
      let last = CellReference(parts[parts.count - 1])
    else { return nil }
    self.init(first: first, last: last)
  }

  public func contains(_ cell: CellReference) -> Bool {
    (first.row...last.row).contains(cell.row) && (first.column...last.column).contains(cell.column)
  }

  public var rowCount: Int { last.row - first.row + 1 }
  public var columnCount: Int { last.column - first.column + 1 }

  /// `A1:B2` (a single cell is `A6:A6`, as merged ranges are written).
  public var description: String { "\(first):\(last)" }

  /// Ordered by the top-left cell, row-major.
  public static func < (lhs: CellRange, rhs: CellRange) -> Bool {
    (lhs.first, lhs.last) < (rhs.first, rhs.last)
  }
}
