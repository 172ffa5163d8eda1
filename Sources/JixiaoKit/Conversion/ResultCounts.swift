/// How many files a merge has of each status, and how many reports and issues of each
/// severity, counted in one pass, into arrays indexed by case. (This runs on one core after
/// the conversions, over every file of a merge: counting with `filter` copied every
/// file's result for each status, and counting into dictionaries hashed a key for every
/// file and severity.)
public struct ResultCounts: Sendable, Equatable {
  public private(set) var files = 0
  public private(set) var reports = 0
  /// By `FileStatus.allCases` order.
  private var byStatus = [Int](repeating: 0, count: FileStatus.allCases.count)
  /// By `Severity.allCases` order.
  private var bySeverity = [Int](repeating: 0, count: Severity.allCases.count)

  public init(_ results: [FileResult]) {
    files = results.count
    for index in results.indices {
      byStatus[Self.position(of: results[index].status)] += 1
      reports += results[index].reports.count
      // (Issues read in place: a copy of one would retain its texts.)
      let issues = results[index].issues
      for issue in issues.indices { bySeverity[Self.position(of: issues[issue].severity)] += 1 }
    }
  }

  /// Files with `status`.
  public func files(_ status: FileStatus) -> Int { byStatus[Self.position(of: status)] }

  /// Issues of `severity`, in all files.
  public func issues(_ severity: Severity) -> Int { bySeverity[Self.position(of: severity)] }

  private static func position(of status: FileStatus) -> Int {
    switch status {
    case .ok: 0
    case .warnings: 1
    case .errors: 2
    case .unreadable: 3
    case .skipped: 4
    }
  }

  private static func position(of severity: Severity) -> Int {
    switch severity {
    case .error: 0
    case .warning: 1
    case .info: 2
    }
  }
}

extension FileResult {
  /// The number of this file's issues of `severity`.
  public func issueCount(_ severity: Severity) -> Int {
    var count = 0
    for index in issues.indices where issues[index].severity == severity { count += 1 }
    return count
  }
}
