/// The alias sets table finding tries, in the order it tries them, as lists derived once
/// per mapping (``Mapping/finderTables``) rather than for every sheet.
struct FinderTables: Sendable {
  /// Header-block fields, in ``HeaderField`` order.
  let headerCandidates: AliasCandidates<HeaderField>
  /// Indicator-table columns, in ``IndicatorColumn`` order.
  let indicatorColumns: AliasCandidates<IndicatorColumn>
  /// Funds-block columns, in ``FundsColumn`` order.
  let fundsColumns: AliasCandidates<FundsColumn>
  /// The funds rows of the mapping's `itemOrder`, in that order, and the other funds rows by name.
  let orderedFundsRows: AliasCandidates<String>
  let otherFundsRows: AliasCandidates<String>
  /// The prefixes of funds sub-rows (`其中:`), normalised.
  let fundsSubRowPrefixes: [String]
  /// Every goal label (预期目标, 实际完成情况 and the block's): a text that matches none
  /// is passed over with one test instead of three.
  let goalLabels: AliasSet

  init(_ mapping: Mapping) {
    headerCandidates = AliasCandidates(HeaderField.allCases.compactMap { field in mapping.header[field].map { (field, $0) } })
    indicatorColumns = AliasCandidates(
      IndicatorColumn.allCases.compactMap { column in mapping.indicators.columns[column].map { (column, $0) } })
    fundsColumns = AliasCandidates(
      FundsColumn.allCases.compactMap { column in mapping.funds.columns[column].map { (column, $0) } })
    let rows = mapping.funds.rows
    let order = mapping.funds.itemOrder
    orderedFundsRows = AliasCandidates(order.compactMap { item in rows[item].map { (item, $0) } })
    otherFundsRows = AliasCandidates(
      rows.filter { !order.contains($0.key) }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    fundsSubRowPrefixes = mapping.funds.subRowPrefixes.map(LabelText.normalize)
    var goalLabels = mapping.goals.expected
    goalLabels.add(mapping.goals.actual)
    goalLabels.add(mapping.goals.blockLabels)
    self.goalLabels = goalLabels
  }
}

/// Alias sets tried in order, the first that matches winning, with their union: most
/// texts tried (values, other labels) match none of the sets, and the union says so in
/// one test instead of one per set.
struct AliasCandidates<Key: Sendable>: Sendable {
  let entries: [(key: Key, aliases: AliasSet)]
  /// Every alias of every set.
  private let any: AliasSet
  /// For each exact alias of ``any`` (by its position in `any.exact`), the set that wins
  /// for that text and the alias it matches, worked out once: a label that is an exact
  /// alias is then answered by one lookup instead of trying the sets in turn.
  private let exactWinners: [(entry: Int, alias: String)?]

  init(_ entries: [(Key, AliasSet)]) {
    let entries = entries.map { (key: $0.0, aliases: $0.1) }
    self.entries = entries
    var union = AliasSet()
    for entry in entries { union.add(entry.aliases) }
    any = union
    exactWinners = union.exact.map { alias in Self.firstMatch(alias, signature: TextSignature(alias), in: entries) }
  }

  /// The first set that `label` (in normal form, with its signature) matches, with the alias.
  func match(_ label: String, signature: TextSignature) -> (key: Key, alias: String)? {
    if let position = any.exactPosition(label, signature: signature) {
      return exactWinners[position].map { (entries[$0.entry].key, $0.alias) }
    }
    guard any.patternMatch(label, signature: signature) != nil else { return nil }
    // Not an exact alias of any set (the union holds them all): only patterns can match.
    // By index: a `for (key, aliases) in` loop copies (retains) every set it tries.
    for index in entries.indices {
      if let alias = entries[index].aliases.patternMatch(label, signature: signature) { return (entries[index].key, alias) }
    }
    return nil
  }

  /// The first of `entries` that `label` matches, by trying each in turn (exact aliases
  /// and patterns), with the alias.
  private static func firstMatch(
    _ label: String, signature: TextSignature, in entries: [(key: Key, aliases: AliasSet)]
  ) -> (entry: Int, alias: String)? {
    for index in entries.indices {
      if let alias = entries[index].aliases.match(label, signature: signature) { return (index, alias) }
    }
    return nil
  }
}
