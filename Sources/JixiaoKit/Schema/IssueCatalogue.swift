/// The issue catalogue (`../shared/DOMAIN.md` §5): every code jixiao reports, with its
/// default severity and what a reviewer needs to know about it. The mapping's
/// `severities` section overrides the severity or switches a check off.
/// `docs/issues.md` is generated from this list (a test keeps it in sync).
public enum IssueCatalogue {
  /// One kind of issue.
  public struct Entry: Sendable {
    /// Stable kebab-case code.
    public let code: String
    public let severity: Severity
    /// A short Chinese title.
    public let title: String
    /// What triggers it.
    public let trigger: String
    /// A real or typical case.
    public let example: String
    /// What the unit should do.
    public let fix: String
  }

  /// Every code, in catalogue order.
  public static let entries: [Entry] = [
    Entry(
      code: "file-unreadable", severity: .error, title: "文件无法读取",
      trigger: "不是 .xlsx 文件、文件损坏、设有打开密码，或超过大小限制。",
      example: "旧版 .xls 改了扩展名；邮件附件被截断。", fix: "用 Excel 或 WPS 打开，另存为 .xlsx（不设密码）后重新提交。"),
    Entry(
      code: "no-table", severity: .error, title: "没有找到自评表",
      trigger: "所有工作表中都没有找到绩效自评表（没有含实际完成值或得分的指标表头）。",
      example: "只提交了绩效目标申报表。", fix: "提交绩效自评表；如表头写法特殊，请在映射文件中加入其写法。"),
    Entry(
      code: "not-self-evaluation", severity: .info, title: "跳过的工作表",
      trigger: "工作表是封面、说明或绩效目标申报表（没有实际完成值、得分列），不是自评表。",
      example: "工作簿第一页是封面，第二页是目标申报表。", fix: "无需处理；确认自评表在其他工作表中。"),
    Entry(
      code: "missing-field", severity: .warning, title: "缺少字段",
      trigger: "没有找到项目名称、实施单位（单位名称），或指标表缺少必需的列（得分、年度指标值、实际完成值）。",
      example: "表头只写了“单位：”而没有单位名称。", fix: "补全表头信息；写法特殊时在映射文件中加入别名。"),
    Entry(
      code: "total-mismatch", severity: .error, title: "总分与得分合计不符",
      trigger: "填报的总分 ≠ 资金得分 + 各指标得分之和（整数总分允许相差 0.5，否则 0.01）。",
      example: "种子 003：填报总分 94，各行得分合计 89。", fix: "核对各行得分和总分，改正后重新提交。"),
    Entry(
      code: "grade-mismatch", severity: .error, title: "等级与总分不符",
      trigger: "填报的等级 ≠ 按计算总分得出的等级（优 ≥ 90，良 ≥ 80，中 ≥ 60，差 < 60）。",
      example: "种子 003：自评“优秀”，但计算总分 89 应为“良”。", fix: "按计算总分改正等级。"),
    Entry(
      code: "weights-not-100", severity: .warning, title: "分值合计不是 100",
      trigger: "资金分值 + 各指标分值之和 ≠ 100。", example: "各指标分值合计 85，资金 10，共 95。",
      fix: "核对各指标分值；按规定调整权重时请说明。"),
    Entry(
      code: "group-weight-mismatch", severity: .warning, title: "一级指标分值与下级合计不符",
      trigger: "一级指标（或“绩效指标”栏）标签中写的分值 ≠ 其下各指标分值之和。",
      example: "种子 004 项目表：“绩效目标 (800 分)”，下级合计 80。", fix: "改正标签中的分值。"),
    Entry(
      code: "score-exceeds-weight", severity: .error, title: "得分超过分值或为负",
      trigger: "某行得分大于其分值，或小于 0。", example: "分值 5 的指标得 6 分。", fix: "得分不能超过分值，请改正。"),
    Entry(
      code: "rate-mismatch", severity: .error, title: "执行率计算错误",
      trigger: "填报的执行率 ≠ 全年执行数 ÷ 全年预算数（整数百分比允许相差 1 个百分点）。",
      example: "预算 50，执行 40，执行率却填 90%。", fix: "按执行数 ÷ 预算数重新计算执行率。"),
    Entry(
      code: "funds-score-mismatch", severity: .warning, title: "资金得分与执行率不符",
      trigger: "资金得分 ≠ 分值 × min(执行率, 1)（整数得分允许相差 0.5，否则 0.01）。",
      example: "分值 10，执行率 86.2%，得分却为 10。", fix: "按分值 × 执行率计算资金得分。"),
    Entry(
      code: "funds-rows-mismatch", severity: .warning, title: "资金各行不一致",
      trigger: "资金总额行 ≠ 其下各来源行之和；或 基本支出 + 项目支出 ≠ 部门整体支出。",
      example: "池州：年度资金总额 0，其中当年财政拨款 90。", fix: "核对资金总额与各来源金额。"),
    Entry(
      code: "unit-suspect", severity: .warning, title: "金额单位可疑（万元/元）",
      trigger: "万元栏中的金额 ≥ 10000，或执行数约为预算数的 10000 倍。",
      example: "预算数 500000（应为 50 万元）。", fix: "确认金额单位；万元栏请填万元。"),
    Entry(
      code: "target-met-score-deducted", severity: .warning, title: "完成目标却扣分且未说明",
      trigger: "实际完成值达到年度指标值，得分却低于分值，且没有偏差原因说明。",
      example: "种子 004：满意度目标 90%，实际 92%，10 分只得 8 分，偏差原因“无”。", fix: "按规定给满分，或写明扣分原因。"),
    Entry(
      code: "target-missed-full-score", severity: .warning, title: "未完成目标却得满分",
      trigger: "实际完成值未达到年度指标值（或定性为“部分达成”“未达成”），得分却为满分（或超过该档上限）。",
      example: "目标 ≥600 个，实际 580 个，得满分 10 分。", fix: "按完成比例计分，或说明理由。"),
    Entry(
      code: "score-formula-mismatch", severity: .info, title: "得分不符合计分公式",
      trigger: "定量指标的得分既不符合正向公式（A/T×W）也不符合反向公式（T/A×W 或线性）；定性指标的得分不在其档次区间内。",
      example: "种子 003：成本指标 50 万 → 24.5 万，5 分得 3 分，两种公式都不是 3。", fix: "按计分规则重新计分，或在偏差原因中说明。"),
    Entry(
      code: "missing-deviation", severity: .warning, title: "扣分但未写偏差原因",
      trigger: "得分低于分值，偏差原因分析栏为空或为“无”。", example: "种子 003：多行扣分，偏差原因栏全部空白。",
      fix: "在偏差原因分析及改进措施栏写明原因。"),
    Entry(
      code: "low-execution-unexplained", severity: .warning, title: "执行率低于 90% 且未说明",
      trigger: "预算执行率低于 90%，且资金栏没有原因说明。", example: "种子 003：执行率 49%，没有说明。",
      fix: "在原因栏或偏差原因中说明执行率低的原因。"),
    Entry(
      code: "unknown-category", severity: .warning, title: "指标类别不规范",
      trigger: "一级、二级指标名称不在映射的类别中，或二级指标放在了不对应的一级指标下。",
      example: "种子 003：“服务对象满意度指标”放在“效益指标”下。", fix: "按规定的指标体系归类；省里另有体系时在映射文件中加入。"),
    Entry(
      code: "unparsed-value", severity: .warning, title: "应为数字却无法识别",
      trigger: "分值、得分、金额等单元格中的文字不是数字。", example: "执行数填“见附表”。", fix: "填入数字。"),
    Entry(
      code: "formula-without-value", severity: .warning, title: "公式没有计算结果",
      trigger: "单元格是公式，但文件中没有保存计算结果（常见于程序生成的文件）。",
      example: "总分 =SUM(H12:H20)，文件中无结果。", fix: "在 Excel 或 WPS 中打开并保存后再提交。"),
    Entry(
      code: "duplicate-report", severity: .warning, title: "重复提交",
      trigger: "同一次汇总中，两个文件的单位、项目和年度相同。", example: "同一单位提交了修改前后两个版本。",
      fix: "删除旧版本，保留一个。"),
  ]

  /// Every code with its default severity.
  public static var codes: [(code: String, severity: Severity)] { entries.map { ($0.code, $0.severity) } }

  /// The default severity of `code`, nil for an unknown code.
  public static func defaultSeverity(_ code: String) -> Severity? {
    entries.first { $0.code == code }?.severity
  }

  /// The entry of `code`.
  public static func entry(_ code: String) -> Entry? {
    entries.first { $0.code == code }
  }
}
