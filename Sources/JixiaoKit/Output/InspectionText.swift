/// What `jixiao inspect` prints: per sheet, the table found, which cell fed each
/// canonical field through which alias, and the labels no alias matched — what a user
/// needs to write a mapping for a new province's wording.
public enum InspectionText {
  public static func render(_ result: FileResult, mapping: Mapping) -> String {
    var out = "文件：\(result.file)\n映射：\(mapping.name)\n"
    var reports = result.reports.makeIterator()
    for sheet in result.sheets {
      out += "\n== 工作表「\(sheet.sheet)」 ==\n"
      switch sheet.kind {
      case .skipped(let reason):
        out += "已跳过：\(reason)\n"
      case .noTable:
        out += "没有找到绩效自评表（没有找到指标表头）\n"
      case .notSelfEvaluation(let reason):
        out += "不是自评表：\(reason)\n"
      case .table(let trace):
        guard let report = reports.next() else { continue }
        out += "找到\(report.kind == .project ? "项目支出" : "部门整体支出")绩效自评表，范围 \(report.source.range)，"
        out += "\(report.indicators.count) 个指标，\(report.funds.count) 行资金\n\n"
        out += table(
          ["标准字段", "标签单元格", "标签", "匹配的别名", "取值单元格", "值"],
          trace.matches.map { match in
            [match.field, match.labelCell ?? "", match.label.map(oneLine) ?? "", match.alias ?? "", match.valueCell ?? "",
             match.value.map(oneLine) ?? ""]
          })
        if trace.unmapped.isEmpty {
          out += "\n未映射的标签：无\n"
        } else {
          out += "\n未映射的标签（可在映射文件中为它们添加别名）：\n"
          out += table(
            ["单元格", "文本", "位置"],
            trace.unmapped.map { [$0.cell, oneLine($0.text), areaName($0.area)] })
        }
      }
    }
    let issues = result.issues.filter { $0.code == "missing-field" || $0.code == "no-table" || $0.code == "file-unreadable" }
    if !issues.isEmpty {
      out += "\n问题：\n"
      for issue in issues { out += "  [\(issue.code)] \(issue.sheet.map { "「\($0)」" } ?? "")\(issue.message)\n" }
    }
    return out
  }

  private static func areaName(_ area: String) -> String {
    switch area {
    case "indicator-header": "指标表头"
    case "funds-header": "资金表头"
    case "header-block": "表头信息"
    default: area
    }
  }

  private static func oneLine(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).joined(separator: "⏎")
  }

  /// Columns padded by display width (CJK characters count two).
  static func table(_ headers: [String], _ rows: [[String]]) -> String {
    let all = [headers] + rows
    var widths = [Int](repeating: 0, count: headers.count)
    for row in all {
      for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], width(cell)) }
    }
    var out = ""
    for (position, row) in all.enumerated() {
      var line = ""
      for (index, cell) in row.enumerated() {
        let padding = index == row.count - 1 ? 0 : widths[index] - width(cell) + 2
        line += cell + String(repeating: " ", count: max(padding, 0))
      }
      out += line + "\n"
      if position == 0 {
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
      }
    }
    return out
  }

  static func width(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { total, scalar in
      let value = scalar.value
      let wide = (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
        || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
        || (0xFFE0...0xFFE6).contains(value) || (0x20000...0x3FFFD).contains(value)
      return total + (wide ? 2 : 1)
    }
  }
}
