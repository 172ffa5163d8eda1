import Testing
@testable import XLSX

/// Styles registered with the workbook (`WorkbookWriter.register`) write the same bytes
/// as the same `CellStyle`s given cell by cell.
@Suite("Writer: registered styles")
struct RegisteredStyleTests {
  private static let header = CellStyle(bold: true, fillColor: RGBColor(0xDDEBF7), border: CellBorder(.thin))
  private static let money = CellStyle(border: CellBorder(.thin), numberFormat: .twoDecimals)
  /// No number format: date cells get `yyyy-mm-dd` (or with the time) added.
  private static let bordered = CellStyle(border: CellBorder(.thin, color: RGBColor(0xBFBFBF)))
  private static let unused = CellStyle(fontColor: .red)

  /// Rows that use every kind of look, styles first used in an order other than their
  /// registration, styled blanks, dates with and without the style's number format.
  private func rows(_ style: (CellStyle) -> WriterCell.Look) -> [[WriterCell]] {
    func cell(_ value: CellValue, _ base: CellStyle?) -> WriterCell {
      var cell = WriterCell(value)
      if let base { cell.look = style(base) }
      return cell
    }
    let day = ExcelDateTime(year: 2024, month: 3, day: 1)!
    let moment = ExcelDateTime(year: 2024, month: 3, day: 1, hour: 12)!
    return [
      [cell(.string("单位"), Self.header), cell(.string("金额"), Self.header), cell(.string("日期"), Self.header)],
      [cell(.string("财政局"), Self.bordered), cell(.number(12.5), Self.money), cell(.date(day), Self.bordered)],
      [cell(.empty, Self.bordered), cell(.number(3), nil), cell(.date(moment), Self.bordered)],
      [cell(.string("教育局"), nil), cell(.empty, Self.money), cell(.date(day), Self.money)],
      [cell(.date(moment), nil), cell(.bool(true), Self.header), cell(.error("#N/A"), Self.bordered)],
    ]
  }

  private func workbook(_ rows: (WorkbookWriter) -> [[WriterCell]]) throws -> [UInt8] {
    let writer = try WorkbookWriter()
    let sheet = try writer.addSheet(named: "表")
    for row in rows(writer) { try sheet.appendRow(row) }
    try writer.close()
    return writer.bytes
  }

  @Test func sameBytesAsTheStylesThemselves() throws {
    let direct = try workbook { _ in rows { .style($0) } }
    let registered = try workbook { writer in
      // Registered in another order than first used, one never used, one twice.
      var ids: [CellStyle: CellStyleID] = [:]
      for style in [Self.unused, Self.money, Self.bordered, Self.header] { ids[style] = writer.register(style) }
      _ = writer.register(Self.money)
      return rows { .registered(ids[$0]!) }
    }
    #expect(registered == direct)
    let values = try WriterTestSupport.readBack(registered)["表"] ?? [:]
    #expect(values["B2"] == .number(12.5))
    #expect(values["A1"] == .string("单位"))
  }

  @Test func cellsCarryTheID() throws {
    let writer = try WorkbookWriter()
    let id = writer.register(Self.money)
    #expect(WriterCell.number(1, style: id).look == .registered(id))
    #expect(WriterCell.string("a", style: Self.money).look == .style(Self.money))
    #expect(WriterCell("a").look == .plain)
    #expect(writer.register(Self.money) != id)
  }

  @Test func anIDOfAnotherWorkbookIsRefused() throws {
    let other = try WorkbookWriter()
    let foreign = other.register(Self.money)
    let writer = try WorkbookWriter()
    let sheet = try writer.addSheet(named: "表")
    do {
      try sheet.appendRow([.string("a"), .number(1, style: foreign)])
      Issue.record("a style id of another workbook was accepted")
    } catch {
      #expect(error.code == .invalidValue)
      #expect(error.sheet == "表")
    }
    // Nothing of the refused row was written, and the sheet is still usable.
    #expect(sheet.nextRow == 0)
    try sheet.appendRow([.string("b")])
    try writer.close()
    #expect(try WriterTestSupport.readBack(writer.bytes)["表"] == ["A1": .string("b")])
  }
}
