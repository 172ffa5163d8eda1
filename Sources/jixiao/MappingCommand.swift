import ArgumentParser
import JixiaoKit

/// `jixiao mapping print-default` and `jixiao mapping check FILE`.
struct MappingCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mapping",
    abstract: "查看默认映射文件，或检查一个映射文件。",
    subcommands: [PrintDefault.self, Check.self]
  )

  /// Prints `Mappings/default.yaml` exactly as built into the tool.
  struct PrintDefault: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "print-default",
      abstract: "原样输出内置的默认映射文件（Mappings/default.yaml），可作为编写本地映射的参考。"
    )

    func run() throws {
      StandardOutput.write(MappingLoader.defaultYAML)
      StandardOutput.flush()
    }
  }

  /// Loads one mapping file and reports whether it is valid.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: "检查映射文件：有效则输出摘要（退出码 0），否则输出错误及行号列号（退出码 2）。"
    )

    @Argument(help: "要检查的映射文件（.yaml）。")
    var file: String

    func run() throws {
      let mapping: Mapping
      do {
        mapping = try MappingLoader.load(path: file)
      } catch let error as MappingError {
        StandardError.write("jixiao: \(error)\n")
        throw ExitCode(2)
      }
      StandardOutput.write(Self.summary(of: mapping, file: file))
      StandardOutput.flush()
    }

    static func summary(of mapping: Mapping, file: String) -> String {
      let base = mapping.extends.map { "继承 \($0)" } ?? "不继承（完整文件）"
      var lines = ["映射文件 \(file) 有效：名称 \(mapping.name)，版本 \(mapping.version)，\(base)"]
      lines.append("  SHA-256：\(mapping.sha256)")

      func count(_ sets: [AliasSet]) -> String {
        let exact = sets.reduce(0) { $0 + $1.exact.count }
        let patterns = sets.reduce(0) { $0 + $1.patterns.count }
        return "\(exact) 个精确、\(patterns) 个正则"
      }
      lines.append("  表头字段别名：\(count(Array(mapping.header.values)))")
      let rows = mapping.funds.itemOrder.joined(separator: "、")
      lines.append("  资金列别名：\(count(Array(mapping.funds.columns.values)))；资金行：\(rows)")
      lines.append("  指标列别名：\(count(Array(mapping.indicators.columns.values)))")
      let categories = mapping.categories.map { category in
        category.children.isEmpty
          ? category.name : "\(category.name)（\(category.children.map(\.name).joined(separator: "、"))）"
      }
      lines.append("  指标类别：\(categories.joined(separator: "；"))")
      let groups = mapping.categories.compactMap { category in
        mapping.weights.groups[category.name].map { "\(category.name) \(format($0))" }
      }
      lines.append(
        "  默认权重：预算执行 \(format(mapping.weights.funds))，\(groups.joined(separator: "，"))，合计 \(format(mapping.weights.total))")
      let thresholds = mapping.scoring.gradeThresholds.map { "\($0.grade) ≥ \(format($0.minimum))" }
      lines.append("  等级：\(thresholds.joined(separator: "，"))，其余为\(mapping.scoring.lowestGrade)")
      let off = mapping.severities.filter { $0.value == nil }.keys.sorted()
      lines.append("  关闭的检查：\(off.isEmpty ? "无" : off.joined(separator: "、"))")
      return lines.joined(separator: "\n") + "\n"
    }

    private static func format(_ number: Double) -> String {
      NumberText.shortest(number)
    }
  }
}
