/// What `jixiao validate` prints on a terminal: per file a heading and an aligned table
/// of its issues, then a summary by status, severity and code.
public enum ValidationText {
  public static func render(_ run: ValidationRun, strict: Bool = false) -> String {
    var out = ""
    for file in run.files {
      out += heading(file) + "\n"
      if file.status == .skipped {
        // The heading says why.
      } else if file.issues.isEmpty {
        out += "  无问题\n"
      } else {
        let rows = file.issues.map { issue in
          [issue.severity.chineseName, issue.code, issue.sheet.map(oneLine) ?? "", issue.cell ?? "", oneLine(issue.message)]
        }
        out += indented(InspectionText.table(["级别", "代码", "工作表", "单元格", "说明"], rows))
      }
      out += "\n"
    }
    out += summary(run, strict: strict)
    return out
  }

  /// `file：有错误，1 张自评表`, or `file：已跳过（reason）`.
  static func heading(_ file: ValidationRun.File) -> String {
    if file.status == .skipped {
      return "\(file.name)：\(file.status.chineseName)，\(file.skipReason ?? "")"
    }
    return "\(file.name)：\(file.status.chineseName)，\(file.reports) 张自评表"
  }

  /// The summary line, then the issues per code as a table.
  static func summary(_ run: ValidationRun, strict: Bool) -> String {
    let statuses = run.statusCounts.filter { $0.count > 0 }.map { "\($0.status.chineseName) \($0.count)" }
    let severities = run.severityCounts.map { "\($0.severity.chineseName) \($0.count)" }
    var out = "共 \(run.files.count) 个文件"
    if !statuses.isEmpty { out += "：" + statuses.joined(separator: "，") }
    out += "；问题：" + severities.joined(separator: "，") + "\n"
    let codes = run.codeCounts.sorted { a, b in
      if a.severity != b.severity { return a.severity < b.severity }
      if a.count != b.count { return a.count > b.count }
      return a.code.utf8.lexicographicallyPrecedes(b.code.utf8)
    }
    if !codes.isEmpty {
      out += "\n按代码：\n"
      out += indented(
        InspectionText.table(
          ["代码", "级别", "数量", "名称"],
          codes.map { [$0.code, $0.severity.chineseName, String($0.count), IssueCatalogue.entry($0.code)?.title ?? ""] }))
    }
    for error in run.inputErrors { out += "\n无法处理的输入：\(error.message)" }
    if !run.inputErrors.isEmpty { out += "\n" }
    if strict { out += "\n（--strict：警告也按错误计）\n" }
    return out
  }



  private static func indented(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "  " + $0 + "\n" }.joined()
  }

  private static func oneLine(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).joined(separator: "⏎")
  }
}
