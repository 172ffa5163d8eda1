/// The shape of a mapping file: which keys exist where and what each value is. The
/// loader checks every file against it (unknown keys, wrong kinds of value) before
/// merging, and a complete file (one without `extends`) must carry every required key.
enum MappingSchema {
  /// What a value in a mapping file is.
  indirect enum Shape: Sendable {
    /// A mapping with fixed keys.
    case record([Field])
    /// A mapping whose keys the file chooses (canonical names), or picks from `allowed`.
    case table(of: Shape, keys: Keys)
    /// A list of label aliases: exact texts, or `/regular expressions/`.
    case aliases
    /// A list of plain words (signs, units, markers), compared literally.
    case words
    case text
    case integer
    /// A finite number, at least `minimum`, at most `maximum`.
    case number(minimum: Double?, maximum: Double?)
    case boolean
    /// One of a fixed set of words.
    case choice([String])
  }

  /// The keys of a ``Shape/table(of:keys:)``.
  enum Keys: Sendable {
    /// Any non-empty name, described for messages (`规范名称`).
    case named(String)
    /// Only these; any other key is reported with `code`.
    case oneOf([String], unknown: MappingError.Code)
  }

  struct Field: Sendable {
    var name: String
    var shape: Shape
    /// Must be present in a complete file.
    var required: Bool

    init(_ name: String, _ shape: Shape, required: Bool = true) {
      self.name = name
      self.shape = shape
      self.required = required
    }
  }

  /// Severity words; `off` switches a check off.
  static let severityWords = ["error", "warning", "info", "off"]

  /// The issue codes a `severities` section may name (``IssueCatalogue``).
  static var issueCodes: [String] { IssueCatalogue.codes.map(\.code) }

  private static let amount = Shape.number(minimum: 0, maximum: nil)
  private static let fraction = Shape.number(minimum: 0, maximum: 1)

  /// The whole file.
  static let root = Shape.record([
    Field("version", .integer),
    Field("name", .text),
    Field("extends", .choice(["default"]), required: false),
    Field("titles", .record(Report.Kind.allCases.map { Field($0.rawValue, .aliases) })),
    Field("nonSelfEvaluationTitles", .aliases),
    Field("header", .record(HeaderField.allCases.map { Field($0.rawValue, .aliases) })),
    Field("totalRow", .aliases),
    Field("footerRows", .aliases),
    Field(
      "funds",
      .record([
        Field("blockLabels", .aliases),
        Field("columns", .record(FundsColumn.allCases.map { Field($0.rawValue, .aliases) })),
        Field("rows", .table(of: .aliases, keys: .named("资金行的规范名称"))),
        Field("subRowPrefixes", .words),
        Field("totalItems", .words),
      ])),
    Field(
      "goals",
      .record([Field("blockLabels", .aliases), Field("expected", .aliases), Field("actual", .aliases)])),
    Field(
      "indicators",
      .record([
        Field("blockLabels", .aliases),
        Field("columns", .record(IndicatorColumn.allCases.map { Field($0.rawValue, .aliases) })),
        Field("namePrefixes", .aliases),
        Field("placeholders", .aliases),
        Field("nonOperatorNatures", .words),
      ])),
    Field(
      "categories",
      .table(
        of: .record([
          Field("synonyms", .aliases, required: false),
          Field("children", .table(of: .aliases, keys: .named("二级指标的规范名称")), required: false),
        ]), keys: .named("一级指标的规范名称"))),
    Field("signs", .table(of: .words, keys: .oneOf(operators, unknown: .unknownKey))),
    Field(
      "signWords",
      .record([
        Field("prefixes", .table(of: .words, keys: .oneOf(operators, unknown: .unknownKey))),
        Field("suffixes", .table(of: .words, keys: .oneOf(operators, unknown: .unknownKey))),
      ])),
    Field("notApplicable", .words),
    Field("units", .table(of: .words, keys: .named("规范单位"))),
    Field("grades", .table(of: .words, keys: .named("规范等级"))),
    Field(
      "weights",
      .record([
        Field("funds", amount),
        Field("groups", .table(of: amount, keys: .named("一级指标的规范名称"))),
        Field("total", amount),
      ])),
    Field(
      "scoring",
      .record([
        Field("reverseFormula", .choice(ScoringRules.ReverseFormula.allCases.map(\.rawValue))),
        Field("rescaleNotApplicable", .boolean),
        Field("achievedBand", fraction),
        Field("partlyAchievedBand", fraction),
        Field("gradeThresholds", .table(of: amount, keys: .named("等级"))),
        Field("lowestGrade", .text),
      ])),
    Field(
      "tolerances",
      .record(["wholeScore", "score", "wholeRatePoints", "ratePoints", "amount"].map { Field($0, amount) })),
    Field(
      "severities", .table(of: .choice(severityWords), keys: .oneOf(issueCodes, unknown: .unknownIssueCode))),
  ])

  /// The comparison operators as they are written as keys (`'>='`).
  static let operators = Value.Operator.allCases.map(\.rawValue)
}
