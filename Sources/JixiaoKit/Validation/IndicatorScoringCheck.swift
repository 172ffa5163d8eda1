import OrderedJSON

/// How an indicator's target and actual compare, and what scores the rules allow
/// (`../shared/DOMAIN.md` §4).
struct IndicatorAssessment {
  /// Whether the target was reached; nil when it cannot be told.
  var met: Bool?
  /// Scores a formula gives for the indicator's direction (several when the bureau's
  /// alternatives differ); empty when no formula applies.
  var formulaScores: [Double] = []
  /// For qualitative results, the band of allowed scores as fractions of the weight.
  var band: ClosedRange<Double>?
  /// The band is a partial or failed result (部分达成 / 未达成).
  var bandIsBelowAchieved = false

  init(_ indicator: borrowing Indicator, weight: Double, rules: ScoringRules, values: ValueParser) {
    guard let target = indicator.target, let actual = indicator.actual else { return }
    if values.isNotApplicable(target.text) && values.isNotApplicable(actual.text) { return }
    if let t = target.number, let a = Self.comparable(actual, to: target) {
      switch target.op {
      case .atMost?, .less?:
        met = target.op == .less ? a < t : a <= t
        if met == true {
          formulaScores = [weight]
        } else if a > 0 {
          let ratio = t / a * weight
          let linear = a >= 2 * t ? 0 : (1 - (a - t) / t) * weight
          formulaScores = rules.reverseFormula == .ratio ? [ratio, linear] : [linear, ratio]
        }
      case .equal? where t == 0:
        met = a <= 0
        formulaScores = [met == true ? weight : 0]
      default:
        // ≥, >, = with a positive target, and a bare number: the positive rule.
        met = target.op == .greater ? a > t : a >= t
        if met == true {
          formulaScores = [weight]
        } else if t > 0 {
          formulaScores = [max(a, 0) / t * weight]
        }
      }
      return
    }
    // Qualitative: the band the actual names, or 达成 when it repeats the target.
    let said = LabelText.normalize(actual.text)
    // Prefixes compared as bytes (String.hasPrefix compares Characters, slowly).
    func says(_ prefix: String) -> Bool { said.hasPrefixBytes(prefix) }
    if says("未达成") || says("未完成") {
      met = false
      band = 0...rules.partlyAchievedBand
      bandIsBelowAchieved = true
    } else if says("部分达成") || says("基本达成") || says("部分完成") {
      met = false
      band = rules.partlyAchievedBand...rules.achievedBand
      bandIsBelowAchieved = true
    } else if says("达成") || said == LabelText.normalize(target.text) || said == "完成" || said == "已完成" {
      met = true
      band = rules.achievedBand...1
    }
  }

  /// The actual's number in the target's terms: a fraction (0.95) against a percentage
  /// target (95 %) is scaled.
  private static func comparable(_ actual: Value, to target: Value) -> Double? {
    guard let number = actual.number else { return nil }
    if target.unit == "%", actual.unit == nil, number <= 1.5, (target.number ?? 0) > 1.5 { return number * 100 }
    return number
  }
}

/// `target-met-score-deducted`, `target-missed-full-score`, `score-formula-mismatch` and
/// `missing-deviation`: each indicator's score against its target, actual and weight.
struct IndicatorScoringCheck: ReportCheck {
  func run(_ context: inout CheckContext) {
    let values = context.mapping.valueParser
    let rules = context.mapping.scoring
    let note = context.report.deviationNote
    for indicator in context.report.indicators {
      guard let weight = indicator.weight, let score = indicator.score, weight > 0 else { continue }
      let assessment = IndicatorAssessment(indicator, weight: weight, rules: rules, values: values)
      let deducted = score < weight - context.tolerances.score
      let explained = !DeviationText.isEmpty(indicator.deviation) || !DeviationText.isEmpty(note)
      // The cell and the message parts, found only when an issue is reported.
      var cell: String? { indicator.cells["score"] }
      var name: String { "指标「\(indicator.name)」" }
      var result: String { "（\(indicator.target?.text ?? "—") → \(indicator.actual?.text ?? "—")）" }

      if deducted && !explained {
        context.report(
          "missing-deviation", "\(name)扣了 \(Shown.number(weight - score)) 分，但没有写偏差原因", cell: indicator.cells["deviation"] ?? cell,
          field: "deviation", found: .number(score), expected: .number(weight))
      }
      if assessment.met == true && deducted && !explained {
        context.report(
          "target-met-score-deducted", "\(name)已完成目标\(result)，得分 \(Shown.number(score)) 低于分值 \(Shown.number(weight))，且未说明原因",
          cell: cell, field: "score", found: .number(score), expected: .number(weight))
      }
      if assessment.met == false {
        let ceiling = assessment.bandIsBelowAchieved ? (assessment.band?.upperBound ?? 1) * weight : weight
        let full = assessment.bandIsBelowAchieved
          ? score > ceiling + context.tolerances.score : score >= weight - context.tolerances.score
        if full {
          context.report(
            "target-missed-full-score", "\(name)未完成目标\(result)，却得 \(Shown.number(score)) 分（分值 \(Shown.number(weight))）",
            cell: cell, field: "score", found: .number(score), expected: .number(min(ceiling, weight)))
        }
      }
      if !assessment.formulaScores.isEmpty {
        let tolerance = context.scoreTolerance(for: score)
        if !assessment.formulaScores.contains(where: { abs($0 - score) <= tolerance + 1e-9 }) {
          let expected = assessment.formulaScores.map(Shown.number).joined(separator: " 或 ")
          context.report(
            "score-formula-mismatch", "\(name)\(result) 按计分公式应得 \(expected) 分，填报 \(Shown.number(score)) 分",
            cell: cell, field: "score", found: .number(score), expected: .number(assessment.formulaScores[0]))
        }
      } else if let band = assessment.band {
        let low = band.lowerBound * weight
        let high = band.upperBound * weight
        let inside = score >= low - context.tolerances.score && score <= high + context.tolerances.score
        if !inside {
          context.report(
            "score-formula-mismatch",
            "\(name)\(result) 属于得分区间 [\(Shown.number(low)), \(Shown.number(high))]，填报 \(Shown.number(score)) 分",
            cell: cell, field: "score", found: .number(score), expected: .number(score < low ? low : high))
        }
      }
    }
  }
}
