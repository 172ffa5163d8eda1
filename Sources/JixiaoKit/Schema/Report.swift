import XLSX

/// Canonical schema v1 (`../shared/DOMAIN.md` §3): one self-evaluation table, with every
/// value traceable to the cell it came from. Numbers are what the unit wrote
/// (normalised in unit, never corrected); what jixiao computes is in
/// ``computedTotal`` and ``grade``.
public struct Report: Sendable, Equatable {
  /// Which kind of table.
  public enum Kind: String, Sendable, Equatable, CaseIterable {
    /// 项目支出绩效自评表: one project of one unit.
    case project
    /// 部门（单位）整体支出绩效自评表: a whole unit's spending.
    case department
  }

  public var source: Source
  public var kind: Kind
  public var year: Int?
  /// 项目名称 (nil for department tables).
  public var project: String?
  /// 主管部门.
  public var supervisor: String?
  /// 实施单位 / 项目实施单位 / 单位名称.
  public var unit: String?
  public var filledBy: String?
  /// 填报日期 as `YYYY-MM-DD`.
  public var filledOn: String?
  public var phone: String?
  public var funds: [FundsRow]
  public var goals: Goals
  public var indicators: [Indicator]
  /// The 总分 the unit wrote.
  public var statedTotal: Double?
  /// Funds score + Σ indicator scores, from the parsed numbers.
  public var computedTotal: Double?
  /// Grade of ``computedTotal``: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差.
  public var grade: String?
  /// The grade the unit wrote, if any.
  public var statedGrade: String?
  /// Which cell fed each header field (`project`, `unit`, `statedTotal` …), for tracing.
  public var cells: CellMap
  /// Weights written in 一级 labels (`产出指标(50分)`) or in the indicator block label
  /// (`绩效目标(80分)`, group ""), for the group-weight check. Not in the canonical JSON.
  public var groupWeights: [GroupWeight] = []
  /// A table-wide deviation explanation from a footer row (`偏差大或目标未完成原因分析 | …`,
  /// Hubei), which stands for every row's. Not in the canonical JSON.
  public var deviationNote: String?

  public init(source: Source, kind: Kind) {
    self.source = source
    self.kind = kind
    funds = []
    goals = Goals()
    indicators = []
    cells = [:]
  }
}

/// Where a table was found.
public struct Source: Sendable, Equatable {
  public var file: String
  public var sheet: String
  /// The block the table occupies, `A1:I40`.
  public var range: String

  public init(file: String, sheet: String, range: String) {
    self.file = file
    self.sheet = sheet
    self.range = range
  }
}

/// One row of the funds block (项目资金 / 预算执行情况). Amounts are in 万元.
public struct FundsRow: Sendable, Equatable {
  /// Canonical item (`年度资金总额`, `当年财政拨款` …) or the raw label.
  public var item: String
  public var initialBudget: Double?
  public var budget: Double?
  public var executed: Double?
  /// Execution rate as a fraction (0.49, not 49).
  public var rate: Double?
  public var weight: Double?
  public var score: Double?
  /// `元` when the table's amounts were converted from 元.
  public var sourceUnit: String?
  /// Text of a 原因/说明 column on this row (why execution is low). Not in the canonical JSON.
  public var explanation: String?
  /// Field → A1 reference.
  public var cells: CellMap

  public init(item: String) {
    self.item = item
    cells = [:]
  }
}

/// 年度总体目标: what was planned and what was achieved.
public struct Goals: Sendable, Equatable {
  public var expected: String?
  public var actual: String?
  public var cells: CellMap = [:]

  public init(expected: String? = nil, actual: String? = nil) {
    self.expected = expected
    self.actual = actual
  }
}

/// One row of the indicator table.
///
/// A value, with its fields in one shared object copied on write: a merge hands every
/// indicator to several checks and to both outputs, each of which took a copy, counting
/// references to nine texts (atomic counts; about 21,000 copies in a merge of 200 files).
public struct Indicator: Sendable, Equatable {
  /// Canonical 一级 name (`产出指标` …) or the raw text.
  public var level1: String? {
    get { storage.fields.level1 }
    _modify { yield &uniqueStorage.fields.level1 }
  }
  /// Canonical 二级 name (`数量指标` …) or the raw text.
  public var level2: String? {
    get { storage.fields.level2 }
    _modify { yield &uniqueStorage.fields.level2 }
  }
  /// The indicator's name without its "(5 分)" suffix or "指标1：" prefix.
  public var name: String {
    get { storage.fields.name }
    _modify { yield &uniqueStorage.fields.name }
  }
  public var target: Value? {
    get { storage.fields.target }
    _modify { yield &uniqueStorage.fields.target }
  }
  public var actual: Value? {
    get { storage.fields.actual }
    _modify { yield &uniqueStorage.fields.actual }
  }
  public var weight: Double? {
    get { storage.fields.weight }
    _modify { yield &uniqueStorage.fields.weight }
  }
  public var score: Double? {
    get { storage.fields.score }
    _modify { yield &uniqueStorage.fields.score }
  }
  public var deviation: String? {
    get { storage.fields.deviation }
    _modify { yield &uniqueStorage.fields.deviation }
  }
  /// 1-based sheet row.
  public var row: Int {
    get { storage.fields.row }
    _modify { yield &uniqueStorage.fields.row }
  }
  /// Field → A1 reference.
  public var cells: CellMap {
    get { storage.fields.cells }
    _modify { yield &uniqueStorage.fields.cells }
  }

  private var storage: Storage

  public init(name: String, row: Int) {
    storage = Storage(Fields(name: name, row: row))
  }

  public static func == (lhs: Indicator, rhs: Indicator) -> Bool {
    lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
  }

  /// The storage, copied first if another indicator shares it.
  private var uniqueStorage: Storage {
    mutating get {
      if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
      return storage
    }
  }

  /// The shared object. Written only through ``uniqueStorage``, so never while shared;
  /// and never read while written (an indicator is one value, not shared memory), so
  /// its accesses need no run-time exclusivity checks (4.8 M instructions in a merge of
  /// 200 files, more than half of what sharing saves).
  private final class Storage: @unchecked Sendable {
    @exclusivity(unchecked) var fields: Fields
    init(_ fields: Fields) { self.fields = fields }
  }

  private struct Fields: Equatable {
    var level1: String?
    var level2: String?
    var name: String
    var target: Value?
    var actual: Value?
    var weight: Double?
    var score: Double?
    var deviation: String?
    var row: Int
    var cells: CellMap = [:]
  }
}

/// A target or actual value: the text as typed, and what it means.
public struct Value: Sendable, Equatable {
  /// A comparison operator.
  public enum Operator: String, Sendable, Equatable, CaseIterable {
    case atLeast = ">="
    case atMost = "<="
    case equal = "="
    case greater = ">"
    case less = "<"
  }

  /// Exactly as typed.
  public var text: String
  public var op: Operator?
  /// The number (a percentage 95% is 95 with unit `%`); nil for qualitative text.
  public var number: Double?
  public var unit: String?

  public init(text: String, op: Operator? = nil, number: Double? = nil, unit: String? = nil) {
    self.text = text
    self.op = op
    self.number = number
    self.unit = unit
  }
}
