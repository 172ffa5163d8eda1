import Foundation
import Testing

@testable import JixiaoKit

@Suite("mapping errors")
struct MappingErrorTests {
  /// The error that loading `yaml` throws.
  private func error(_ yaml: String, file: String = "my.yaml") -> MappingError? {
    do {
      _ = try MappingLoader.load(yaml: yaml, fileName: file)
      return nil
    } catch {
      return error as? MappingError
    }
  }

  @Test func unknownKeyHasLineColumnAndAllowedKeys() throws {
    let found = try #require(
      error(
        """
        version: 1
        extends: default
        indicators:
          colums:
            target: [绩效目标值]
        """))
    #expect(found.code == .unknownKey)
    #expect(found.file == "my.yaml")
    #expect(found.line == 4)
    #expect(found.column == 3)
    #expect(found.keyPath == "indicators")
    #expect(found.message.contains("未知的键「colums」"))
    #expect(found.message.contains("blockLabels、columns、namePrefixes、placeholders、nonOperatorNatures"))
    #expect(found.message.contains("是否想写「columns」"))
    #expect(found.description.hasPrefix("文件 my.yaml 第 4 行第 3 列：未知的键「colums」，此处允许："))
    #expect(found.description.hasSuffix("（键 indicators）"))
  }

  @Test func unknownKeyInsideAList() throws {
    let found = try #require(error("version: 1\nextends: default\nindicators: {columns: {target: {add: [x]}}}\n"))
    #expect(found.code == .unknownKey)
    #expect(found.line == 3)
    #expect(found.column == 33)
    #expect(found.keyPath == "indicators.columns.target")
  }

  @Test func badRegexHasLineColumnAndReason() throws {
    let found = try #require(
      error(
        """
        version: 1
        extends: default
        header:
          project:
            - 项目名称
            - '/^项目(名称/'
        """))
    #expect(found.code == .badRegex)
    #expect(found.line == 6)
    #expect(found.column == 7)
    #expect(found.keyPath == "header.project[2]")
    #expect(found.message.contains("^项目(名称"))
    #expect(found.message.contains("expected ')'"))
  }

  @Test func regexWithFullWidthBracketsCanNeverMatch() throws {
    let found = try #require(error("version: 1\nextends: default\nfunds:\n  blockLabels: ['/^项目资金（万元）$/']\n"))
    #expect(found.code == .badRegex)
    #expect(found.line == 4)
    #expect(found.column == 17)
    #expect(found.message.contains("「（」"))
    // Inside a character class a folded character is harmless.
    #expect(error("version: 1\nextends: default\nindicators:\n  namePrefixes: ['/^指标\\d+[:：]/']\n") == nil)
  }

  @Test(arguments: [
    // A tab used for indentation.
    ("version: 1\nextends: default\nheader:\n\tproject: [x]\n", 4, 1),
    // An unclosed flow list.
    ("version: 1\nextends: default\nindicators:\n  columns:\n    target: [绩效目标值, 年度指标值\n    actual: [完成情况值]\n", 6, 11),
    // A colon and space inside unquoted text.
    ("version: 1\nextends: default\nheader:\n  project: 项目: 名称\n", 4, 14),
    // A backslash escape inside double quotes.
    ("version: 1\nextends: default\nheader:\n  project: \"/\\d/\"\n", 4, 14),
  ])
  func yamlSyntaxErrorsHaveLineAndColumn(_ yaml: String, _ line: Int, _ column: Int) throws {
    let found = try #require(error(yaml))
    #expect(found.code == .yamlSyntax)
    #expect(found.line == line)
    #expect(found.column == column)
    #expect(found.description.hasPrefix("文件 my.yaml 第 \(line) 行第 \(column) 列：YAML 语法错误："))
  }

  @Test func duplicateKey() throws {
    let found = try #require(error("version: 1\nextends: default\nseverities:\n  no-table: off\n  no-table: info\n"))
    #expect(found.code == .duplicateKey)
    #expect(found.line == 4)
    #expect(found.column == 3)
    #expect(found.message.contains("「no-table」"))
  }

  @Test func wrongVersion() throws {
    let found = try #require(error("version: 2\nextends: default\nsomething: new\n"))
    #expect(found.code == .unsupportedVersion)
    #expect(found.line == 1)
    #expect(found.column == 10)
    #expect(found.message.contains("「2」"))
  }

  @Test func missingVersion() throws {
    let found = try #require(error("extends: default\nname: 某省\n"))
    #expect(found.code == .missingVersion)
    #expect(found.line == 1)
    #expect(found.column == 1)
  }

  @Test func emptyOrNonMappingDocuments() throws {
    #expect(error("")?.code == .notAMapping)
    #expect(error("# 只有注释\n")?.code == .notAMapping)
    #expect(error("- version\n")?.code == .notAMapping)
  }

  @Test func unknownBase() throws {
    let found = try #require(error("version: 1\nextends: yunnan\n"))
    #expect(found.code == .unsupportedBase)
    #expect(found.line == 2)
    #expect(found.column == 10)
  }

  @Test func unknownIssueCode() throws {
    let found = try #require(error("version: 1\nextends: default\nseverities:\n  total-mismatc: off\n"))
    #expect(found.code == .unknownIssueCode)
    #expect(found.line == 4)
    #expect(found.column == 3)
    #expect(found.message.contains("未知的检查代码「total-mismatc」"))
    #expect(found.message.contains("是否想写「total-mismatch」"))
  }

  @Test func badSeverityWord() throws {
    let found = try #require(error("version: 1\nextends: default\nseverities: {missing-deviation: fatal}\n"))
    #expect(found.code == .badValue)
    #expect(found.keyPath == "severities.missing-deviation")
    #expect(found.column == 33)
  }

  @Test func completeFileMissingASection() throws {
    let found = try #require(error("version: 1\nname: 自建\n"))
    #expect(found.code == .missingKey)
    #expect(found.message.contains("「titles」"))
    #expect(found.message.contains("extends: default"))
  }

  @Test func wrongTypesAndValues() throws {
    let word = try #require(error("version: 1\nextends: default\ntolerances:\n  wholeScore: 半分\n"))
    #expect(word.code == .wrongType)
    #expect(word.line == 4)
    #expect(word.column == 15)
    #expect(word.keyPath == "tolerances.wholeScore")

    #expect(error("version: 1\nextends: default\ntolerances: {wholeScore: -1}\n")?.code == .badValue)
    #expect(error("version: 1\nextends: default\nindicators: {columns: {target: [[x]]}}\n")?.code == .wrongType)
    #expect(error("version: 1\nextends: default\nindicators:\n  columns:\n    target:\n")?.code == .wrongType)
    #expect(error("version: 1\nextends: default\nheader: [项目名称]\n")?.code == .wrongType)
    #expect(error("version: 1\nextends: default\nscoring: {reverseFormula: square}\n")?.code == .badValue)
    #expect(error("version: 1\nextends: default\nscoring: {partlyAchievedBand: 0.9}\n")?.code == .badValue)
    #expect(error("version: 1\nextends: default\nscoring: {lowestGrade: 不及格}\n")?.code == .badValue)
    #expect(error("version: 1\nextends: default\nnotApplicable: ['　']\n")?.code == .badValue)
  }

  @Test func crossSectionChecks() throws {
    let total = try #require(error("version: 1\nextends: default\nfunds: {totalItems: [总计]}\n"))
    #expect(total.code == .badValue)
    #expect(total.keyPath == "funds.totalItems")
    #expect(total.line == 3)
    #expect(total.column == 22)

    let group = try #require(error("version: 1\nextends: default\nweights: {groups: {产出: 40}}\n"))
    #expect(group.code == .badValue)
    #expect(group.message.contains("「产出」"))
  }

  @Test func unreadableFiles() throws {
    #expect(throws: MappingError.self) { try MappingLoader.load(path: "/nonexistent/映射.yaml") }
    do {
      _ = try MappingLoader.load(path: "/nonexistent/映射.yaml")
    } catch let error as MappingError {
      #expect(error.code == .unreadable)
      #expect(error.line == nil)
      #expect(error.description == "文件 /nonexistent/映射.yaml：无法读取映射文件（文件不存在）")
    }
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-mapping-\(UUID().uuidString).yaml")
    defer { try? FileManager.default.removeItem(at: url) }
    try Data([0x76, 0xFF, 0xFE, 0x0A]).write(to: url)
    #expect((try? MappingLoader.load(path: url.path)) == nil)
  }
}
