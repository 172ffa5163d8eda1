import Foundation

/// `docs/issues.md`, generated from `IssueCatalogue.entries`: an overview table, how to
/// change severities in a mapping, then one section per code. A test keeps the checked-in
/// file equal to this text (`JIXIAO_RECORD_DOCS=1` rewrites it).
public enum IssueCatalogueDocument {
  public static func markdown() -> String {
    var out = """
      # 校验问题目录

      <!-- 本文件由 IssueCatalogueDocument.markdown()（Sources/JixiaoKit/Output/IssueCatalogueDocument.swift）\
      根据 Sources/JixiaoKit/Schema/IssueCatalogue.swift 生成，请勿手工修改。修改目录后运行：
           JIXIAO_RECORD_DOCS=1 swift test --filter IssueCatalogueDocumentTests -->

      `jixiao validate`、`jixiao convert` 发现的每个问题都有一个固定的英文代码（如 `total-mismatch`）、\
      一个级别和一段中文说明，并尽量指明文件、工作表和单元格。代码不会改变，可以在脚本和汇总表中按代码筛选；\
      说明文字可能随版本改进。

      ## 级别

      | 级别 | 含义 | `jixiao validate` 的退出码 |
      |---|---|---|
      | 错误（`error`） | 数字或结论有误，需要单位改正 | 有错误时为 1 |
      | 警告（`warning`） | 可能有误或不规范，需要人工确认 | 不影响；使用 `--strict` 时按错误计 |
      | 提示（`info`） | 供参考，例如跳过的工作表 | 不影响 |

      有输入无法处理（路径不存在、文件无法读取，或直接指定的文件不是 .xlsx 工作簿）时退出码为 2。\
      级别按映射文件修改之后的级别计算（见下节）。

      ## 修改级别或关闭检查

      各地规定不同时，可以在映射文件的 `severities` 部分按代码修改级别（`error`、`warning`、`info`），\
      或写 `off` 关闭这项检查（不再报告）。未写到的代码保持默认级别。映射文件的写法见 [mapping.md](mapping.md)。

      ```yaml
      version: 1
      extends: default
      name: 某省2023
      severities:
        weights-not-100: error      # 分值合计不是 100 时按错误处理
        missing-deviation: off      # 不要求写偏差原因
      ```

      使用：`jixiao validate 自评表目录 --mapping 某省.yaml`。

      ## 一览

      | 代码 | 默认级别 | 名称 |
      |---|---|---|

      """
    for entry in IssueCatalogue.entries {
      out += "| [`\(entry.code)`](#\(entry.code)) | \(entry.severity.chineseName) | \(cell(entry.title)) |\n"
    }
    for entry in IssueCatalogue.entries {
      out += "\n<a id=\"\(entry.code)\"></a>\n\n"
      out += "### `\(entry.code)`：\(entry.title)\n\n"
      out += "默认级别：\(entry.severity.chineseName)（`\(entry.severity.rawValue)`）\n\n"
      out += "- **触发条件**：\(entry.trigger)\n"
      out += "- **示例**：\(entry.example)\n"
      out += "- **处理办法**：\(entry.fix)\n"
    }
    return out
  }


  private static func cell(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|")
  }
}
