/// The longest text, in UTF-8 bytes, that a pattern anchored at both ends can match:
/// `^(项目)?(实施|执行)单位(名称)?:?$` matches at most 25 bytes, so a cell holding a
/// sentence is turned away without looking inside it. Conservative: nil (no bound) for a
/// pattern not anchored with `^` … `$` as a whole, with an unbounded repeat (`*`, `+`,
/// `{n,}`), or with anything it does not read (inline options, back-references, `\p{…}`).
enum PatternLength {
  /// Bytes allowed beyond the bound: `$` also matches before a final line break (labels
  /// are compared without whitespace, but a caller may pass any text).
  static let lineBreakSlack = 4
  /// Larger bounds are given up on (nested counted repeats multiply).
  static let maxBound = 1 << 20

  static func maxUTF8Bytes(_ source: String) -> Int? {
    // Read by scalars, as the expression engine reads the pattern (a combining mark after
    // `*` is a character of its own, not part of the `*`).
    let characters = Array(source.unicodeScalars)
    guard characters.first == "^", characters.count >= 2, characters.last == "$",
      characters[characters.count - 2] != "\\", !source.contains("(?")
    else { return nil }
    let body = 1..<(characters.count - 1)
    // `^a|b$` is `^a` or `b$`: not anchored as a whole.
    guard !hasAlternation(characters, body) else { return nil }
    return sequence(characters, body).map { $0 + lineBreakSlack }
  }

  /// Whether `range` has a `|` outside groups and classes.
  private static func hasAlternation(_ characters: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
    var depth = 0
    var index = range.lowerBound
    while index < range.upperBound {
      switch characters[index] {
      case "\\": index += 1
      case "[": index = closingBracket(characters, from: index, before: range.upperBound)
      case "(": depth += 1
      case ")": depth -= 1
      case "|" where depth == 0: return true
      default: break
      }
      index += 1
    }
    return false
  }

  /// The longest match of the alternatives in `range` (split at `|` outside groups and
  /// classes), nil when one is unbounded.
  private static func alternatives(_ characters: [Unicode.Scalar], _ range: Range<Int>) -> Int? {
    var longest = 0
    var start = range.lowerBound
    var depth = 0
    var index = range.lowerBound
    while index < range.upperBound {
      switch characters[index] {
      case "\\": index += 1
      case "[": index = closingBracket(characters, from: index, before: range.upperBound)
      case "(": depth += 1
      case ")": depth -= 1
      case "|" where depth == 0:
        guard let length = sequence(characters, start..<index) else { return nil }
        longest = max(longest, length)
        start = index + 1
      default: break
      }
      index += 1
    }
    guard let length = sequence(characters, start..<range.upperBound) else { return nil }
    return max(longest, length)
  }

  /// The longest match of the atoms in `range`, one after another, each with its repeat.
  private static func sequence(_ characters: [Unicode.Scalar], _ range: Range<Int>) -> Int? {
    var total = 0
    var index = range.lowerBound
    while index < range.upperBound {
      let atom: Int
      switch characters[index] {
      case "\\":
        guard index + 1 < range.upperBound else { return nil }
        let escaped = characters[index + 1]
        if "dDwWsS".unicodeScalars.contains(escaped) {
          atom = 4
        } else if escaped.properties.isAlphabetic || escaped.properties.numericType != nil || escaped.value >= 0x80 {
          return nil  // back-references, \p{…}, \x{…}, \u…, anchors, anything unusual: not read
        } else {
          atom = 1  // an escaped ASCII sign: `\(`, `\.`
        }
        index += 2
      case "[":
        let close = closingBracket(characters, from: index, before: range.upperBound)
        guard close < range.upperBound, characters[close] == "]" else { return nil }
        atom = 4  // one character of the class, whatever it is
        index = close + 1
      case "(":
        guard let close = closingParenthesis(characters, from: index, before: range.upperBound),
          let inner = alternatives(characters, (index + 1)..<close)
        else { return nil }
        atom = inner
        index = close + 1
      case ".":
        atom = 4
        index += 1
      case ")", "]", "{", "}", "*", "+", "?", "^", "$", "|":
        return nil  // out of place: not read
      default:
        atom = UTF8.width(characters[index])
        index += 1
      }
      // The repeat that follows the atom, if any.
      var count = 1
      var repeated = false
      if index < range.upperBound {
        switch characters[index] {
        case "?":
          repeated = true
          index += 1
        case "*", "+":
          return nil
        case "{":
          guard let close = characters[index..<range.upperBound].firstIndex(of: "}") else { return nil }
          var digits = String.UnicodeScalarView()
          digits.append(contentsOf: characters[(index + 1)..<close])
          let bounds = String(digits).split(separator: ",", omittingEmptySubsequences: false)
          guard bounds.count <= 2, let most = bounds.last.flatMap({ Int($0) }), most <= 1_000 else { return nil }
          count = most
          repeated = true
          index = close + 1
        default:
          break
        }
      }
      // A lazy (`??`) or possessive (`?+`) repeat matches no more than the plain one.
      if repeated, index < range.upperBound, characters[index] == "?" || characters[index] == "+" { index += 1 }
      // Beyond a bound no label comes near, stop counting (and never overflow).
      let (repeatedBytes, overflow) = atom.multipliedReportingOverflow(by: count)
      guard !overflow, repeatedBytes <= maxBound - total else { return nil }
      total += repeatedBytes
    }
    return total
  }

  /// The index of the `]` closing the class opened at `start`, or `end` if none before it.
  private static func closingBracket(_ characters: [Unicode.Scalar], from start: Int, before end: Int) -> Int {
    var index = start + 1
    if index < end, characters[index] == "^" { index += 1 }
    if index < end, characters[index] == "]" { index += 1 }  // `[]…]`: a literal ]
    while index < end {
      if characters[index] == "\\" {
        index += 2
        continue
      }
      if characters[index] == "[" { return end }  // a nested class: not read
      if characters[index] == "]" { return index }
      index += 1
    }
    return end
  }

  /// The index of the `)` closing the group opened at `start`, nil if none before `end`.
  private static func closingParenthesis(_ characters: [Unicode.Scalar], from start: Int, before end: Int) -> Int? {
    var depth = 0
    var index = start
    while index < end {
      switch characters[index] {
      case "\\": index += 1
      case "[":
        index = closingBracket(characters, from: index, before: end)
        if index == end { return nil }
      case "(": depth += 1
      case ")":
        depth -= 1
        if depth == 0 { return index }
      default: break
      }
      index += 1
    }
    return nil
  }
}
