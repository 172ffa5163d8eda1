import Foundation
import Testing
import _XLSXTestSupport

@Suite("jixiao dump")
struct DumpCommandTests {
  private func makeWorkbook(in directory: URL, name: String = "自评 表.xlsx") throws -> URL {
    let bytes = TestWorkbook.zip(
      sheets: [
        ("封面", #"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>2021年度绩效自评</t></is></c></row></sheetData>"#),
        ("自评表", #"<sheetData><row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2"><v>94</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="B2:B3"/></mergeCells>"#),
      ], sharedStrings: ["<si><t>总分</t></si>"]
    ).bytes()
    let url = directory.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url
  }

  @Test func printsCellsAsTSV() throws {
    let directory = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = try makeWorkbook(in: directory)
    let result = try CLIRunner.run(["dump", file.path])
    #expect(result.status == 0)
    #expect(
      result.stdout == """
        sheet\tcell\ttype\tvalue
        封面\tA1\ts\t2021年度绩效自评
        自评表\tB2\ts\t总分
        自评表\tC2\tn\t94.0
        自评表\tB2:B3\tmerged\t

        """)
  }

  @Test func printsOneSheetAsJSONByNameOrNumber() throws {
    let directory = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = try makeWorkbook(in: directory)
    let byName = try CLIRunner.run(["dump", file.path, "--sheet", "自评表", "--format", "json"])
    let byNumber = try CLIRunner.run(["dump", file.path, "--sheet", "2", "--format", "json"])
    #expect(byName.status == 0)
    #expect(byName.stdout == byNumber.stdout)
    let json = try JSONSerialization.jsonObject(with: Data(byName.stdout.utf8)) as? [String: Any]
    let sheets = json?["sheets"] as? [[String: Any]]
    #expect(sheets?.count == 1)
    #expect(sheets?.first?["name"] as? String == "自评表")
    #expect(sheets?.first?["dimension"] as? String == "B2:C2")
    #expect(sheets?.first?["merged"] as? [String] == ["B2:B3"])
    let cells = sheets?.first?["cells"] as? [[Any]]
    #expect(cells?.count == 2)
    #expect(cells?.last?[2] as? Double == 94)
  }

  @Test func namesTheFileInEveryError() throws {
    let directory = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let text = directory.appendingPathComponent("不是表格.xlsx")
    try Data("项目名称,得分\n".utf8).write(to: text)
    let notZip = try CLIRunner.run(["dump", text.path])
    #expect(notZip.status == 2)
    #expect(notZip.stderr.contains(text.path))
    #expect(notZip.stderr.contains("[not-a-zip]"))

    let missing = try CLIRunner.run(["dump", directory.appendingPathComponent("无此文件.xlsx").path])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("无此文件.xlsx"))

    let file = try makeWorkbook(in: directory)
    let unknownSheet = try CLIRunner.run(["dump", file.path, "--sheet", "汇总"])
    #expect(unknownSheet.status == 64)
    #expect(unknownSheet.stderr.contains("「封面」、「自评表」"))
  }

  @Test func reportsTheCellOfABadValue() throws {
    let directory = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let bytes = TestWorkbook.bytes(#"<sheetData><row r="4"><c r="C4" t="s"><v>3</v></c></row></sheetData>"#, sharedStrings: [])
    let file = directory.appendingPathComponent("bad.xlsx")
    try Data(bytes).write(to: file)
    let result = try CLIRunner.run(["dump", file.path])
    #expect(result.status == 2)
    #expect(result.stderr.contains("单元格 C4"))
    #expect(result.stderr.contains("xl/worksheets/sheet1.xml"))
    #expect(result.stderr.contains("Sheet1"))
  }
}
