/// What jixiao computes from the parsed numbers (`../shared/DOMAIN.md` §3–§4): the
/// total and its grade. The unit's own numbers are never changed.
struct Scoring {
  let mapping: Mapping

  /// Fills ``Report/computedTotal`` (funds score + Σ indicator scores) and ``Report/grade``.
  func complete(_ report: inout Report) {
    let fundsScore = Self.scoredFundsRow(of: report, mapping: mapping)?.score ?? 0
    let indicatorScores = report.indicators.compactMap(\.score)
    let hasScores = !indicatorScores.isEmpty || Self.scoredFundsRow(of: report, mapping: mapping) != nil
    guard hasScores else {
      report.computedTotal = nil
      report.grade = nil
      return
    }
    let total = Self.rounded(fundsScore + indicatorScores.reduce(0, +))
    report.computedTotal = total
    report.grade = grade(of: total)
  }

  /// The funds row that is scored: the total row (年度资金总额 / 部门整体支出总额), else the
  /// first row with a score. Sub-rows that repeat the total's score do not count again.
  static func scoredFundsRow(of report: Report, mapping: Mapping) -> FundsRow? {
    report.funds.first { mapping.funds.totalItems.contains($0.item) && $0.score != nil }
      ?? report.funds.first { $0.score != nil }
  }

  /// 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差 (thresholds from the mapping).
  func grade(of total: Double) -> String {
    for threshold in mapping.scoring.gradeThresholds.sorted(by: { $0.minimum > $1.minimum }) where total >= threshold.minimum {
      return threshold.grade
    }
    return mapping.scoring.lowestGrade
  }

  /// Sums of decimal scores without binary noise (0.1 + 0.2 → 0.3).
  static func rounded(_ value: Double) -> Double {
    // Beyond 1e6 there is no binary noise worth removing, and scaling could overflow.
    guard abs(value) < 1e6 else { return value }
    return (value * 1e9).rounded() / 1e9
  }
}
