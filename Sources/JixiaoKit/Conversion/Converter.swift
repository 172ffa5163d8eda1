import Foundation
import XLSX

/// What became of one input file. Declared in the order reports list the statuses in.
public enum FileStatus: String, Sendable, Equatable, CaseIterable {
  case ok, warnings, errors, unreadable, skipped

  /// 通过 / 有警告 / 有错误 / 无法读取 / 已跳过, as people read it.
  public var chineseName: String {
    switch self {
    case .ok: "通过"
    case .warnings: "有警告"
    case .errors: "有错误"
    case .unreadable: "无法读取"
    case .skipped: "已跳过"
    }
  }
}

/// One workbook converted: its reports, the issues found on the way, and for
/// `jixiao inspect` how each sheet was read.
public struct FileResult: Sendable {
  /// The file as named in outputs.
  public var file: String
  /// SHA-256 of the file's bytes (nil when it could not be read).
  public var sha256: String?
  public var reports: [Report]
  public var issues: [ValidationIssue]
  /// Per sheet: what was found (a table's trace, or why the sheet was skipped).
  public var sheets: [SheetOutcome]
  /// Why the file was not read (not a workbook: `.xls`, `.csv` …), for merges.
  public var skipReason: String?
  /// Where the file is on disk (absolute), for links from the consolidated workbook.
  public var path: String?

  public init(
    file: String, sha256: String?, reports: [Report], issues: [ValidationIssue], sheets: [SheetOutcome],
    skipReason: String? = nil
  ) {
    self.file = file
    self.sha256 = sha256
    self.reports = reports
    self.issues = issues
    self.sheets = sheets
    self.skipReason = skipReason
  }

  /// skipped when not read; unreadable when the file could not be opened; else ok /
  /// warnings / errors by the worst issue.
  public var status: FileStatus {
    if skipReason != nil { return .skipped }
    if issues.contains(where: { $0.code == "file-unreadable" }) { return .unreadable }
    if issues.contains(where: { $0.severity == .error }) { return .errors }
    if issues.contains(where: { $0.severity == .warning }) { return .warnings }
    return .ok
  }
}

/// How one sheet was read.
public struct SheetOutcome: Sendable {
  public enum Kind: Sendable {
    case table(Trace)
    case notSelfEvaluation(String)
    case noTable
    case skipped(String)
  }

  public var sheet: String
  public var kind: Kind
}

/// Reads workbooks into canonical reports through a mapping (`../shared/DOMAIN.md` §2–§3).
public struct Converter: Sendable {
  public let mapping: Mapping
  public let limits: ReadLimits
  /// Whether each table's ``Trace`` is recorded (for `jixiao inspect`); a merge has no
  /// use for it and is faster without.
  public let tracing: Bool
  /// Small parts already read by this converter (and its copies): the files of one
  /// template share their relationships, workbook and styles parts, which are then
  /// parsed once (``PartMemo``).
  let parts = PartMemo()

  public init(mapping: Mapping, limits: ReadLimits = ReadLimits(), tracing: Bool = true) {
    self.mapping = mapping
    self.limits = limits
    self.tracing = tracing
  }

  /// Converts the workbook at `path`; `name` is how the file is called in outputs.
  /// Never throws: an unreadable file gives a `file-unreadable` issue.
  public func convert(path: String, name: String? = nil) -> FileResult {
    let name = name ?? path
    var result: FileResult
    do {
      let workbook = try Workbook(path: path, fileName: name, limits: limits, memo: parts)
      result = convert(workbook, sha256: workbook.withFileBytes { SHA256.hexDigest($0) })
    } catch {
      // A file that is there but is not a workbook still gets its checksum.
      let digest = (try? Data(contentsOf: URL(fileURLWithPath: path))).map { SHA256.hexDigest($0) }
      result = unreadable(name, sha256: digest, message: error.description)
    }
    result.path = StandardPath.of(path)
    return result
  }

  /// Converts a workbook held in memory.
  public func convert(bytes: [UInt8], name: String) -> FileResult {
    let digest = SHA256.hexDigest(bytes)
    do {
      return convert(try Workbook(bytes: bytes, fileName: name, limits: limits, memo: parts), sha256: digest)
    } catch {
      return unreadable(name, sha256: digest, message: error.description)
    }
  }

  private func convert(_ workbook: Workbook, sha256 digest: String) -> FileResult {
    let name = workbook.fileName
    var result = FileResult(file: name, sha256: digest, reports: [], issues: [], sheets: [])
    for sheet in workbook.sheets {
      guard sheet.kind == .worksheet else {
        result.sheets.append(SheetOutcome(sheet: sheet.name, kind: .skipped("不是工作表（\(sheet.kind.rawValue)）")))
        continue
      }
      guard sheet.state == .visible else {
        result.sheets.append(SheetOutcome(sheet: sheet.name, kind: .skipped("隐藏的工作表")))
        continue
      }
      let grid: SheetGrid
      do {
        grid = try workbook.grid(of: sheet)
      } catch {
        result.issues.append(
          issue("file-unreadable", "工作表无法读取：\(error.description)", file: name, sheet: sheet.name, cell: error.cell))
        result.sheets.append(SheetOutcome(sheet: sheet.name, kind: .skipped(error.description)))
        continue
      }
      guard !grid.cells.isEmpty else {
        result.sheets.append(SheetOutcome(sheet: sheet.name, kind: .skipped("空工作表")))
        continue
      }
      let finder = TableFinder(
        grid: grid, formatKinds: workbook.numberFormatKinds, mapping: mapping, file: name, tracing: tracing)
      switch finder.find() {
      case .table(var report, let trace, let issues):
        Scoring(mapping: mapping).complete(&report)
        result.reports.append(report)
        result.issues += issues + Validator(mapping: mapping).validate(report)
        result.sheets.append(SheetOutcome(sheet: sheet.name, kind: .table(trace)))
      case .notSelfEvaluation(let reason):
        result.issues.append(issue("not-self-evaluation", "已跳过：\(reason)", file: name, sheet: sheet.name))
        result.sheets.append(SheetOutcome(sheet: sheet.name, kind: .notSelfEvaluation(reason)))
      case .noTable:
        result.issues.append(
          issue("not-self-evaluation", "已跳过：工作表中没有绩效自评表（没有找到指标表头）", file: name, sheet: sheet.name))
        result.sheets.append(SheetOutcome(sheet: sheet.name, kind: .noTable))
      }
    }
    if result.reports.isEmpty {
      result.issues.append(issue("no-table", "文件中没有找到绩效自评表", file: name))
    }
    // Checks the mapping switches off report nothing (an unreadable file always does:
    // no file may be lost silently).
    result.issues.removeAll { mapping.severity(of: $0.code) == nil && $0.code != "file-unreadable" }
    return result
  }

  private func unreadable(_ name: String, sha256: String?, message: String) -> FileResult {
    FileResult(
      file: name, sha256: sha256, reports: [], issues: [issue("file-unreadable", message, file: name)], sheets: [])
  }

  private func issue(_ code: String, _ message: String, file: String, sheet: String? = nil, cell: String? = nil) -> ValidationIssue {
    let severity = mapping.severity(of: code) ?? .error
    return ValidationIssue(code: code, severity: severity, message: message, file: file, sheet: sheet, cell: cell)
  }
}
