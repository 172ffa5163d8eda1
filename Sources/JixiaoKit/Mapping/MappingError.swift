/// A mapping file that cannot be used: where the problem is (file, 1-based line and
/// column, key path) and why. ``description`` is the Chinese message for people:
/// `文件 my.yaml 第 12 行第 5 列：未知的键「colums」，此处允许：…（键 indicators）`.
public struct MappingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong, as a stable English identifier.
  public enum Code: String, Sendable, Equatable, CaseIterable {
    /// The file cannot be read or is not UTF-8 text.
    case unreadable = "unreadable"
    /// The text is not valid YAML.
    case yamlSyntax = "yaml-syntax"
    /// A key appears twice in one mapping.
    case duplicateKey = "duplicate-key"
    /// The document is empty or not a `key: value` mapping at the top.
    case notAMapping = "not-a-mapping"
    /// `version:` is missing.
    case missingVersion = "missing-version"
    /// `version:` is not 1.
    case unsupportedVersion = "unsupported-version"
    /// `extends:` names something other than `default`.
    case unsupportedBase = "unsupported-base"
    /// A key the format does not know at that place.
    case unknownKey = "unknown-key"
    /// A key under `severities` that is not an issue code.
    case unknownIssueCode = "unknown-issue-code"
    /// A required key is missing from a complete (non-extending) file.
    case missingKey = "missing-key"
    /// A value of the wrong kind (a list where a number belongs …).
    case wrongType = "wrong-type"
    /// A `/regular expression/` that does not compile or can never match.
    case badRegex = "bad-regex"
    /// A value of the right kind but not allowed (a negative tolerance, an unknown grade …).
    case badValue = "bad-value"
  }

  public var code: Code
  /// The file as it was named to the loader.
  public var file: String
  /// 1-based line, nil when the problem has no place in the text.
  public var line: Int?
  /// 1-based column, counted in characters (Unicode scalars).
  public var column: Int?
  /// Where in the mapping: `indicators.columns.target[2]`; empty at the top.
  public var keyPath: String
  /// The Chinese explanation, without the place.
  public var message: String

  public init(code: Code, file: String, line: Int?, column: Int?, keyPath: String = "", message: String) {
    self.code = code
    self.file = file
    self.line = line
    self.column = column
    self.keyPath = keyPath
    self.message = message
  }

  init(_ code: Code, at location: SourceLocation, keyPath: String = "", _ message: String) {
    self.init(
      code: code, file: location.file, line: location.line, column: location.column, keyPath: keyPath, message: message)
  }

  public var description: String {
    var text = "文件 \(file)"
    if let line {
      text += " 第 \(line) 行"
      if let column { text += "第 \(column) 列" }
    }
    text += "：\(message)"
    if !keyPath.isEmpty { text += "（键 \(keyPath)）" }
    return text
  }
}

/// A place in a mapping file: file name, 1-based line and column.
struct SourceLocation: Sendable, Equatable {
  var file: String
  var line: Int
  var column: Int
}
