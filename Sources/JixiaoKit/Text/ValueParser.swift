import Foundation
import XLSX

/// Reads cell values (`../shared/DOMAIN.md` §3 Value): targets and actuals with their
/// sign, number and unit; weights and scores; amounts; execution rates.
///
/// Uses only these mapping fields: `signs`, `signWords`, `notApplicable`, `units`,
/// `indicators.namePrefixes` and `indicators.nonOperatorNatures`. All of them are
/// compared in ``LabelText`` normal form, whatever form the mapping stores them in.
///
/// A text is quantitative only when the whole of it is
/// `[sign word][sign][number][unit][sign word]` (spaces allowed between the parts):
/// `≥90%`, `≥ 90%`, `不低于95%`, `95%以上`, `<=6962人`, `1,234.5万元`, `１００％`.
/// Anything else keeps `number` and `unit` nil. A leading sign or sign word still sets
/// `op` when the rest is not a number (`≥有效` → `>=`, nil), because the direction is
/// what the unit wrote; a trailing word (`以上`) counts only after a number.
///
/// Texts without whitespace (most cells) are read on their UTF-8 bytes, in place
/// (`ValueParser+Bytes.swift`); the results are those of the general path, bit for bit.
///
/// Immutable; a class so that the many calls made while finding a table copy nothing.
public final class ValueParser: Sendable {
  /// A sign or sign word in normal form, as scalars, with its operator.
  struct Token: Sendable {
    var scalars: [Unicode.Scalar]
    var op: Value.Operator
  }

  /// Signs and prefix words, longest first (`>=` before `>`).
  let leading: [Token]
  /// The scalars that leading tokens start with: a text starting otherwise (most values)
  /// is not tried against every token.
  let leadingStarts: Set<Unicode.Scalar>
  /// Suffix words, longest first (`及以上` before `以上`).
  let trailing: [Token]
  /// The scalars that trailing tokens end with.
  let trailingEnds: Set<Unicode.Scalar>
  /// Every sign and word in normal form, for an operator column. (Texts here and below
  /// are looked up as ``ByteKey``s: hashing a `String` normalises it first.)
  let operators: [ByteKey: Value.Operator]
  let nonOperatorNatures: Set<ByteKey>
  let notApplicable: Set<ByteKey>
  /// Single-scalar markers (`-`, `/`, `…`) that also mean "not applicable" when repeated (`——`).
  let repeatableMarkers: Set<Unicode.Scalar>
  /// Unit alias in normal form → canonical unit.
  let units: [ByteKey: String]
  let namePrefixes: AliasSet

  // The same tables for the fast path on UTF-8 bytes (ValueParser+Bytes.swift).
  /// `leading` as bytes, grouped by first scalar; `trailing` grouped by last scalar.
  let leadingGroups: [TokenGroup]
  let trailingGroups: [TokenGroup]
  /// `repeatableMarkers` as scalar values.
  let repeatableMarkerValues: [UInt32]
  /// `operators`, `nonOperatorNatures`, `notApplicable` and `units`, looked up by bytes.
  let operatorTable: ByteTable<Value.Operator>
  let nonOperatorNatureTable: ByteTable<Bool>
  let notApplicableTable: ByteTable<Bool>
  let unitTable: ByteTable<String>
  /// The texts a placeholder prefix starts with (exact aliases and the patterns' literal
  /// prefixes) as bytes; nil when a pattern has no literal prefix.
  let namePrefixStarts: [[UInt8]]?

  public init(mapping: Mapping) {
    func tokens(_ table: [Value.Operator: [String]]) -> [Token] {
      var list: [Token] = []
      for op in Value.Operator.allCases {
        for word in table[op] ?? [] {
          let scalars = Array(LabelText.normalize(word).unicodeScalars)
          if !scalars.isEmpty { list.append(Token(scalars: scalars, op: op)) }
        }
      }
      // Longest first; ties keep the order of Operator.allCases (stable sort).
      return list.enumerated().sorted {
        $0.element.scalars.count != $1.element.scalars.count
          ? $0.element.scalars.count > $1.element.scalars.count : $0.offset < $1.offset
      }.map(\.element)
    }
    leading = tokens(mapping.signs.merging(mapping.signWords.prefixes) { $0 + $1 })
    trailing = tokens(mapping.signWords.suffixes)
    leadingStarts = Set(leading.compactMap(\.scalars.first))
    trailingEnds = Set(trailing.compactMap(\.scalars.last))
    var operators: [ByteKey: Value.Operator] = [:]
    for token in leading + trailing {
      let key = ByteKey(String(String.UnicodeScalarView(token.scalars)))
      if operators[key] == nil { operators[key] = token.op }
    }
    self.operators = operators
    nonOperatorNatures = Set(mapping.indicators.nonOperatorNatures.map { ByteKey(LabelText.normalize($0)) })
    let markers = mapping.notApplicable.map(LabelText.normalize).filter { !$0.isEmpty }
    notApplicable = Set(markers.map(ByteKey.init))
    repeatableMarkers = Set(markers.compactMap { $0.unicodeScalars.count == 1 ? $0.unicodeScalars.first : nil })
    var units: [ByteKey: String] = [:]
    for canonical in mapping.units.keys.sorted() {
      for alias in [canonical] + (mapping.units[canonical] ?? []) {
        let key = LabelText.normalize(alias)
        if !key.isEmpty, units[ByteKey(key)] == nil { units[ByteKey(key)] = canonical }
      }
    }
    self.units = units
    namePrefixes = mapping.indicators.namePrefixes

    func groups(_ tokens: [Token], by scalar: (Token) -> Unicode.Scalar?) -> [TokenGroup] {
      var groups: [TokenGroup] = []
      for token in tokens {
        guard let value = scalar(token)?.value else { continue }
        let bytes = ByteToken(bytes: Array(String(String.UnicodeScalarView(token.scalars)).utf8), op: token.op)
        if let index = groups.firstIndex(where: { $0.scalar == value }) {
          groups[index].tokens.append(bytes)
        } else {
          groups.append(TokenGroup(scalar: value, tokens: [bytes]))
        }
      }
      return groups
    }
    leadingGroups = groups(leading) { $0.scalars.first }
    trailingGroups = groups(trailing) { $0.scalars.last }
    repeatableMarkerValues = repeatableMarkers.map(\.value)
    operatorTable = ByteTable(operators.map { ($0.key.text, $0.value) })
    nonOperatorNatureTable = ByteTable(nonOperatorNatures.map { ($0.text, true) })
    notApplicableTable = ByteTable(notApplicable.map { ($0.text, true) })
    unitTable = ByteTable(units.map { ($0.key.text, $0.value) })
    let patternStarts = namePrefixes.patterns.map(\.literalPrefix)
    let starts = namePrefixes.exact.filter { !$0.isEmpty } + patternStarts
    namePrefixStarts = patternStarts.contains("") ? nil : starts.map { Array($0.utf8) }
  }

  // MARK: - Not applicable

  /// Whether `text` means "not applicable" or "nothing": a marker of
  /// `mapping.notApplicable` (`/`, `／`, `—`, `-`, `不适用`, `无`, `……`), a one-character
  /// marker repeated (`——`, `//`), or a bare placeholder prefix (`指标2：`). Blank text is not.
  public func isNotApplicable(_ text: String) -> Bool { isNotApplicable(text, fastPath: true) }

  /// ``isNotApplicable(_:)`` on the fast path (when the text allows) or the general one.
  func isNotApplicable(_ text: String, fastPath: Bool) -> Bool {
    if fastPath, let answer = withNormalBytes(text, { isNotApplicable(normalBytes: $0, $1) }) { return answer }
    return isNotApplicable(normalized: LabelText.normalize(text))
  }

  /// ``isNotApplicable(_:)`` for text already in normal form.
  func isNotApplicable(normalized: String) -> Bool {
    guard !normalized.isEmpty else { return false }
    if notApplicable.contains(ByteKey(normalized)) { return true }
    if let first = normalized.unicodeScalars.first, repeatableMarkers.contains(first),
      normalized.unicodeScalars.allSatisfy({ $0 == first })
    {
      return true
    }
    // Placeholders are short; the length check keeps the patterns off ordinary values.
    if !namePrefixes.isEmpty, normalized.utf8.count <= 24,
      let length = IndicatorName.prefixLength(normalized, prefixes: namePrefixes),
      length == normalized.unicodeScalars.count
    {
      return true
    }
    return false
  }

  /// Whether the cell is missing, blank, blank after trimming, or not applicable.
  public func isBlankOrNotApplicable(_ cell: CellValue?) -> Bool {
    switch cell {
    case nil, .empty?: return true
    case .string(let text)?: return isBlankOrNotApplicable(text)
    default: return false
    }
  }

  /// Whether the text is blank after trimming, or not applicable.
  public func isBlankOrNotApplicable(_ text: String) -> Bool { isBlankOrNotApplicable(text, fastPath: true) }

  func isBlankOrNotApplicable(_ text: String, fastPath: Bool) -> Bool {
    if fastPath, let answer = withNormalBytes(text, { $0.isEmpty || isNotApplicable(normalBytes: $0, $1) }) {
      return answer
    }
    let normalized = LabelText.normalize(text)
    return normalized.isEmpty || isNotApplicable(normalized: normalized)
  }

  // MARK: - Targets and actuals

  /// A target or actual value. Nil for a missing or blank cell. A not-applicable marker
  /// keeps its text with no op, number or unit. A number cell gives its number (text in
  /// shortest form: `95`, `0.95`); a date cell its ISO date as qualitative text.
  ///
  /// - Parameters:
  ///   - unitColumn: the row's 度量单位 / 计量单位 text; supplies the unit of a number
  ///     that has none (`735` + `人次`). Canonical when the mapping knows it.
  ///   - operatorColumn: the row's 指标性质 / 计算符号 text; supplies the op when the
  ///     value has none and the column holds a sign or sign word (not `定量指标`).
  public func value(_ cell: CellValue?, unitColumn: String? = nil, operatorColumn: String? = nil) -> Value? {
    value(cell, unitColumn: unitColumn, operatorColumn: operatorColumn, fastPath: true)
  }

  /// ``value(_:unitColumn:operatorColumn:)`` on the fast path (where the texts allow) or
  /// the general one.
  func value(_ cell: CellValue?, unitColumn: String?, operatorColumn: String?, fastPath: Bool) -> Value? {
    guard let cell else { return nil }
    var columnOperator: Value.Operator? { self.columnOperator(operatorColumn, fastPath: fastPath) }
    switch cell {
    case .empty:
      return nil
    case .string(let text):
      let reading = (fastPath ? readFast(text) : nil) ?? read(text)
      switch reading {
      case .blank: return nil
      case .notApplicable: return Value(text: text)
      case .parsed(let op, let number, let unit):
        var value = Value(text: text, op: op ?? columnOperator, number: number, unit: unit)
        if value.number != nil, value.unit == nil { value.unit = columnUnit(unitColumn, fastPath: fastPath) }
        return value
      }
    case .number(let number):
      guard number.isFinite else { return Value(text: "\(number)", op: columnOperator) }
      return Value(
        text: Self.render(number), op: columnOperator, number: number, unit: columnUnit(unitColumn, fastPath: fastPath))
    case .date(let date):
      return Value(text: FillDate.isoText(date), op: columnOperator)
    case .bool(let flag):
      return Value(text: flag ? "TRUE" : "FALSE", op: columnOperator)
    case .error(let code):
      return Value(text: code, op: columnOperator)
    }
  }

  /// The canonical unit for a unit text: the mapping's canonical unit for a known alias
  /// (`百分比` → `%`, `万` → `万元`), else the text in ``LabelText`` normal form; nil
  /// for blank and not-applicable text.
  public func unit(_ text: String?) -> String? { columnUnit(text, fastPath: true) }

  /// The operator an operator column (指标性质) holds: a sign or sign word, nil for
  /// `定量指标` / `定性指标` (`mapping.indicators.nonOperatorNatures`) and anything else.
  public func columnOperator(_ text: String?) -> Value.Operator? { columnOperator(text, fastPath: true) }

  func columnOperator(_ text: String?, fastPath: Bool) -> Value.Operator? {
    guard let text else { return nil }
    if fastPath, let answer = withNormalBytes(text, { columnOperator(normalBytes: $0, $1) }) { return answer }
    let normalized = LabelText.normalize(text)
    let key = ByteKey(normalized)
    guard !normalized.isEmpty, !nonOperatorNatures.contains(key) else { return nil }
    return operators[key]
  }

  func columnUnit(_ text: String?, fastPath: Bool) -> String? {
    guard let text else { return nil }
    if fastPath, let answer = withNormalBytes(text, { columnUnit(normalBytes: $0, $1) }) { return answer }
    let normalized = LabelText.normalize(text)
    guard !normalized.isEmpty, !isNotApplicable(normalized: normalized) else { return nil }
    return units[ByteKey(normalized)] ?? normalized
  }

  /// What a text cell holds before the unit and operator columns are consulted.
  enum Reading {
    case blank
    case notApplicable
    case parsed(op: Value.Operator?, number: Double?, unit: String?)
  }

  /// The general path's ``Reading`` of a text.
  func read(_ text: String) -> Reading {
    let folded = FoldedText(text)
    guard !folded.isEmpty else { return .blank }
    if isNotApplicable(normalized: folded.compact(0..<folded.count)) { return .notApplicable }
    let parsed = parse(folded)
    return .parsed(op: parsed.op, number: parsed.number, unit: parsed.unit)
  }

  /// Sign, number and unit of a text; `number` nil when the text is not quantitative.
  func parse(_ text: FoldedText) -> (op: Value.Operator?, number: Double?, unit: String?) {
    var folded = text
    folded.dropTrailingPunctuation()
    var position = 0
    var op: Value.Operator?
    // At most a sign and a sign word, in either order (`不低于≥90%` is odd but harmless).
    for _ in 0..<2 {
      position = folded.skipSpaces(position)
      guard position < folded.count, leadingStarts.contains(folded.scalars[position]) else { break }
      var matched: (op: Value.Operator, end: Int)?
      for token in leading {
        if let end = folded.match(token.scalars, at: position) {
          matched = (token.op, end)
          break
        }
      }
      guard let matched else { break }
      if op == nil { op = matched.op }
      position = matched.end
    }
    position = folded.skipSpaces(position)
    guard let (number, numberEnd) = folded.number(at: position) else { return (op, nil, nil) }
    let unitStart = folded.skipSpaces(numberEnd)
    var unitEnd = folded.count
    var trailingOperator: Value.Operator?
    if let last = folded.scalars.last, trailingEnds.contains(last) {
      for token in trailing {
        if let start = folded.matchSuffix(token.scalars, endingAt: folded.count, notBefore: unitStart) {
          trailingOperator = token.op
          unitEnd = start
          break
        }
      }
    }
    let unitText = unitStart < unitEnd ? folded.compact(unitStart..<unitEnd) : ""
    var unit: String?
    if !unitText.isEmpty {
      if let canonical = units[ByteKey(unitText)] {
        unit = canonical
      } else if Self.isUnitLike(unitText) {
        unit = unitText
      } else {
        return (op, nil, nil)
      }
      // `2020年`, `2020年度`, `2020年内`: a year is a period, not a quantity.
      if number == number.rounded(), (1900...2100).contains(number), unitText.unicodeScalars.first == "年" {
        return (op, nil, nil)
      }
    }
    return (op ?? trailingOperator, number, unit)
  }

  /// Whether a text after a number can be an unknown unit (`次`, `人次`, `元/生.年`,
  /// `m2`): each `/`-separated part is 1–4 letters (with `.`, `·`, `(`, `)`, and digits
  /// only after a Latin letter); `%`, `‰`, `℃` … stand alone; the last character is not a
  /// time relation (`内`, `前`, `后`, `底`, `末`, `初`) or an approximation (`左右`, `余`,
  /// `多`), so `12月底` and `3个月左右` stay text.
  static func isUnitLike(_ text: String) -> Bool {
    let scalars = text.unicodeScalars
    guard let last = scalars.last, !notUnitEndings.contains(last) else { return false }
    var segmentLength = 0
    var previous: Unicode.Scalar?
    var count = 0
    for scalar in scalars {
      count += 1
      if count > 16 { return false }
      if scalar == "/" {
        guard segmentLength > 0 else { return false }
        segmentLength = 0
        previous = scalar
        continue
      }
      if segmentLength == 0 {
        // A part starts with a letter or is a lone symbol.
        if standaloneSymbols.contains(scalar) {
          segmentLength = 5  // nothing may follow in this part
        } else if !isAlphabetic(scalar) {
          return false
        }
      } else {
        if segmentLength >= 4 { return false }
        let allowed =
          isAlphabetic(scalar) || innerSymbols.contains(scalar)
          || (FoldedText.isDigit(scalar) && previous.map(FoldedText.isASCIILetter) == true)
          || scalar == "²" || scalar == "³"
        if !allowed { return false }
      }
      segmentLength += 1
      previous = scalar
    }
    return segmentLength > 0
  }

  /// The Unicode Alphabetic property, answered without the property lookup for ASCII and
  /// the CJK Unified Ideographs block (all of it alphabetic; a test checks both).
  @inline(__always)
  static func isAlphabetic(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x41...0x5A, 0x61...0x7A, 0x4E00...0x9FFF: true
    case ..<0x80: false
    default: scalar.properties.isAlphabetic
    }
  }

  static let notUnitEndings: Set<Unicode.Scalar> = ["内", "前", "后", "底", "末", "初", "右", "余", "多"]
  static let standaloneSymbols: Set<Unicode.Scalar> = ["%", "‰", "℃", "°", "㎡", "㎞", "㎏", "㎝", "㎜"]
  static let innerSymbols: Set<Unicode.Scalar> = [".", "·", "(", ")"]

  /// A number in its shortest form to 15 significant digits, as Excel shows it: `95`,
  /// `0.95`, `-3`, `2.5e+20`, and `0.3` for a formula's 0.30000000000000004.
  static func render(_ number: Double) -> String {
    NumberText.shortest(number)
  }

  // MARK: - Weights, scores, amounts, rates

  /// A weight or score: a number cell, or text that is a number with an optional `分`
  /// (`10`, `10分`, `５`, `9.8`, `1,234.5`, ` 20 `). Nil for blank, not applicable, a
  /// date, and text that is not a number.
  public func number(_ cell: CellValue?) -> Double? { number(cell, fastPath: true) }

  func number(_ cell: CellValue?, fastPath: Bool) -> Double? {
    switch cell {
    case .number(let number)?: return number.isFinite ? number : nil
    case .string(let text)?:
      guard let (number, rest) = leadingNumber(text, fastPath: fastPath) else { return nil }
      return rest.isEmpty || rest == "分" ? number : nil
    default: return nil
    }
  }

  /// A money amount with the unit written in the cell (`50万` → (50, `万元`), `72890元`
  /// → (72890, `元`), `387664.62` → (387664.62, nil)); number cells have no unit. The
  /// unit must be one the mapping knows whose canonical form ends in `元`. A leading
  /// `¥`/`￥` is allowed.
  public func amount(_ cell: CellValue?) -> (value: Double, unit: String?)? { amount(cell, fastPath: true) }

  func amount(_ cell: CellValue?, fastPath: Bool) -> (value: Double, unit: String?)? {
    switch cell {
    case .number(let number)?: return number.isFinite ? (number, nil) : nil
    case .string(let text)?:
      guard let (number, rest) = leadingNumber(text, currency: true, fastPath: fastPath) else { return nil }
      if rest.isEmpty { return (number, nil) }
      guard let canonical = units[ByteKey(rest)], canonical.hasSuffix("元"), !canonical.contains("/") else { return nil }
      return (number, canonical)
    default: return nil
    }
  }

  /// An execution rate (执行率) as a fraction: `49%` → 0.49, `100.00%` → 1, a number cell
  /// 0.49 → 0.49. A bare number (cell or text) above 1.5 is read as percentage points,
  /// as under a header `执行率(%)`: 49 → 0.49, 150 → 1.5; up to 1.5 it is already a
  /// fraction (an over-execution of 120% written as a fraction is 1.2). Nil for blank,
  /// not applicable and text that is not a rate.
  public func rate(_ cell: CellValue?) -> Double? { rate(cell, fastPath: true) }

  func rate(_ cell: CellValue?, fastPath: Bool) -> Double? {
    switch cell {
    case .number(let number)?:
      guard number.isFinite else { return nil }
      return number > 1.5 ? number / 100 : number
    case .string(let text)?:
      guard let (number, rest) = leadingNumber(text, fastPath: fastPath) else { return nil }
      if rest.isEmpty { return number > 1.5 ? number / 100 : number }
      return rest == "%" || units[ByteKey(rest)] == "%" ? number / 100 : nil
    default: return nil
    }
  }

  /// The number a text starts with and the rest in normal form; nil when blank, not
  /// applicable or not starting with a number.
  private func leadingNumber(_ text: String, currency: Bool = false, fastPath: Bool) -> (Double, String)? {
    if fastPath, let answer = withNormalBytes(text, { leadingNumber(normalBytes: $0, $1, currency: currency) }) {
      return answer
    }
    var folded = FoldedText(text)
    guard !folded.isEmpty, !isNotApplicable(normalized: folded.compact(0..<folded.count)) else { return nil }
    folded.dropTrailingPunctuation()
    var position = 0
    if currency, let first = folded.scalars.first, first == "¥" || first == "￥" {
      position = folded.skipSpaces(1)
    }
    guard let (number, end) = folded.number(at: position) else { return nil }
    return (number, folded.compact(end..<folded.count))
  }
}
