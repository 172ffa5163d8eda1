import Foundation

/// `duplicate-report`: the same unit, project and year in two files of one merge. Both
/// reports are kept, and each file gets an issue naming the other.
public enum DuplicateReports {
  public static func flag(_ files: inout [FileResult], mapping: Mapping) {
    // Reports are grouped by their key's bytes in NFC (what `String` equality compares),
    // which hashes far faster than the `String`: this runs once over every report of a
    // merge, after the conversions, with the other cores idle.
    // (Reports are read in place: a copy of one would retain every text it holds.)
    var groups: [ByteKey: (key: String, places: [(file: Int, report: Int)])] = [:]
    groups.reserveCapacity(files.count)
    for fileIndex in files.indices {
      for reportIndex in files[fileIndex].reports.indices {
        guard
          let key = key(
            unit: files[fileIndex].reports[reportIndex].unit, project: files[fileIndex].reports[reportIndex].project,
            year: files[fileIndex].reports[reportIndex].year)
        else { continue }
        groups[ByteKey(canonical(key)), default: (key, [])].places.append((fileIndex, reportIndex))
      }
    }
    guard let severity = mapping.severity(of: "duplicate-report") else { return }
    let duplicated = groups.values.filter { group in
      group.places.contains { $0.file != group.places[0].file }
    }
    for (_, places) in duplicated.sorted(by: { $0.key < $1.key }) {
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

  /// A report's unit, project and year in ``LabelText`` normal form; nil for a report
  /// without a unit.
  static func key(unit: String?, project: String?, year: Int?) -> String? {
    guard let unit else { return nil }
    var key = LabelText.normalize(unit)
    key += "\u{1F}"
    key += LabelText.normalize(project ?? "")
    key += "\u{1F}"
    if let year { key += String(year) }
    return key
  }

  /// `text` in Unicode normal form C, so that equal bytes mean equal `String`s. Text of
  /// printable ASCII and CJK ideographs (U+4000–U+9FFF: nothing there decomposes or
  /// combines) is in NFC already and is returned as it is.
  static func canonical(_ text: String) -> String {
    let stable = ByteKey.withUTF8(text) { bytes in
      var index = 0
      while index < bytes.count {
        switch bytes[index] {
        case 0x1F, 0x20...0x7E: index += 1
        case 0xE4...0xE9: index += 3
        default: return false
        }
      }
      return true
    }
    return stable ? text : text.precomposedStringWithCanonicalMapping
  }
}
