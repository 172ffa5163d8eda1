import JixiaoKit

/// The short summary `convert` prints on stderr.
enum ConversionSummary {
  static func text(_ result: FileResult) -> String {
    var lines: [String] = []
    for report in result.reports {
      let kind = report.kind == .project ? "项目支出" : "部门整体支出"
      var line = "\(result.file)「\(report.source.sheet)」：\(kind)绩效自评表"
      if let unit = report.unit { line += "，单位 \(unit)" }
      if let project = report.project { line += "，项目 \(project)" }
      if let year = report.year { line += "，\(year) 年度" }
      line += "，\(report.indicators.count) 个指标"
      line += "，总分 填报 \(format(report.statedTotal)) / 计算 \(format(report.computedTotal))"
      if let grade = report.grade { line += "，等级 \(grade)" }
      lines.append(line)
    }
    let counts = Severity.allCases.map { severity in
      "\(severity.chineseName) \(result.issues.filter { $0.severity == severity }.count)"
    }
    lines.append("\(result.file)：问题 " + counts.joined(separator: "，"))
    for issue in result.issues where issue.severity == .error && result.reports.isEmpty {
      lines.append("  \(issue.code)：\(issue.message)")
    }
    return lines.joined(separator: "\n") + "\n"
  }


  static func format(_ number: Double?) -> String {
    number.map { NumberText.rounded($0) } ?? "—"
  }

}
