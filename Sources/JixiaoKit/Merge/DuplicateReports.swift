/// `duplicate-report`: the same unit, project and year in two files of one merge. Both
/// reports are kept, and each file gets an issue naming the other.
public enum DuplicateReports {
  public static func flag(_ files: inout [FileResult], mapping: Mapping) {
    var seen: [String: [(file: Int, report: Int)]] = [:]
    for (fileIndex, file) in files.enumerated() {
      for (reportIndex, report) in file.reports.enumerated() {
        guard let unit = report.unit else { continue }
        let key = [LabelText.normalize(unit), LabelText.normalize(report.project ?? ""), report.year.map(String.init) ?? ""]
          .joined(separator: "\u{1F}")
        seen[key, default: []].append((fileIndex, reportIndex))
      }
    }
    guard let severity = mapping.severity(of: "duplicate-report") else { return }
    for key in seen.keys.sorted() {
      guard let places = seen[key], Set(places.map(\.file)).count > 1 else { continue }
      for place in places {
        let report = files[place.file].reports[place.report]
        let others = places.filter { $0.file != place.file }.map { files[$0.file].file }
        let what = [report.unit, report.project, report.year.map { "\($0) 年度" }].compactMap { $0 }.joined(separator: "，")
        files[place.file].issues.append(
          ValidationIssue(
            code: "duplicate-report", severity: severity,
            message: "与 \(others.joined(separator: "、")) 重复（\(what)）：两份都已保留，请确认哪份有效",
            file: files[place.file].file, sheet: report.source.sheet, field: "unit", found: .string(files[place.file].file),
            expected: .string(others[0])))
      }
    }
  }
}
