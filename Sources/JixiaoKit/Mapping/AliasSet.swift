import Foundation

/// The wordings of one label: exact texts and regular expressions, all compared with
/// text in ``LabelText`` normal form.
public struct AliasSet: Sendable {
  /// Exact aliases, normalised.
  public private(set) var exact: [String]
  /// Patterns, as written (`^项目资金`), with their compiled form.
  public private(set) var patterns: [Pattern]

  /// A compiled regular expression (NSRegularExpression is thread-safe for matching).
  public struct Pattern: @unchecked Sendable {
    public let source: String
    let expression: NSRegularExpression

    /// Compiles `source`; throws the compiler's message for a bad pattern.
    public init(_ source: String) throws {
      self.source = source
      expression = try NSRegularExpression(pattern: source)
    }

    public func matches(_ text: String) -> Bool {
      expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
  }

  public init(exact: [String] = [], patterns: [Pattern] = []) {
    self.exact = exact.map(LabelText.normalize)
    self.patterns = patterns
  }

  /// Appends the aliases of `other` that are not already here.
  public mutating func add(_ other: AliasSet) {
    for alias in other.exact where !exact.contains(alias) { exact.append(alias) }
    for pattern in other.patterns where !patterns.contains(where: { $0.source == pattern.source }) {
      patterns.append(pattern)
    }
  }

  public var isEmpty: Bool { exact.isEmpty && patterns.isEmpty }

  /// The alias that `normalized` text matches (the exact text, or `/pattern/`), or nil.
  public func match(_ normalized: String) -> String? {
    if let alias = exact.first(where: { $0 == normalized }) { return alias }
    if let pattern = patterns.first(where: { $0.matches(normalized) }) { return "/\(pattern.source)/" }
    return nil
  }
}
