import Foundation

/// How a province's wording maps onto the canonical schema: the contents of a mapping
/// file (`Mappings/default.yaml`, or a user's file that `extends: default`), after
/// loading, merging and checking. Every alias is stored in ``LabelText`` normal form.
public struct Mapping: Sendable {
  /// The file format version; only 1 exists.
  public var version: Int
  /// A name for reports (`default`, `yunnan-2023` …).
  public var name: String
  /// SHA-256 of the effective mapping (the merged files' bytes), for `mapping.sha256`.
  public var sha256: String
  /// The mapping this one was merged over (`default`), nil for a complete file.
  public var extends: String? = nil

  /// Titles that say which kind of table a sheet holds.
  public var titles: [Report.Kind: AliasSet]
  /// Titles (or header labels) of tables that are not self-evaluations, such as a
  /// 绩效目标申报表: sheets matching them are skipped with `not-self-evaluation`.
  public var nonSelfEvaluationTitles: AliasSet

  /// Header-block labels, by canonical field.
  public var header: [HeaderField: AliasSet] {
    didSet { labelIndex = LabelIndex() }
  }
  /// Labels of the 总分 row that ends the indicator table and carries the stated total.
  public var totalRow: AliasSet {
    didSet { labelIndex = LabelIndex() }
  }
  /// Labels that start the sign-off line (填表人 …) or footer rows; they end the table too.
  public var footerRows: AliasSet {
    didSet { labelIndex = LabelIndex() }
  }

  public var funds: FundsMapping {
    didSet { labelIndex = LabelIndex() }
  }
  public var goals: GoalsMapping {
    didSet { labelIndex = LabelIndex() }
  }
  public var indicators: IndicatorMapping {
    didSet { labelIndex = LabelIndex() }
  }

  /// The 一级 categories with their 二级 children.
  public var categories: [Category]
  /// Comparison signs and words, by operator.
  public var signs: [Value.Operator: [String]] {
    didSet { labelIndex = LabelIndex() }
  }
  /// Words written before a number (`不低于`) or after it (`以上`), by operator.
  public var signWords: SignWords {
    didSet { labelIndex = LabelIndex() }
  }
  /// Cell texts that mean "not applicable" or "nothing" (`/`, `—`, `不适用` …).
  public var notApplicable: Set<String> {
    didSet { labelIndex = LabelIndex() }
  }
  /// Unit words by canonical unit (`%`: [`%`, `百分比`], `万元`: [`万元`, `万`] …).
  public var units: [String: [String]] {
    didSet { labelIndex = LabelIndex() }
  }
  /// Grade words by canonical grade (`优`: [`优`, `优秀`] …).
  public var grades: [String: [String]]

  public var weights: DefaultWeights
  public var scoring: ScoringRules
  public var tolerances: Tolerances
  /// Severity per issue code; nil switches the check off.
  public var severities: [String: Severity?]
  /// The cache behind ``knownLabels`` and the value parser, shared by copies and made
  /// anew whenever a field it is built from changes.
  var labelIndex = LabelIndex()

  public init(
    version: Int = 1, name: String, sha256: String = "", titles: [Report.Kind: AliasSet] = [:],
    nonSelfEvaluationTitles: AliasSet = AliasSet(), header: [HeaderField: AliasSet] = [:],
    totalRow: AliasSet = AliasSet(), footerRows: AliasSet = AliasSet(), funds: FundsMapping = FundsMapping(),
    goals: GoalsMapping = GoalsMapping(), indicators: IndicatorMapping = IndicatorMapping(),
    categories: [Category] = [], signs: [Value.Operator: [String]] = [:], signWords: SignWords = SignWords(),
    notApplicable: Set<String> = [], units: [String: [String]] = [:], grades: [String: [String]] = [:],
    weights: DefaultWeights = DefaultWeights(), scoring: ScoringRules = ScoringRules(),
    tolerances: Tolerances = Tolerances(), severities: [String: Severity?] = [:]
  ) {
    self.version = version
    self.name = name
    self.sha256 = sha256
    self.titles = titles
    self.nonSelfEvaluationTitles = nonSelfEvaluationTitles
    self.header = header
    self.totalRow = totalRow
    self.footerRows = footerRows
    self.funds = funds
    self.goals = goals
    self.indicators = indicators
    self.categories = categories
    self.signs = signs
    self.signWords = signWords
    self.notApplicable = notApplicable
    self.units = units
    self.grades = grades
    self.weights = weights
    self.scoring = scoring
    self.tolerances = tolerances
    self.severities = severities
  }
}

extension Mapping {
  /// Every label of the header block, funds, goals, indicator table, total and footer
  /// rows in one set, so that "is this cell a label?" is one lookup. Built once per
  /// mapping value and shared by its copies.
  public var knownLabels: AliasSet {
    labelIndex.union(of: self)
  }

  /// The severity of `code` under this mapping: its `severities` entry, else the
  /// catalogue's default; nil when the check is switched off (or the code is unknown).
  public func severity(of code: String) -> Severity? {
    if let configured = severities[code] { return configured }
    return IssueCatalogue.defaultSeverity(code)
  }

  /// The value parser for this mapping's vocabulary, built once and shared.
  var valueParser: ValueParser {
    labelIndex.valueParser(for: self)
  }

  /// The label lists table finding tries, built once and shared.
  var finderTables: FinderTables {
    labelIndex.finderTables(for: self)
  }

  /// The union of the label sets, in the order they are looked at.
  static func unionOfLabels(_ mapping: Mapping) -> AliasSet {
    var union = AliasSet()
    for set in mapping.header.values { union.add(set) }
    for set in mapping.indicators.columns.values { union.add(set) }
    for set in mapping.funds.columns.values { union.add(set) }
    for set in [
      mapping.funds.blockLabels, mapping.goals.blockLabels, mapping.goals.expected, mapping.goals.actual,
      mapping.indicators.blockLabels, mapping.totalRow, mapping.footerRows,
    ] {
      union.add(set)
    }
    return union
  }
}

/// Builds ``Mapping/knownLabels`` and the value parser on first use (after the loader has
/// filled the mapping).
final class LabelIndex: @unchecked Sendable {
  private let lock = NSLock()
  private var built: AliasSet?
  private var parser: ValueParser?
  private var tables: FinderTables?

  func finderTables(for mapping: Mapping) -> FinderTables {
    lock.lock()
    defer { lock.unlock() }
    if let tables { return tables }
    let made = FinderTables(mapping)
    tables = made
    return made
  }

  func valueParser(for mapping: Mapping) -> ValueParser {
    lock.lock()
    defer { lock.unlock() }
    if let parser { return parser }
    let made = ValueParser(mapping: mapping)
    parser = made
    return made
  }

  func union(of mapping: Mapping) -> AliasSet {
    lock.lock()
    defer { lock.unlock() }
    if let built { return built }
    let union = Mapping.unionOfLabels(mapping)
    built = union
    return union
  }
}

/// Fields of the header block and the sign-off line.
public enum HeaderField: String, Sendable, CaseIterable {
  /// 项目名称.
  case project
  /// 主管部门.
  case supervisor
  /// 实施单位 / 项目实施单位 / 单位名称.
  case unit
  /// 填表人.
  case filledBy
  /// 填报日期.
  case filledOn
  /// 电话.
  case phone
}

/// The funds block: its label, its columns, its rows.
public struct FundsMapping: Sendable {
  /// Labels of the block (`项目资金（万元）`, `预算执行情况(万元)(20分)` …).
  public var blockLabels = AliasSet()
  /// Column headers by canonical column.
  public var columns: [FundsColumn: AliasSet] = [:]
  /// Row labels by canonical item, in the order of ``FundsMapping/itemOrder``.
  public var rows: [String: AliasSet] = [:]
  /// Canonical items in their usual order (`年度资金总额`, `当年财政拨款` …).
  public var itemOrder: [String] = []
  /// Prefixes of sub-row labels that are dropped before matching (`其中:`).
  public var subRowPrefixes: [String] = []
  /// Items that are totals of the others (`年度资金总额`, `部门整体支出总额`).
  public var totalItems: [String] = []

  public init() {}
}

/// Columns of the funds block.
public enum FundsColumn: String, Sendable, CaseIterable {
  case initialBudget, budget, executed, weight, rate, score

  /// The raw value as a static string, like ``IndicatorColumn/key``.
  var key: StaticString {
    switch self {
    case .initialBudget: "initialBudget"
    case .budget: "budget"
    case .executed: "executed"
    case .weight: "weight"
    case .rate: "rate"
    case .score: "score"
    }
  }
}

/// The goal block: 预期目标 / 实际完成情况.
public struct GoalsMapping: Sendable {
  public var blockLabels = AliasSet()
  public var expected = AliasSet()
  public var actual = AliasSet()

  public init() {}
}

/// The indicator table: its block label, its columns, placeholder rows.
public struct IndicatorMapping: Sendable {
  /// Labels of the block (`绩效指标`, `年度绩效指标` …), which are not columns.
  public var blockLabels = AliasSet()
  /// Column headers by canonical column.
  public var columns: [IndicatorColumn: AliasSet] = [:]
  /// Name prefixes that are dropped (`指标1：`), as patterns.
  public var namePrefixes = AliasSet()
  /// Names of placeholder rows that are dropped when the row holds nothing else (`……`).
  public var placeholders = AliasSet()
  /// Values of an operator column that are not operators (`定量指标`, `定性指标`).
  public var nonOperatorNatures: Set<String> = []

  public init() {}
}

/// Columns of the indicator table.
public enum IndicatorColumn: String, Sendable, CaseIterable {
  case level1, level2, name, `operator`, target, unit, actual, weight, score, deviation

  /// All columns in the byte order of their raw values (an indicator's ``CellMap`` is
  /// built in this order, so it needs no sorting).
  static let inKeyOrder = allCases.sorted { ByteKey.precedes($0.rawValue, $1.rawValue) }

  /// The raw value as a static string (a ``CellMap`` is built from these without making
  /// strings).
  var key: StaticString {
    switch self {
    case .level1: "level1"
    case .level2: "level2"
    case .name: "name"
    case .operator: "operator"
    case .target: "target"
    case .unit: "unit"
    case .actual: "actual"
    case .weight: "weight"
    case .score: "score"
    case .deviation: "deviation"
    }
  }
}

/// A 一级 category and its 二级 children, each with its synonyms.
public struct Category: Sendable {
  /// Canonical name (`产出指标`).
  public var name: String
  /// Other wordings (`产出`, `项目产出`).
  public var synonyms: AliasSet
  /// Key of ``DefaultWeights/groups`` for this category (`产出指标`).
  public var children: [Child]

  public struct Child: Sendable {
    public var name: String
    public var synonyms: AliasSet

    public init(name: String, synonyms: AliasSet) {
      self.name = name
      self.synonyms = synonyms
    }
  }

  public init(name: String, synonyms: AliasSet, children: [Child]) {
    self.name = name
    self.synonyms = synonyms
    self.children = children
  }
}

/// Words that carry a comparison: before the number (`不低于90%`) or after it (`90%以上`).
public struct SignWords: Sendable {
  public var prefixes: [Value.Operator: [String]] = [:]
  public var suffixes: [Value.Operator: [String]] = [:]

  public init() {}
}

/// The default weight scheme (`../shared/DOMAIN.md` §4).
public struct DefaultWeights: Sendable, Equatable {
  /// Weight of the funds (预算执行) row: 10.
  public var funds: Double = 10
  /// Weight of each 一级 group by canonical name: 产出指标 50, 效益指标 30, 满意度指标 10.
  public var groups: [String: Double] = [:]
  /// What all weights add up to: 100.
  public var total: Double = 100

  public init() {}
}

/// Scoring choices a bureau can make (`../shared/DOMAIN.md` §4).
public struct ScoringRules: Sendable, Equatable {
  /// How a reverse (≤) indicator over its target scores.
  public enum ReverseFormula: String, Sendable, CaseIterable {
    /// T/A × W.
    case ratio
    /// Linear to 0 at 2T.
    case linear
  }

  public var reverseFormula: ReverseFormula = .ratio
  /// Rescale the applicable indicators to 100 when some are not applicable.
  public var rescaleNotApplicable = false
  /// Lower bounds of the qualitative bands as fractions of the weight (达成 0.8, 部分达成 0.6).
  public var achievedBand: Double = 0.8
  public var partlyAchievedBand: Double = 0.6
  /// Grade thresholds: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60.
  public var gradeThresholds: [(grade: String, minimum: Double)] = [("优", 90), ("良", 80), ("中", 60)]
  /// The grade below the lowest threshold.
  public var lowestGrade = "差"

  public init() {}

  public static func == (lhs: ScoringRules, rhs: ScoringRules) -> Bool {
    lhs.reverseFormula == rhs.reverseFormula && lhs.rescaleNotApplicable == rhs.rescaleNotApplicable
      && lhs.achievedBand == rhs.achievedBand && lhs.partlyAchievedBand == rhs.partlyAchievedBand
      && lhs.lowestGrade == rhs.lowestGrade && lhs.gradeThresholds.map(\.grade) == rhs.gradeThresholds.map(\.grade)
      && lhs.gradeThresholds.map(\.minimum) == rhs.gradeThresholds.map(\.minimum)
  }
}

/// How far a written number may be from the computed one (`../shared/DOMAIN.md` §4).
public struct Tolerances: Sendable, Equatable {
  /// A whole-number score may differ from the formula by this much.
  public var wholeScore: Double = 0.5
  /// Any other score (and any sum) by this much.
  public var score: Double = 0.01
  /// A whole-number percentage rate may differ by this many percentage points.
  public var wholeRatePoints: Double = 1
  /// Any other rate by this many percentage points.
  public var ratePoints: Double = 0.01
  /// Two amounts (funds rows) may differ by this much (万元).
  public var amount: Double = 0.01

  public init() {}
}

/// How serious an issue is.
public enum Severity: String, Sendable, Equatable, CaseIterable, Comparable {
  case error, warning, info

  private var rank: Int {
    switch self {
    case .error: 0
    case .warning: 1
    case .info: 2
    }
  }

  /// Errors first.
  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

  /// 错误 / 警告 / 提示, as people read it.
  public var chineseName: String {
    switch self {
    case .error: "错误"
    case .warning: "警告"
    case .info: "提示"
    }
  }
}
