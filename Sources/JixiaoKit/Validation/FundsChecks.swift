import OrderedJSON

extension FundsRow {
  /// executed ÷ budget (全年预算数, else 年初预算数), nil when either is missing or the budget is 0.
  var computedRate: Double? {
    guard let executed, let denominator = budget ?? initialBudget, denominator > 0 else { return nil }
    return executed / denominator
  }
}

/// `rate-mismatch`: a stated 执行率 that is not executed ÷ budget.
struct FundsRateCheck: ReportCheck {
  func run(_ context: inout CheckContext) {
    for row in context.report.funds {
      guard let stated = row.rate, let computed = row.computedRate else { continue }
      let points = stated * 100
      let isWhole = abs(points - points.rounded()) < 1e-9
      let tolerance = (isWhole ? context.tolerances.wholeRatePoints : context.tolerances.ratePoints) / 100
      guard abs(stated - computed) > tolerance + 1e-9 else { continue }
      context.report(
        "rate-mismatch",
        "「\(row.item)」的执行率填为 \(Shown.percent(stated))，按执行数 \(Shown.number(row.executed ?? 0)) ÷ 预算数 \(Shown.number(row.budget ?? row.initialBudget ?? 0)) 应为 \(Shown.percent(computed))",
        cell: row.cells["rate"], field: "rate", found: .number(stated), expected: .number(computed))
    }
  }
}

/// `funds-score-mismatch`: the funds score against weight × min(rate, 1).
struct FundsScoreCheck: ReportCheck {
  func run(_ context: inout CheckContext) {
    guard let row = context.scoredFundsRow, let score = row.score, let weight = row.weight,
      let rate = row.computedRate ?? row.rate
    else { return }
    let expected = weight * min(rate, 1)
    guard abs(score - expected) > context.scoreTolerance(for: score) + 1e-9 else { return }
    context.report(
      "funds-score-mismatch",
      "资金得分 \(Shown.number(score)) 与 分值 \(Shown.number(weight)) × 执行率 \(Shown.percent(min(rate, 1))) = \(Shown.number(expected)) 不符",
      cell: row.cells["score"], field: "funds.score", found: .number(score), expected: .number(expected))
  }
}

/// `funds-rows-mismatch`: the total row against the sum of the rows under it, and
/// 基本支出 + 项目支出 against 部门整体支出.
struct FundsRowsCheck: ReportCheck {
  static let departmentParts = ["基本支出总额", "项目支出总额"]

  /// The amounts compared, by field name (closures: a key path is applied through the
  /// runtime, at several times the cost).
  private static let amounts: [(field: String, of: @Sendable (FundsRow) -> Double?)] = [
    ("initialBudget", { $0.initialBudget }), ("budget", { $0.budget }), ("executed", { $0.executed }),
  ]

  func run(_ context: inout CheckContext) {
    let funds = context.report.funds
    let totals = context.mapping.funds.totalItems
    // Items are canonical names from the mapping or labels as read: compared as bytes.
    func isTotal(_ row: FundsRow) -> Bool { totals.contains { $0.equalsBytes(row.item) } }
    func isDepartmentPart(_ row: FundsRow) -> Bool { Self.departmentParts.contains { $0.equalsBytes(row.item) } }
    if let totalIndex = funds.firstIndex(where: isTotal) {
      let total = funds[totalIndex]
      let parts = funds[(totalIndex + 1)...].filter { !isTotal($0) && !isDepartmentPart($0) }
      for (field, amount) in Self.amounts {
        guard let stated = amount(total), parts.contains(where: { amount($0) != nil }) else { continue }
        let sum = Scoring.rounded(parts.compactMap(amount).reduce(0, +))
        guard abs(sum - stated) > context.tolerances.amount else { continue }
        context.report(
          "funds-rows-mismatch",
          "「\(total.item)」的\(FieldNames.chinese[field] ?? field) \(Shown.number(stated)) 与其下各行合计 \(Shown.number(sum)) 不符",
          cell: total.cells[field], field: "funds.\(field)", found: .number(stated), expected: .number(sum))
      }
    }
    let parts = funds.filter(isDepartmentPart)
    if parts.count == 2, let whole = funds.first(where: { $0.item.equalsBytes("部门整体支出总额") }), let budget = whole.budget,
      let basic = parts[0].budget, let project = parts[1].budget,
      abs(basic + project - budget) > context.tolerances.amount
    {
      context.report(
        "funds-rows-mismatch",
        "基本支出总额 \(Shown.number(basic)) + 项目支出总额 \(Shown.number(project)) = \(Shown.number(basic + project))，与部门整体支出预算数 \(Shown.number(budget)) 不符",
        cell: whole.cells["budget"], field: "funds.budget", found: .number(budget), expected: .number(basic + project))
    }
  }
}

/// `unit-suspect`: amounts that look like 元 in a 万元 table (≥ 10,000), or an executed
/// amount about 10,000 times the budget (or the other way round).
struct UnitCheck: ReportCheck {
  func run(_ context: inout CheckContext) {
    for row in context.report.funds where row.sourceUnit == nil {
      let amounts: [(String, Double?)] = [
        ("initialBudget", row.initialBudget), ("budget", row.budget), ("executed", row.executed),
      ]
      if let (field, value) = amounts.first(where: { ($0.1 ?? 0) >= 10_000 }), let value {
        context.report(
          "unit-suspect", "「\(row.item)」的金额 \(Shown.number(value)) 万元过大，可能是按元填写的",
          cell: row.cells[field], field: "funds.\(field)", found: .number(value), expected: .number(value / 10_000))
        continue
      }
      if let rate = row.computedRate, rate >= 5_000 || rate <= 1.0 / 5_000, rate > 0 {
        context.report(
          "unit-suspect", "「\(row.item)」的执行数约为预算数的 \(Shown.number(rate)) 倍，可能一个按元、一个按万元填写",
          cell: row.cells["executed"], field: "funds.executed", found: .number(rate), expected: .number(1))
      }
    }
  }
}

/// `low-execution-unexplained`: an execution rate below 90% with no reason given (a
/// 原因 column on the row, or the table's deviation footer).
struct LowExecutionCheck: ReportCheck {
  static let threshold = 0.9

  func run(_ context: inout CheckContext) {
    guard let row = context.scoredFundsRow ?? context.report.funds.first, let rate = row.computedRate ?? row.rate,
      rate < Self.threshold
    else { return }
    if let explanation = row.explanation, !DeviationText.isEmpty(explanation) { return }
    if let note = context.report.deviationNote, !DeviationText.isEmpty(note) { return }
    context.report(
      "low-execution-unexplained", "预算执行率 \(Shown.percent(rate)) 低于 90%，没有说明原因", cell: row.cells["rate"] ?? row.cells["executed"],
      field: "funds.rate", found: .number(rate), expected: .number(Self.threshold))
  }
}

/// What counts as "no explanation": blank, `无`, `0`, `/`, `—`.
enum DeviationText {
  static func isEmpty(_ text: String?) -> Bool {
    guard let text else { return true }
    // A text with more characters than the longest marker is an explanation, not empty
    // (counted without whitespace, which normalising removes; folding keeps the count).
    var visible = 0
    for scalar in text.unicodeScalars where !LabelText.isSpace(scalar) {
      visible += 1
      if visible > maxMarkerLength { return false }
    }
    return markers.contains(LabelText.normalize(text))
  }

  private static let markers: Set<String> = ["", "无", "0", "/", "-", "--", "没有", "暂无", "无偏差", "不适用"]
  private static let maxMarkerLength = markers.map(\.unicodeScalars.count).max() ?? 0
}
