/// The alias sets table finding tries, in the order it tries them, as lists derived once
/// per mapping (``Mapping/finderTables``) rather than for every sheet.
struct FinderTables: Sendable {
  /// Header-block fields, in ``HeaderField`` order.
  let headerCandidates: [(HeaderField, AliasSet)]
  /// Indicator-table columns, in ``IndicatorColumn`` order.
  let indicatorColumns: [(IndicatorColumn, AliasSet)]
  /// Funds-block columns, in ``FundsColumn`` order.
  let fundsColumns: [(FundsColumn, AliasSet)]
  /// The funds rows of the mapping's `itemOrder`, in that order, and the other funds rows by name.
  let orderedFundsRows: [(String, AliasSet)]
  let otherFundsRows: [(String, AliasSet)]
  /// The prefixes of funds sub-rows (`其中:`), normalised.
  let fundsSubRowPrefixes: [String]

  init(_ mapping: Mapping) {
    headerCandidates = HeaderField.allCases.compactMap { field in mapping.header[field].map { (field, $0) } }
    indicatorColumns = IndicatorColumn.allCases.compactMap { column in
      mapping.indicators.columns[column].map { (column, $0) }
    }
    fundsColumns = FundsColumn.allCases.compactMap { column in mapping.funds.columns[column].map { (column, $0) } }
    let rows = mapping.funds.rows
    let order = mapping.funds.itemOrder
    orderedFundsRows = order.compactMap { item in rows[item].map { (item, $0) } }
    otherFundsRows = rows.filter { !order.contains($0.key) }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    fundsSubRowPrefixes = mapping.funds.subRowPrefixes.map(LabelText.normalize)
  }
}
