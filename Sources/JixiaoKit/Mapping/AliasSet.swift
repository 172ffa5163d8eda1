import Foundation

/// The wordings of one label: exact texts and regular expressions, all compared with
/// text in ``LabelText`` normal form.
public struct AliasSet: Sendable {
  /// Exact aliases, normalised.
  public var exact: [String] { storage.exact }
  /// Patterns, as written (`^项目资金`), with their compiled form.
  public var patterns: [Pattern] { storage.patterns }
  /// Everything in one immutable object, so that copying a set (which table finding does
  /// for every cell it looks at) costs one reference count; ``add(_:)`` makes a new one.
  private var storage: Storage

  /// A compiled regular expression (NSRegularExpression is thread-safe for matching).
  /// Immutable; a class so that trying a set's patterns in turn copies no fields.
  public final class Pattern: @unchecked Sendable {
    public let source: String
    let expression: NSRegularExpression

    /// For a pattern anchored with `^`, the literal text it must start with (`^指标\d+` →
    /// `指标`): a text without it is rejected without running the expression.
    let literalPrefix: String
    /// Texts every match contains: a text without them is rejected without running the
    /// expression (most cells are values, not labels).
    let prefilter: PatternPrefilter
    /// The longest text the pattern can match, in UTF-8 bytes
    /// (``PatternSafety/maxUTF8Bytes(_:)``); `Int.max` when unbounded. A longer text is
    /// rejected before anything else.
    let maxUTF8Bytes: Int

    /// Whether the pattern tests the end of the text (`$`, `\z`, `\Z`), so that its verdict
    /// on the first ``maxSubjectLength`` characters of a longer text would be wrong.
    let looksAtTheEnd: Bool

    /// The longest text a pattern is run on, in characters. Labels are far shorter; the
    /// cap bounds the time of a match (NSRegularExpression has no time limit on Linux),
    /// together with the checks of ``PatternSafety`` made when a mapping is loaded.
    public static let maxSubjectLength = 256

    /// Compiles `source`; throws the compiler's message for a bad pattern. (The mapping
    /// loader also runs ``PatternSafety/problem(in:)`` and refuses risky patterns.)
    public init(_ source: String) throws {
      self.source = source
      expression = try NSRegularExpression(pattern: source)
      literalPrefix = Self.literalPrefix(of: source)
      prefilter = PatternPrefilter(source)
      maxUTF8Bytes = PatternSafety.maxUTF8Bytes(source) ?? .max
      looksAtTheEnd = PatternSafety.looksAtTheEnd(source)
    }

    public func matches(_ text: String) -> Bool {
      matches(text, signature: TextSignature(text))
    }

    func matches(_ text: String, signature: TextSignature) -> Bool {
      guard text.utf8.count <= maxUTF8Bytes, prefilter.admits(text, signature: signature),
        text.hasPrefixBytes(literalPrefix), let subject = subject(text)
      else { return false }
      return expression.firstMatch(in: subject, range: NSRange(subject.startIndex..., in: subject)) != nil
    }

    /// The length in scalars of the non-empty match that starts `text`, or nil.
    func prefixMatchLength(_ text: String) -> Int? {
      guard text.hasPrefixBytes(literalPrefix), prefilter.admits(text), let subject = subject(text),
        let match = expression.firstMatch(
          in: subject, options: [.anchored], range: NSRange(subject.startIndex..., in: subject)),
        match.range.location == 0, match.range.length > 0,
        let matched = Range(match.range, in: subject)
      else { return nil }
      return subject[..<matched.upperBound].unicodeScalars.count
    }

    /// The text the pattern is run on: `text` itself, or its first ``maxSubjectLength``
    /// characters; nil for a longer text when the pattern looks at the end.
    func subject(_ text: String) -> String? {
      guard text.utf16.count > Self.maxSubjectLength else { return text }
      return looksAtTheEnd ? nil : String(text.prefix(Self.maxSubjectLength))
    }

    /// The characters after `^` up to the first one with a meaning in a pattern (a
    /// character followed by a quantifier is not required, so it is left out too). Read by
    /// scalars, as the expression engine reads it: a combining mark is a character.
    static func literalPrefix(of source: String) -> String {
      guard source.hasPrefix("^"), !hasTopLevelAlternation(source) else { return "" }
      let special: Set<Unicode.Scalar> = ["\\", ".", "[", "]", "(", ")", "{", "}", "*", "+", "?", "|", "^", "$"]
      var literal = String.UnicodeScalarView()
      for scalar in source.unicodeScalars.dropFirst() {
        if special.contains(scalar) {
          if ["*", "?", "{"].contains(scalar), !literal.isEmpty { literal.removeLast() }
          break
        }
        literal.append(scalar)
      }
      return String(literal)
    }

    /// Whether `source` has a `|` outside groups and classes (`^a|b` is not anchored as a whole).
    static func hasTopLevelAlternation(_ source: String) -> Bool {
      var depth = 0
      var inClass = false
      var escaped = false
      for scalar in source.unicodeScalars {
        if escaped {
          escaped = false
          continue
        }
        switch scalar {
        case "\\": escaped = true
        case "[": inClass = true
        case "]": inClass = false
        case "(" where !inClass: depth += 1
        case ")" where !inClass: depth -= 1
        case "|" where !inClass && depth == 0: return true
        default: break
        }
      }
      return false
    }
  }

  private final class Storage: Sendable {
    var exact: [String] { exactTable.aliases }
    let patterns: [Pattern]
    /// The exact aliases, for lookup by bytes (hashing a `String` goes through Unicode
    /// normalisation; both sides are in normal form).
    let exactTable: ExactAliasTable
    /// A cheap first test of ``exactTable``: a text with a character no alias has is not there.
    let exactCharacters: TextSignature
    /// The characters each pattern's matches must have (``PatternPrefilter/required``), in
    /// one flat array: most texts are turned away by these AND tests alone.
    let patternRequirements: [UInt64]
    /// Each pattern's ``Pattern/maxUTF8Bytes``: a value cell's sentence has most of the
    /// characters and is turned away by its length.
    let patternMaxUTF8Bytes: [Int]
    /// Results of ``match(_:)`` so far: label texts repeat across thousands of files, and a
    /// regular expression costs microseconds.
    let memo = MatchMemo()

    init(exact: [String], patterns: [Pattern]) {
      self.patterns = patterns
      exactTable = ExactAliasTable(exact)
      exactCharacters = exact.reduce(TextSignature.empty) { $0.union(TextSignature($1)) }
      patternRequirements = patterns.map(\.prefilter.required.bits)
      patternMaxUTF8Bytes = patterns.map(\.maxUTF8Bytes)
    }
  }

  public init(exact: [String] = [], patterns: [Pattern] = []) {
    storage = Storage(exact: exact.map(LabelText.normalize), patterns: patterns)
  }

  /// Appends the aliases of `other` that are not already here.
  public mutating func add(_ other: AliasSet) {
    var exact = storage.exact
    for alias in other.exact where !storage.exactTable.contains(alias) { exact.append(alias) }
    var patterns = storage.patterns
    for pattern in other.patterns where !patterns.contains(where: { $0.source == pattern.source }) {
      patterns.append(pattern)
    }
    storage = Storage(exact: exact, patterns: patterns)
  }

  public var isEmpty: Bool { storage.exact.isEmpty && storage.patterns.isEmpty }

  /// The set without aliases, made once (making a set builds its lookup tables).
  public static let empty = AliasSet()

  /// The alias that `normalized` text matches (the exact text, or `/pattern/`), or nil.
  public func match(_ normalized: String) -> String? {
    match(normalized, signature: TextSignature(normalized))
  }

  /// ``match(_:)`` for a text whose signature is known (when one text is tried against
  /// several sets).
  func match(_ normalized: String, signature: TextSignature) -> String? {
    if exactPosition(normalized, signature: signature) != nil { return normalized }
    return patternMatch(normalized, signature: signature)
  }

  /// The position in ``exact`` of the alias that `normalized` is, or nil.
  func exactPosition(_ normalized: String, signature: TextSignature) -> Int? {
    // `storage` is read in place throughout (a local copy costs a retain and a release,
    // and this runs for every cell against every set tried).
    guard storage.exactCharacters.covers(signature) else { return nil }
    return storage.exactTable.position(of: normalized)
  }

  /// The first pattern that `normalized` matches, as `/pattern/`, or nil (exact aliases
  /// not tried).
  func patternMatch(_ normalized: String, signature: TextSignature) -> String? {
    guard !storage.patterns.isEmpty, !normalized.isEmpty else { return nil }
    // Most texts pass no pattern's prefilter: answered without the memo's lock.
    let characters = signature.bits
    let length = normalized.utf8.count
    var admitted = false
    for index in storage.patternRequirements.indices
    where storage.patternRequirements[index] & ~characters == 0 && length <= storage.patternMaxUTF8Bytes[index] {
      if storage.patterns[index].prefilter.containsClauses(normalized) {
        admitted = true
        break
      }
    }
    guard admitted else { return nil }
    let key = ByteKey(normalized)
    if let known = storage.memo.lookup(key) { return known.alias }
    let found = storage.patterns.first(where: { $0.matches(normalized, signature: signature) }).map { "/\($0.source)/" }
    storage.memo.store(key, found)
    return found
  }
}

/// A bounded, thread-safe memo of pattern matches.
final class MatchMemo: @unchecked Sendable {
  struct Entry { var alias: String? }
  private let lock = NSLock()
  private var entries: [ByteKey: Entry] = [:]
  private static let capacity = 50_000

  func lookup(_ text: ByteKey) -> Entry? {
    lock.lock()
    defer { lock.unlock() }
    return entries[text]
  }

  func store(_ text: ByteKey, _ alias: String?) {
    lock.lock()
    defer { lock.unlock() }
    if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
    entries[text] = Entry(alias: alias)
  }
}
