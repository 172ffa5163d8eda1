/// Builds the ``Mapping`` model from a checked (and merged) tree, and checks what needs
/// more than one section: `totalItems` among the `rows`, weight groups among the
/// categories, grade names among the grades, the order of the qualitative bands.
struct MappingBuilder {
  let tree: MappingNode

  func build() throws -> Mapping {
    var mapping = Mapping(name: try text("name"))
    mapping.version = Int(try text("version")) ?? 1

    for kind in Report.Kind.allCases {
      mapping.titles[kind] = try aliases("titles", kind.rawValue)
    }
    mapping.nonSelfEvaluationTitles = try aliases("nonSelfEvaluationTitles")
    for field in HeaderField.allCases {
      mapping.header[field] = try aliases("header", field.rawValue)
    }
    mapping.totalRow = try aliases("totalRow")
    mapping.footerRows = try aliases("footerRows")

    mapping.funds.blockLabels = try aliases("funds", "blockLabels")
    for column in FundsColumn.allCases {
      mapping.funds.columns[column] = try aliases("funds", "columns", column.rawValue)
    }
    let rows = try node("funds", "rows")
    for entry in rows.entries {
      mapping.funds.rows[entry.key] = Self.aliasSet(entry.value)
      mapping.funds.itemOrder.append(entry.key)
    }
    // Longest first, so that `其中:` is dropped whole rather than `其中` leaving the colon.
    let prefixes = try node("funds", "subRowPrefixes").items.map { LabelText.normalize($0.text) }
    mapping.funds.subRowPrefixes = Self.unique(prefixes).enumerated()
      .sorted { ($0.element.count, -$0.offset) > ($1.element.count, -$1.offset) }.map(\.element)
    for item in try node("funds", "totalItems").items {
      guard mapping.funds.rows[item.text] != nil else {
        throw MappingError(
          .badValue, at: item.location, keyPath: "funds.totalItems",
          "合计行「\(item.text)」不是 funds.rows 中的资金行；现有：\(mapping.funds.itemOrder.joined(separator: "、"))")
      }
      if !mapping.funds.totalItems.contains(item.text) { mapping.funds.totalItems.append(item.text) }
    }

    mapping.goals.blockLabels = try aliases("goals", "blockLabels")
    mapping.goals.expected = try aliases("goals", "expected")
    mapping.goals.actual = try aliases("goals", "actual")

    mapping.indicators.blockLabels = try aliases("indicators", "blockLabels")
    for column in IndicatorColumn.allCases {
      mapping.indicators.columns[column] = try aliases("indicators", "columns", column.rawValue)
    }
    mapping.indicators.namePrefixes = try aliases("indicators", "namePrefixes")
    mapping.indicators.placeholders = try aliases("indicators", "placeholders")
    mapping.indicators.nonOperatorNatures = Self.withNormalForms(try node("indicators", "nonOperatorNatures"))

    for entry in try node("categories").entries {
      let children = (entry.value["children"]?.entries ?? []).map {
        Category.Child(name: $0.key, synonyms: Self.aliasSet($0.value))
      }
      let synonyms = entry.value["synonyms"].map(Self.aliasSet) ?? AliasSet()
      mapping.categories.append(Category(name: entry.key, synonyms: synonyms, children: children))
    }

    for entry in try node("signs").entries {
      guard let op = Value.Operator(rawValue: entry.key) else { continue }
      mapping.signs[op] = Self.words(entry.value)
    }
    for entry in try node("signWords", "prefixes").entries {
      guard let op = Value.Operator(rawValue: entry.key) else { continue }
      mapping.signWords.prefixes[op] = Self.words(entry.value)
    }
    for entry in try node("signWords", "suffixes").entries {
      guard let op = Value.Operator(rawValue: entry.key) else { continue }
      mapping.signWords.suffixes[op] = Self.words(entry.value)
    }
    mapping.notApplicable = Self.withNormalForms(try node("notApplicable"))
    for entry in try node("units").entries {
      mapping.units[entry.key] = Self.words(entry.value)
    }
    for entry in try node("grades").entries {
      mapping.grades[entry.key] = Self.words(entry.value)
    }

    mapping.weights.funds = try number("weights", "funds")
    for entry in try node("weights", "groups").entries {
      guard mapping.categories.contains(where: { $0.name == entry.key }) else {
        throw MappingError(
          .badValue, at: entry.keyLocation, keyPath: "weights.groups",
          "「\(entry.key)」不是 categories 中的一级指标；现有：\(mapping.categories.map(\.name).joined(separator: "、"))")
      }
      mapping.weights.groups[entry.key] = try Self.number(entry.value, keyPath: "weights.groups.\(entry.key)")
    }
    mapping.weights.total = try number("weights", "total")

    mapping.scoring = try scoring(grades: mapping.grades)

    mapping.tolerances.wholeScore = try number("tolerances", "wholeScore")
    mapping.tolerances.score = try number("tolerances", "score")
    mapping.tolerances.wholeRatePoints = try number("tolerances", "wholeRatePoints")
    mapping.tolerances.ratePoints = try number("tolerances", "ratePoints")
    mapping.tolerances.amount = try number("tolerances", "amount")

    for entry in try node("severities").entries {
      guard case .scalar(let word, _) = entry.value else { continue }
      mapping.severities[entry.key] = .some(Severity(rawValue: word))
    }
    return mapping
  }

  private func scoring(grades: [String: [String]]) throws -> ScoringRules {
    var scoring = ScoringRules()
    let formula = try text("scoring", "reverseFormula")
    scoring.reverseFormula = ScoringRules.ReverseFormula(rawValue: formula) ?? .ratio
    let rescale = try node("scoring", "rescaleNotApplicable")
    if case .scalar(let word, _) = rescale { scoring.rescaleNotApplicable = MappingTreeReader.boolean(word) ?? false }
    scoring.achievedBand = try number("scoring", "achievedBand")
    scoring.partlyAchievedBand = try number("scoring", "partlyAchievedBand")
    if scoring.partlyAchievedBand > scoring.achievedBand {
      let band = try node("scoring", "partlyAchievedBand")
      let (partly, achieved) = (scoring.partlyAchievedBand, scoring.achievedBand)
      throw MappingError(
        .badValue, at: band.location, keyPath: "scoring.partlyAchievedBand",
        "“部分达成”的下限 \(MappingTreeReader.format(partly)) 不能高于“达成”的下限 \(MappingTreeReader.format(achieved))")
    }
    var thresholds: [(grade: String, minimum: Double)] = []
    for entry in try node("scoring", "gradeThresholds").entries {
      try checkGrade(entry.key, at: entry.keyLocation, keyPath: "scoring.gradeThresholds", grades: grades)
      thresholds.append((entry.key, try Self.number(entry.value, keyPath: "scoring.gradeThresholds.\(entry.key)")))
    }
    scoring.gradeThresholds = thresholds.sorted { $0.minimum > $1.minimum }
    let lowest = try node("scoring", "lowestGrade")
    scoring.lowestGrade = try text("scoring", "lowestGrade")
    try checkGrade(scoring.lowestGrade, at: lowest.location, keyPath: "scoring.lowestGrade", grades: grades)
    return scoring
  }

  private func checkGrade(_ grade: String, at location: SourceLocation, keyPath: String, grades: [String: [String]])
    throws
  {
    guard grades[grade] == nil else { return }
    throw MappingError(
      .badValue, at: location, keyPath: keyPath,
      "等级「\(grade)」不在 grades 中；现有：\(grades.keys.sorted().joined(separator: "、"))")
  }

  // MARK: - Reading the tree

  /// The node at `path`; a missing one is reported at the nearest map above it.
  private func node(at path: [String]) throws -> MappingNode {
    var current = tree
    for (index, key) in path.enumerated() {
      guard let next = current[key] else {
        throw MappingError(
          .missingKey, at: current.location, keyPath: path[..<index].joined(separator: "."), "缺少必需的键「\(key)」")
      }
      current = next
    }
    return current
  }

  private func node(_ path: String...) throws -> MappingNode { try node(at: path) }

  private func aliases(_ path: String...) throws -> AliasSet { Self.aliasSet(try node(at: path)) }

  private func text(_ path: String...) throws -> String {
    let current = try node(at: path)
    guard case .scalar(let text, _) = current else {
      throw MappingError(.wrongType, at: current.location, keyPath: path.joined(separator: "."), "这里应是一段文字")
    }
    return text
  }

  private func number(_ path: String...) throws -> Double {
    try Self.number(try node(at: path), keyPath: path.joined(separator: "."))
  }

  private static func number(_ node: MappingNode, keyPath: String) throws -> Double {
    guard case .scalar(let text, _) = node, let number = Double(text) else {
      throw MappingError(.wrongType, at: node.location, keyPath: keyPath, "这里应是数字")
    }
    return number
  }

  /// Exact aliases (normalised by ``AliasSet``) and patterns, each once, in file order.
  static func aliasSet(_ node: MappingNode) -> AliasSet {
    let items = node.items
    var set = AliasSet()
    set.add(
      AliasSet(
        exact: items.filter { $0.pattern == nil }.map(\.text),
        patterns: items.compactMap(\.pattern)))
    return set
  }

  /// The words as written, each once.
  static func words(_ node: MappingNode) -> [String] {
    unique(node.items.map(\.text))
  }

  /// The words as written and in ``LabelText`` normal form.
  static func withNormalForms(_ node: MappingNode) -> Set<String> {
    Set(node.items.flatMap { [$0.text, LabelText.normalize($0.text)] }.filter { !$0.isEmpty })
  }

  static func unique(_ words: [String]) -> [String] {
    var seen = Set<String>()
    return words.filter { seen.insert($0).inserted }
  }
}
