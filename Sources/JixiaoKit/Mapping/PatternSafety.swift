/// A check, made when a mapping file is loaded, that a `/regular expression/` cannot
/// make matching take minutes.
///
/// NSRegularExpression (ICU) backtracks and has no time limit on Linux. Measured there:
/// `^(a+)+$` takes 1.2 s on 25 characters and doubles with each one more;
/// `(x+x+)+y`, `^(a|a)*$` alike; `.*.*.*x` takes 87 s on 500 characters. So a pattern is
/// refused when
///
/// 1. a repeated part (`*`, `+`, `{2,}` …) holds a quantifier of its own whose count can
///    vary (`(a+)+`, `(x+x+)+y`, `(\d{1,3})*`, `(ab?)+`): star height above one;
/// 2. a repeated part holds alternatives (`(a|ab)*`, `(\d|[0-9])+`), unless they are
///    distinct single characters (`(甲|乙)+`, which is `[甲乙]+`);
/// 3. it has more than ``maxUnboundedQuantifiers`` quantifiers without an upper bound
///    (`*`, `+`, `{n,}`, or `{n,m}` spanning more than 16), counting one more when it is
///    not anchored with `^` (the matcher then tries every starting position).
///
/// With the text cut to ``AliasSet/Pattern/maxSubjectLength`` characters, what passes
/// costs at most about 256³ steps, well under a second (0.07 s measured for `^.*.*.*x`).
/// The check is conservative: a few harmless shapes (`(ab?)+`) are refused too, with
/// the reason, and can always be written another way.
///
/// The same reading of a pattern gives the longest text it can match
/// (``maxUTF8Bytes(_:)``), which lets label matching skip long value texts.
public enum PatternSafety {
  /// Most quantifiers without an upper bound in one pattern (one fewer when not anchored).
  public static let maxUnboundedQuantifiers = 3

  /// Nil when `source` is safe to match; else why not, in Chinese, for the mapping error.
  public static func problem(in source: String) -> String? {
    var parser = Parser(Array(source.unicodeScalars))
    _ = parser.parseAlternation()
    while !parser.atEnd, parser.problem == nil {  // an unbalanced ')' (the compiler refuses it)
      parser.index += 1
      _ = parser.parseAlternation()
    }
    if let problem = parser.problem { return "正则表达式「\(source)」\(problem)" }
    var count = parser.unboundedCount
    let anchored = source.hasPrefix("^") || source.hasPrefix("\\A")
    if !anchored || AliasSet.Pattern.hasTopLevelAlternation(source) { count += 1 }
    if count > maxUnboundedQuantifiers {
      return "正则表达式「\(source)」中无上限的量词（* + {n,}）太多：最多 \(maxUnboundedQuantifiers) 个，"
        + "不以 ^ 开头时最多 \(maxUnboundedQuantifiers - 1) 个，否则某些文字会让匹配极慢；请删去多余的 .* 或 .+，或以 ^ 开头"
    }
    return nil
  }

  /// The longest text, in UTF-8 bytes, that a pattern anchored at both ends can match,
  /// read by the same parser: `^(项目)?(实施|执行)单位(名称)?:?$` matches at most 25 bytes,
  /// so a cell holding a sentence is turned away without looking inside it. Conservative:
  /// nil (no bound) for a pattern not anchored with `^` … `$` as a whole, with an unbounded
  /// repeat (`*`, `+`, `{n,}`), a `(?…)` construct (flags may fold case), or anything else
  /// it does not read (back-references, `\p{…}`, `\Q…\E`, a class holding a string).
  /// ``lineBreakSlack`` bytes are added for a final line break, before which `$` also
  /// matches.
  static func maxUTF8Bytes(_ source: String) -> Int? {
    let scalars = Array(source.unicodeScalars)
    guard scalars.count >= 2, scalars.first == "^", scalars.last == "$", scalars[scalars.count - 2] != "\\",
      !source.contains("(?")
    else { return nil }
    var parser = Parser(scalars)
    let pattern = parser.parseAlternation()
    // `^a|b$` is `^a` or `b$`: not anchored as a whole.
    guard parser.atEnd, pattern.branches == 1, let bytes = pattern.maxBytes else { return nil }
    return bytes + lineBreakSlack
  }

  /// Bytes allowed beyond ``maxUTF8Bytes(_:)``'s bound for a final line break (labels are
  /// compared without whitespace, but a caller may pass any text).
  static let lineBreakSlack = 4
  /// Bounds above this are given up on (nested counted repeats multiply).
  static let maxBound = 1 << 20

  /// Whether `source` has an end anchor (`$`, `\z`, `\Z`) outside a character class.
  static func looksAtTheEnd(_ source: String) -> Bool {
    var inClass = 0
    var escaped = false
    for scalar in source.unicodeScalars {
      if escaped {
        escaped = false
        if inClass == 0 && (scalar == "z" || scalar == "Z") { return true }
        continue
      }
      switch scalar {
      case "\\": escaped = true
      case "[": inClass += 1
      case "]" where inClass > 0: inClass -= 1
      case "$" where inClass == 0: return true
      default: break
      }
    }
    return false
  }

  /// What the rules need to know of a piece of pattern.
  private struct Info {
    /// Holds a quantifier whose count can vary (`?`, `*`, `+`, `{1,3}`).
    var hasVariableQuantifier = false
    /// Holds a `|` (at any depth).
    var hasAlternation = false
    /// Its top level is an alternation of distinct single literal characters.
    var isLiteralCharacterChoice = false
    /// The piece is exactly this one literal character.
    var literal: Unicode.Scalar?
    /// The longest text the piece matches, in UTF-8 bytes; nil when unbounded or not known.
    var maxBytes: Int?
    /// Its top-level alternatives (1 for anything but an alternation).
    var branches = 1
  }

  /// A recursive-descent reading of ICU syntax, just deep enough for quantifiers,
  /// groups and alternatives; anything else is taken as a character.
  private struct Parser {
    let scalars: [Unicode.Scalar]
    var index = 0
    var unboundedCount = 0
    var problem: String?

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    var atEnd: Bool { index >= scalars.count }
    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
      index + offset < scalars.count ? scalars[index + offset] : nil
    }

    /// Alternatives up to a `)` or the end.
    mutating func parseAlternation() -> Info {
      var branches = [parseSequence()]
      while peek() == "|" {
        index += 1
        branches.append(parseSequence())
      }
      var info = Info()
      info.branches = branches.count
      info.maxBytes = branches.reduce(0) { longest, branch in
        longest.flatMap { longest in branch.maxBytes.map { max(longest, $0) } }
      }
      info.hasVariableQuantifier = branches.contains { $0.hasVariableQuantifier }
      info.hasAlternation = branches.count > 1 || branches.contains { $0.hasAlternation }
      if branches.count > 1 {
        let literals = branches.compactMap(\.literal)
        info.isLiteralCharacterChoice = literals.count == branches.count && Set(literals).count == literals.count
      } else {
        info.isLiteralCharacterChoice = branches[0].isLiteralCharacterChoice
        info.literal = branches[0].literal
      }
      return info
    }

    /// Atoms with their quantifiers up to a `|`, a `)` or the end.
    mutating func parseSequence() -> Info {
      var info = Info()
      info.maxBytes = 0
      var atoms = 0
      while let scalar = peek(), scalar != "|", scalar != ")" {
        guard var atom = parseAtom() else { continue }
        atoms += 1
        if let (minimum, maximum) = parseQuantifier() {
          let repeats = maximum.map { $0 > 1 } ?? true
          if repeats && atom.hasVariableQuantifier && problem == nil {
            problem = "在重复的部分里又有可变次数的量词（如 (a+)+、(x+x+)+、(\\d{1,3})*），某些文字会让匹配花上几分钟甚至更久；请改写，例如 (a+)+ 写成 a+"
          }
          if repeats && atom.hasAlternation && !atom.isLiteralCharacterChoice && problem == nil {
            problem = "在重复的部分里有多个分支（如 (a|ab)*），某些文字会让匹配花上几分钟甚至更久；单个字符的分支请写成字符类，如 [甲乙]+"
          }
          if maximum.map({ $0 - minimum > 16 }) ?? true { unboundedCount += 1 }
          if maximum != minimum { atom.hasVariableQuantifier = true }
          atom.maxBytes = atom.maxBytes.flatMap { bytes in
            maximum.flatMap { maximum in
              let (repeated, overflow) = bytes.multipliedReportingOverflow(by: maximum)
              return overflow || repeated > PatternSafety.maxBound ? nil : repeated
            }
          }
          atom.literal = nil  // a quantified atom is never a single character
          atom.isLiteralCharacterChoice = false
        }
        info.hasVariableQuantifier = info.hasVariableQuantifier || atom.hasVariableQuantifier
        info.hasAlternation = info.hasAlternation || atom.hasAlternation
        info.maxBytes = info.maxBytes.flatMap { total in
          atom.maxBytes.flatMap { total + $0 <= PatternSafety.maxBound ? total + $0 : nil }
        }
        info.literal = atoms == 1 ? atom.literal : nil
        info.isLiteralCharacterChoice = atoms == 1 && atom.isLiteralCharacterChoice
      }
      return info
    }

    /// One atom; nil for what matches nothing and takes no quantifier (a flag group, a comment).
    mutating func parseAtom() -> Info? {
      let scalar = scalars[index]
      index += 1
      switch scalar {
      case "(":
        if peek() == "?" {
          if peek(1) == "#" {
            while let next = peek(), next != ")" { index += 1 }
            index += 1
            return nil
          }
          // (?:  (?=  (?!  (?>  (?<=  (?<!  (?<name>  (?flags)  (?flags:
          index += 1
          if peek() == "<", let next = peek(1), next != "=" && next != "!" {
            while let next = peek(), next != ">" { index += 1 }
            index += 1
          } else if let next = peek(), ":=!>".unicodeScalars.contains(next) {
            index += 1
          } else if peek() == "<" {
            index += 2
          } else {
            while let next = peek(), next.properties.isAlphabetic || next == "-" { index += 1 }
            if peek() == ")" {
              index += 1
              return nil
            }
            index += 1  // ':'
          }
        }
        var inner = parseAlternation()
        if peek() == ")" {
          index += 1
        } else {
          inner.maxBytes = nil  // never closed
        }
        return inner
      case "[":
        var info = Info()
        if !skipClass() { info.maxBytes = 4 }  // one character, unless the set holds a string
        return info
      case "\\":
        guard let next = peek() else { return Info() }
        index += 1
        if next == "Q" {
          while index < scalars.count, !(scalars[index] == "\\" && peek(1) == "E") { index += 1 }
          index = min(index + 2, scalars.count)
          return Info()
        }
        if "pPNxk".unicodeScalars.contains(next), peek() == "{" || peek() == "<" {
          let close: Unicode.Scalar = peek() == "{" ? "}" : ">"
          while let end = peek(), end != close { index += 1 }
          index += 1
          return Info()
        }
        var info = Info()
        if !next.properties.isAlphabetic && !("0"..."9").contains(next) {
          info.literal = next  // \. \( \\ … (not \d, \w or a back-reference \1)
          info.maxBytes = UTF8.width(next)
        } else if "dDwWsS".unicodeScalars.contains(next) {
          info.maxBytes = 4
        }
        return info
      case ".":
        var info = Info()
        info.maxBytes = 4
        return info
      case "^", "$":
        var info = Info()
        info.maxBytes = 0
        return info
      default:
        var info = Info()
        info.literal = scalar
        info.maxBytes = UTF8.width(scalar)
        return info
      }
    }

    /// Skips a `[...]` class (ICU allows nested sets); the `[` is already consumed.
    /// Returns whether it holds a `{`, which in a set may stand for a string.
    @discardableResult
    mutating func skipClass() -> Bool {
      var depth = 1
      var holdsBrace = false
      if peek() == "^" { index += 1 }
      if peek() == "]" { index += 1 }
      while let scalar = peek(), depth > 0 {
        index += 1
        switch scalar {
        case "\\": index += 1
        case "[": depth += 1
        case "]": depth -= 1
        case "{": holdsBrace = true
        default: break
        }
      }
      return holdsBrace
    }

    /// `*` `+` `?` `{n}` `{n,}` `{n,m}` (with a lazy `?` or possessive `+`), as (min, max).
    mutating func parseQuantifier() -> (Int, Int?)? {
      guard let scalar = peek() else { return nil }
      var bounds: (Int, Int?)
      switch scalar {
      case "*": bounds = (0, nil)
      case "+": bounds = (1, nil)
      case "?": bounds = (0, 1)
      case "{":
        var cursor = index + 1
        func number() -> Int? {
          var value: Int?
          while cursor < scalars.count, ("0"..."9").contains(scalars[cursor]) {
            value = min((value ?? 0) * 10 + Int(scalars[cursor].value - 48), 1 << 20)
            cursor += 1
          }
          return value
        }
        guard let minimum = number() else { return nil }
        var maximum: Int? = minimum
        if cursor < scalars.count, scalars[cursor] == "," {
          cursor += 1
          maximum = number()
        }
        guard cursor < scalars.count, scalars[cursor] == "}" else { return nil }
        index = cursor
        bounds = (minimum, maximum)
      default:
        return nil
      }
      index += 1
      if peek() == "?" || peek() == "+" { index += 1 }
      return bounds
    }
  }
}
