import OrderedJSON

/// `missing-field`: a project table without 项目名称, a table without 实施单位/单位名称.
struct RequiredFieldsCheck: ReportCheck {
  func run(_ context: inout CheckContext) {
    if context.report.kind == .project, context.report.project == nil {
      context.report("missing-field", "项目支出绩效自评表没有找到项目名称", field: "project")
    }
  }
}

/// `total-mismatch` and `grade-mismatch`: the stated 总分 and grade against what the
/// rows add up to.
struct TotalCheck: ReportCheck {
  func run(_ context: inout CheckContext) {
    let report = context.report
    if let stated = report.statedTotal, let computed = report.computedTotal,
      abs(stated - computed) > context.scoreTolerance(for: stated) + 1e-9
    {
      context.report(
        "total-mismatch",
        "填报总分 \(Shown.number(stated)) 与计算总分 \(Shown.number(computed))（资金得分 + 各指标得分）不符",
        cell: report.cells["statedTotal"], field: "statedTotal", found: .number(stated), expected: .number(computed))
    }
    if let stated = report.statedGrade, let computed = report.grade {
      let canonical = GradeText.canonical(stated, grades: context.mapping.grades)
      if canonical != computed {
        let total = report.computedTotal.map(Shown.number) ?? "?"
        context.report(
          "grade-mismatch", "填报等级「\(stated)」与计算总分 \(total) 对应的等级「\(computed)」不符",
          cell: report.cells["statedGrade"], field: "statedGrade", found: .string(stated), expected: .string(computed))
      }
    }
  }
}

/// `weights-not-100`: the funds weight and the indicator weights add up to the total.
struct WeightsCheck: ReportCheck {
  func run(_ context: inout CheckContext) {
    let report = context.report
    let weights = report.indicators.map(\.weight)
    guard !weights.isEmpty, !weights.contains(where: { $0 == nil }) else { return }
    let sum = Scoring.rounded((context.scoredFundsRow?.weight ?? 0) + weights.compactMap { $0 }.reduce(0, +))
    let total = context.mapping.weights.total
    guard abs(sum - total) > context.tolerances.score else { return }
    context.report(
      "weights-not-100",
      "资金分值 \(Shown.number(context.scoredFundsRow?.weight ?? 0)) 与各指标分值合计为 \(Shown.number(sum))，应为 \(Shown.number(total))",
      cell: report.cells["totalWeight"], field: "weight", found: .number(sum), expected: .number(total))
  }
}

/// `group-weight-mismatch`: a weight written in a 一级 label (or in the block label for
/// all indicators) against the weights under it.
struct GroupWeightCheck: ReportCheck {
  func run(_ context: inout CheckContext) {
    let report = context.report
    for group in report.groupWeights {
      let members = report.indicators.filter { group.group.isEmpty || $0.level1?.equalsBytes(group.group) == true }
      guard !members.isEmpty, !members.contains(where: { $0.weight == nil }) else { continue }
      let sum = Scoring.rounded(members.compactMap(\.weight).reduce(0, +))
      guard abs(sum - group.weight) > context.tolerances.score else { continue }
      let name = group.group.isEmpty ? "指标栏" : "一级指标「\(group.group)」"
      context.report(
        "group-weight-mismatch",
        "\(name)标签中的分值 \(Shown.number(group.weight)) 与其下各指标分值合计 \(Shown.number(sum)) 不符",
        cell: group.cell, field: "weight", found: .number(group.weight), expected: .number(sum))
    }
  }
}

/// `score-exceeds-weight`: a score above its weight, or below 0 (indicators and funds).
struct ScoreRangeCheck: ReportCheck {
  func run(_ context: inout CheckContext) {
    let report = context.report
    for indicator in report.indicators {
      guard let score = indicator.score else { continue }
      check(&context, score: score, weight: indicator.weight, what: "指标「\(indicator.name)」", cell: indicator.cells["score"])
    }
    for row in report.funds {
      guard let score = row.score else { continue }
      check(&context, score: score, weight: row.weight, what: "资金「\(row.item)」", cell: row.cells["score"])
    }
  }

  /// `what` and `cell` are only worked out for a score out of range (few are).
  private func check(
    _ context: inout CheckContext, score: Double, weight: Double?, what: @autoclosure () -> String,
    cell: @autoclosure () -> String?
  ) {
    if score < 0 {
      context.report(
        "score-exceeds-weight", "\(what())的得分 \(Shown.number(score)) 为负数", cell: cell(), field: "score",
        found: .number(score), expected: .number(0))
    } else if let weight, score > weight + context.tolerances.score {
      context.report(
        "score-exceeds-weight", "\(what())的得分 \(Shown.number(score)) 超过分值 \(Shown.number(weight))", cell: cell(),
        field: "score", found: .number(score), expected: .number(weight))
    }
  }
}

/// `unknown-category`: a 一级 or 二级 name the mapping does not know, or a 二级 filed under
/// another 一级 than its own.
struct CategoryCheck: ReportCheck {
  func run(_ context: inout CheckContext) {
    let categories = context.mapping.categories
    var reported: Set<String> = []
    for indicator in context.report.indicators {
      guard let level1 = indicator.level1 else { continue }
      // By index: `first(where:)` and `contains(where:)` copy (retain) every category and
      // child they look at, for every indicator.
      let category = categories.indices.first { categories[$0].name.equalsBytes(level1) }
      if let category {
        let children = categories[category].children
        guard let level2 = indicator.level2, !children.isEmpty else { continue }
        if children.indices.contains(where: { children[$0].name.equalsBytes(level2) }) { continue }
      }
      // Each unknown pair is reported once.
      guard reported.insert("\(level1)|\(indicator.level2 ?? "")").inserted else { continue }
      guard category != nil else {
        context.report(
          "unknown-category", "一级指标「\(level1)」不在映射的指标类别中", cell: indicator.cells["level1"], field: "level1",
          found: .string(level1))
        continue
      }
      // A known 一级 with a 二级 it does not have (the tests above let nothing else through).
      guard let level2 = indicator.level2 else { continue }
      if let owner = categories.first(where: { $0.children.contains { $0.name.equalsBytes(level2) } }) {
        context.report(
          "unknown-category", "二级指标「\(level2)」属于「\(owner.name)」，却放在「\(level1)」下",
          cell: indicator.cells["level2"], field: "level2", found: .string(level1), expected: .string(owner.name))
      } else {
        context.report(
          "unknown-category", "二级指标「\(level2)」不在映射的指标类别中", cell: indicator.cells["level2"], field: "level2",
          found: .string(level2))
      }
    }
  }
}
