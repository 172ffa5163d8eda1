import Foundation
import Testing

@Suite("jixiao mapping")
struct MappingCommandTests {
  /// `Mappings/default.yaml`, found from this file's place in the repository.
  private static let defaultFile = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Mappings/default.yaml")

  @Test func printDefaultPrintsTheFileExactly() throws {
    let result = try CLIRunner.run(["mapping", "print-default"])
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    #expect(Data(result.stdout.utf8) == (try Data(contentsOf: Self.defaultFile)))
  }

  @Test func checkAcceptsAGoodFile() throws {
    let directory = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("某省.yaml")
    try Data(
      """
      version: 1
      extends: default
      name: 某省
      indicators:
        columns:
          target: [绩效目标值]
          actual: [完成情况值]
      severities:
        missing-deviation: off

      """.utf8
    ).write(to: file)
    let result = try CLIRunner.run(["mapping", "check", file.path])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("映射文件 \(file.path) 有效：名称 某省，版本 1，继承 default\n"))
    #expect(result.stdout.contains("关闭的检查：missing-deviation"))
    #expect(result.stderr.isEmpty)

    let defaults = try CLIRunner.run(["mapping", "check", Self.defaultFile.path])
    #expect(defaults.status == 0)
    #expect(defaults.stdout.contains("名称 default，版本 1，不继承（完整文件）"))
  }

  @Test func checkRejectsABadFileWithLineAndColumn() throws {
    let directory = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("bad.yaml")
    try Data("version: 1\nextends: default\nindicators:\n  colums:\n    target: [绩效目标值]\n".utf8).write(to: file)
    let result = try CLIRunner.run(["mapping", "check", file.path])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("文件 \(file.path) 第 4 行第 3 列：未知的键「colums」"))

    let missing = try CLIRunner.run(["mapping", "check", directory.appendingPathComponent("无此文件.yaml").path])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("无此文件.yaml"))
  }
}
