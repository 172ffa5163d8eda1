/// Texts that every match of a regular expression must contain, read off the pattern:
/// `^(指标|自评)?得分(\(分\))?$` needs `得分`; `^(部门|单位)名称$` needs `名称` and one of
/// `部门` / `单位`. Checking them on UTF-8 bytes costs far less than running the
/// expression, and most cells a label is looked for in are values that fail at once.
/// Conservative: anything it cannot read (top-level `|`, inline options, nested groups)
/// adds no requirement, so the expression still decides.
struct PatternPrefilter: Sendable {
  /// Each clause is satisfied when the text contains one of its literals (UTF-8).
  private(set) var clauses: [[[UInt8]]] = []
  /// Characters every admitted text has: those of each clause's literals in common.
  private(set) var required = TextSignature.empty

  init(_ source: String) {
    guard !AliasSet.Pattern.hasTopLevelAlternation(source), !source.contains("(?") else { return }
    // Read by scalars, as the expression engine reads it (a combining mark after `*` is a
    // character of its own, not part of the `*`).
    let characters = Array(source.unicodeScalars)
    var run: [Unicode.Scalar] = []
    func endRun() {
      if !run.isEmpty { clauses.append([Self.utf8(run)]) }
      run = []
    }
    var index = 0
    while index < characters.count {
      let character = characters[index]
      switch character {
      case "*", "?", "{":
        // The character before is optional (or counted): it leaves the run.
        if !run.isEmpty { run.removeLast() }
        endRun()
        if character == "{" { index = characters[index...].firstIndex(of: "}") ?? characters.count }
      case "+":
        endRun()
      case "\\":
        endRun()
        index += 1  // the escaped character
      case "[":
        endRun()
        index = Self.closingBracket(characters, from: index)
      case "(":
        endRun()
        let close = Self.closingParenthesis(characters, from: index)
        let next = close + 1 < characters.count ? characters[close + 1] : nil
        if next != "?", next != "*", next != "{", let alternatives = Self.requiredAlternatives(characters[(index + 1)..<close]) {
          clauses.append(alternatives)
        }
        index = close
      case ".", "^", "$", ")", "]", "}", "|":
        endRun()
      default:
        run.append(character)
      }
      index += 1
    }
    endRun()
    required = Self.requiredSignature(clauses)
  }

  /// Whether `text` contains a literal of every clause.
  func admits(_ text: String) -> Bool {
    admits(text, signature: TextSignature(text))
  }

  /// ``admits(_:)`` for a text whose signature is known.
  func admits(_ text: String, signature: TextSignature) -> Bool {
    signature.covers(required) && containsClauses(text)
  }

  /// The byte test alone, for a caller that has checked ``required`` already.
  func containsClauses(_ text: String) -> Bool {
    ByteKey.withUTF8(text) { haystack in
      for clause in clauses {
        var found = false
        for literal in clause where literal.withUnsafeBufferPointer({ ByteKey.contains(haystack, $0) }) {
          found = true
          break
        }
        if !found { return false }
      }
      return true
    }
  }

  private static func requiredSignature(_ clauses: [[[UInt8]]]) -> TextSignature {
    var required = TextSignature.empty
    for clause in clauses {
      guard let first = clause.first else { continue }
      let common = clause.dropFirst().reduce(TextSignature(bytes: first)) { $0.intersection(TextSignature(bytes: $1)) }
      required = required.union(common)
    }
    return required
  }

  /// A text each alternative of a required group contains, one per alternative: `部门|单位`
  /// → [`部门`, `单位`], `决算数|实际支出(数)?` → [`决算数`, `实际支出`] (an alternative's
  /// longest text that is required on its own, read off it as off a whole pattern). Nil
  /// when some alternative has no such text: the group then promises nothing.
  private static func requiredAlternatives(_ group: ArraySlice<Unicode.Scalar>) -> [[UInt8]]? {
    if let plain = plainAlternatives(group) { return plain }
    var literals: [[UInt8]] = []
    for alternative in topLevelAlternatives(group) {
      let inner = PatternPrefilter(String(String.UnicodeScalarView(alternative)))
      guard let literal = inner.clauses.filter({ $0.count == 1 }).map({ $0[0] }).max(by: { $0.count < $1.count })
      else { return nil }
      if !literals.contains(literal) { literals.append(literal) }
    }
    return literals.isEmpty ? nil : literals
  }

  /// The alternatives of `group`, split at the `|`s outside its own groups and classes
  /// (classes skipped as ``closingBracket(_:from:)`` reads them).
  private static func topLevelAlternatives(_ group: ArraySlice<Unicode.Scalar>) -> [ArraySlice<Unicode.Scalar>] {
    let characters = Array(group)
    var alternatives: [ArraySlice<Unicode.Scalar>] = []
    var start = 0
    var depth = 0
    var index = 0
    while index < characters.count {
      switch characters[index] {
      case "\\": index += 1  // the escaped character
      case "[": index = closingBracket(characters, from: index)
      case "(": depth += 1
      case ")": depth -= 1
      case "|" where depth == 0:
        alternatives.append(characters[start..<index])
        start = index + 1
      default: break
      }
      index += 1
    }
    alternatives.append(characters[start...])
    return alternatives
  }

  /// `部门|单位` → [`部门`, `单位`] when every alternative is plain, non-empty text.
  private static func plainAlternatives(_ group: ArraySlice<Unicode.Scalar>) -> [[UInt8]]? {
    let special: Set<Unicode.Scalar> = ["\\", ".", "[", "]", "(", ")", "{", "}", "*", "+", "?", "^", "$"]
    guard !group.contains(where: special.contains) else { return nil }
    let alternatives = group.split(separator: "|", omittingEmptySubsequences: false)
    guard !alternatives.contains(where: \.isEmpty) else { return nil }
    return alternatives.map { utf8($0) }
  }

  /// The UTF-8 bytes of `scalars`.
  private static func utf8(_ scalars: some Sequence<Unicode.Scalar>) -> [UInt8] {
    var bytes: [UInt8] = []
    for scalar in scalars { bytes.append(contentsOf: scalar.utf8) }
    return bytes
  }

  /// The index of the `]` that closes the class opened at `start` (the last index if none).
  private static func closingBracket(_ characters: [Unicode.Scalar], from start: Int) -> Int {
    var index = start + 1
    if index < characters.count, characters[index] == "^" { index += 1 }
    if index < characters.count, characters[index] == "]" { index += 1 }  // `[]…]`: a literal ]
    while index < characters.count {
      if characters[index] == "\\" {
        index += 2
        continue
      }
      if characters[index] == "]" { return index }
      index += 1
    }
    return characters.count - 1
  }

  /// The index of the `)` that closes the group opened at `start` (the last index if none).
  private static func closingParenthesis(_ characters: [Unicode.Scalar], from start: Int) -> Int {
    var depth = 0
    var index = start
    while index < characters.count {
      switch characters[index] {
      case "\\": index += 1
      case "[": index = closingBracket(characters, from: index)
      case "(": depth += 1
      case ")":
        depth -= 1
        if depth == 0 { return index }
      default: break
      }
      index += 1
    }
    return characters.count - 1
  }
}
