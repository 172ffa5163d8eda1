import Foundation
import Yams

/// A mapping file after checking against ``MappingSchema``: YAML reduced to what the
/// format allows, every value with its place in its file, every regular expression
/// compiled. Two trees merge key by key (``MappingNode/merged(over:)``).
indirect enum MappingNode: Sendable {
  case scalar(String, SourceLocation)
  /// A list; `replace` when it was written `{only: [...]}`.
  case list([ListItem], replace: Bool, SourceLocation)
  case map([Entry], SourceLocation)

  struct Entry: Sendable {
    var key: String
    var keyLocation: SourceLocation
    var value: MappingNode
  }

  /// One list item: the text as written, and its pattern when written `/…/`.
  struct ListItem: Sendable {
    var text: String
    var location: SourceLocation
    var pattern: AliasSet.Pattern?
  }

  var location: SourceLocation {
    switch self {
    case .scalar(_, let location), .list(_, _, let location), .map(_, let location): location
    }
  }

  /// The value under `key` of a map.
  subscript(key: String) -> MappingNode? {
    guard case .map(let entries, _) = self else { return nil }
    return entries.first { $0.key == key }?.value
  }

  var entries: [Entry] {
    if case .map(let entries, _) = self { return entries }
    return []
  }

  var items: [ListItem] {
    if case .list(let items, _, _) = self { return items }
    return []
  }

  /// `self` overlaid with `user`: maps merge key by key (new keys go last), a list
  /// is put in front of this one (or replaces it when written `{only: …}`), a scalar
  /// replaces.
  func merged(over user: MappingNode) -> MappingNode {
    switch (self, user) {
    case (.map(var entries, let location), .map(let userEntries, _)):
      for entry in userEntries {
        if let index = entries.firstIndex(where: { $0.key == entry.key }) {
          entries[index].value = entries[index].value.merged(over: entry.value)
        } else {
          entries.append(entry)
        }
      }
      return .map(entries, location)
    case (.list(let items, _, _), .list(let userItems, false, let location)):
      return .list(userItems + items, replace: false, location)
    case (_, .list(let userItems, true, let location)):
      return .list(userItems, replace: false, location)
    default:
      return user
    }
  }
}

/// Turns composed YAML into a ``MappingNode``, checking it against the schema.
struct MappingTreeReader {
  let file: String
  /// A complete file must carry every required key.
  let complete: Bool

  func read(_ node: Yams.Node, shape: MappingSchema.Shape, path: [String]) throws -> MappingNode {
    let location = self.location(of: node)
    let keyPath = Self.keyPath(path)
    switch shape {
    case .record(let fields):
      let entries = try mappingEntries(node, expected: shape, path: path)
      var result: [MappingNode.Entry] = []
      for (key, keyLocation, value) in entries {
        guard let field = fields.first(where: { $0.name == key }) else {
          let allowed = fields.map(\.name)
          throw MappingError(
            .unknownKey, at: keyLocation, keyPath: keyPath,
            "未知的键「\(key)」，此处允许：\(allowed.joined(separator: "、"))\(Self.suggestion(for: key, among: allowed))")
        }
        let child = try read(value, shape: field.shape, path: path + [key])
        result.append(.init(key: key, keyLocation: keyLocation, value: child))
      }
      let present = Set(result.map(\.key))
      if complete, let missing = fields.first(where: { $0.required && !present.contains($0.name) }) {
        let hint = path.isEmpty ? "；若只想在默认映射上增改，请写 extends: default" : ""
        throw MappingError(
          .missingKey, at: location, keyPath: keyPath,
          "缺少必需的键「\(missing.name)」（不继承 default 的映射文件必须完整）\(hint)")
      }
      return .map(result, location)

    case .table(let valueShape, let keys):
      let entries = try mappingEntries(node, expected: shape, path: path)
      var result: [MappingNode.Entry] = []
      for (key, keyLocation, value) in entries {
        switch keys {
        case .named(let what):
          if key.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw MappingError(.badValue, at: keyLocation, keyPath: keyPath, "\(what)不能为空")
          }
        case .oneOf(let allowed, let code) where !allowed.contains(key):
          let what = code == .unknownIssueCode ? "未知的检查代码" : "未知的键"
          throw MappingError(
            code, at: keyLocation, keyPath: keyPath,
            "\(what)「\(key)」，此处允许：\(allowed.joined(separator: "、"))\(Self.suggestion(for: key, among: allowed))")
        case .oneOf:
          break
        }
        let child = try read(value, shape: valueShape, path: path + [key])
        result.append(.init(key: key, keyLocation: keyLocation, value: child))
      }
      return .map(result, location)

    case .aliases, .words:
      return try readList(node, shape: shape, path: path)

    case .text, .integer, .number, .boolean, .choice:
      guard case .scalar(let scalar) = node else {
        throw wrongType(node, expected: shape, path: path)
      }
      let text = scalar.string
      switch shape {
      case .text:
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
          throw MappingError(.badValue, at: location, keyPath: keyPath, "这里不能为空")
        }
      case .integer:
        if Int(text) == nil { throw wrongType(node, expected: shape, path: path) }
      case .number(let minimum, let maximum):
        guard let number = Double(text), number.isFinite else { throw wrongType(node, expected: shape, path: path) }
        if let minimum, number < minimum {
          throw MappingError(.badValue, at: location, keyPath: keyPath, "数值 \(text) 不能小于 \(Self.format(minimum))")
        }
        if let maximum, number > maximum {
          throw MappingError(.badValue, at: location, keyPath: keyPath, "数值 \(text) 不能大于 \(Self.format(maximum))")
        }
      case .boolean:
        if Self.boolean(text) == nil { throw wrongType(node, expected: shape, path: path) }
      case .choice(let words):
        if !words.contains(text) {
          throw MappingError(
            .badValue, at: location, keyPath: keyPath,
            "不认识的取值「\(text)」，此处可写：\(words.joined(separator: "、"))\(Self.suggestion(for: text, among: words))")
        }
      default:
        break
      }
      return .scalar(text, location)
    }
  }

  /// A list, a single scalar (a one-item list) or `{only: [...]}`.
  private func readList(_ node: Yams.Node, shape: MappingSchema.Shape, path: [String]) throws -> MappingNode {
    let location = self.location(of: node)
    switch node {
    case .sequence(let sequence):
      var items: [MappingNode.ListItem] = []
      for (index, element) in sequence.enumerated() {
        items.append(try readItem(element, shape: shape, path: path, index: index))
      }
      return .list(items, replace: false, location)
    case .scalar(let scalar):
      if scalar.string.isEmpty, scalar.style == .plain { throw wrongType(node, expected: shape, path: path) }
      return .list([try readItem(node, shape: shape, path: path, index: 0)], replace: false, location)
    case .mapping:
      let entries = try mappingEntries(node, expected: shape, path: path)
      if let (key, keyLocation, _) = entries.first(where: { $0.0 != "only" }) {
        throw MappingError(
          .unknownKey, at: keyLocation, keyPath: Self.keyPath(path),
          "未知的键「\(key)」：列表处只能写 [甲, 乙]，或 {only: [甲, 乙]} 表示替换默认列表\(Self.suggestion(for: key, among: ["only"]))")
      }
      guard let (_, _, value) = entries.first else { throw wrongType(node, expected: shape, path: path) }
      if case .mapping = value { throw wrongType(value, expected: shape, path: path + ["only"]) }
      let list = try readList(value, shape: shape, path: path + ["only"])
      return .list(list.items, replace: true, location)
    case .alias:
      throw MappingError(.wrongType, at: location, keyPath: Self.keyPath(path), "不支持 YAML 锚点别名（*名称），请直接写出内容")
    }
  }

  private func readItem(_ node: Yams.Node, shape: MappingSchema.Shape, path: [String], index: Int) throws
    -> MappingNode.ListItem
  {
    let location = self.location(of: node)
    let keyPath = Self.keyPath(path) + "[\(index + 1)]"
    guard case .scalar(let scalar) = node else {
      throw MappingError(
        .wrongType, at: location, keyPath: keyPath, "列表中的每一项应是一段文字，这里是\(Self.describe(node))")
    }
    let text = scalar.string
    if case .aliases = shape, let source = Self.patternSource(text) {
      return .init(text: text, location: location, pattern: try compile(source, at: location, keyPath: keyPath))
    }
    if LabelText.normalize(text).isEmpty {
      throw MappingError(.badValue, at: location, keyPath: keyPath, "空白的条目：去掉空白后什么也没有剩下")
    }
    return .init(text: text, location: location, pattern: nil)
  }

  /// `^项目资金` for `/^项目资金/`; nil for an exact alias.
  static func patternSource(_ text: String) -> String? {
    guard text.count >= 3, text.hasPrefix("/"), text.hasSuffix("/") else { return nil }
    return String(text.dropFirst().dropLast())
  }

  /// Compiles a pattern, explaining in Chinese why it fails, can never match, or could
  /// make matching take minutes (``PatternSafety``).
  private func compile(_ source: String, at location: SourceLocation, keyPath: String) throws -> AliasSet.Pattern {
    let pattern: AliasSet.Pattern
    do {
      pattern = try AliasSet.Pattern(source)
    } catch {
      throw MappingError(
        .badRegex, at: location, keyPath: keyPath, "正则表达式「\(source)」无法编译：\(Self.regexReason(source))")
    }
    if let folded = Self.unmatchableCharacter(in: source) {
      throw MappingError(.badRegex, at: location, keyPath: keyPath, folded)
    }
    if let risk = PatternSafety.problem(in: source) {
      throw MappingError(.badRegex, at: location, keyPath: keyPath, risk)
    }
    return pattern
  }

  /// The compiler's reason for a bad pattern (Swift's regex parser words it better than
  /// NSRegularExpression on Linux), with a Chinese gloss for the common cases.
  static func regexReason(_ source: String) -> String {
    let reason: String
    do {
      _ = try Regex(source)
      return "语法不被接受"
    } catch {
      reason = String(describing: error)
    }
    let glosses: [(String, String)] = [
      ("expected ')'", "缺少右括号「)」；要匹配括号本身请写 \\( 和 \\)"),
      ("expected ']'", "缺少右方括号「]」；要匹配方括号本身请写 \\[ 和 \\]"),
      ("quantifier", "量词（* + ? {n}）前面没有可重复的内容"),
      ("expected escape sequence", "末尾的反斜线 \\ 后面缺少字符"),
      ("unbalanced ')'", "多了一个右括号「)」"),
    ]
    if let gloss = glosses.first(where: { reason.contains($0.0) }) { return "\(gloss.1)（\(reason)）" }
    return reason
  }

  /// A message when `source` holds, outside a `[...]` class, whitespace or a character
  /// that normalisation folds away (`（` → `(`): the compared text never contains it.
  static func unmatchableCharacter(in source: String) -> String? {
    var inClass = false
    var escaped = false
    for scalar in source.unicodeScalars {
      if escaped {
        escaped = false
        continue
      }
      switch scalar {
      case "\\": escaped = true
      case "[" where !inClass: inClass = true
      case "]" where inClass: inClass = false
      default:
        guard !inClass else { continue }
        if scalar.properties.isWhitespace || scalar == "\u{3000}" {
          return "正则表达式「\(source)」中有空格，但比较前所有空白都已删除，它永远匹配不到；请去掉空格"
        }
        let folded = LabelText.fold(scalar)
        if folded != scalar {
          let hint = "()[]{}.*+?^$|".unicodeScalars.contains(folded) ? "\\\(folded)" : String(folded)
          return "正则表达式「\(source)」中的「\(scalar)」在比较前已被折算为「\(folded)」，这里永远匹配不到；请改写为「\(hint)」"
        }
      }
    }
    return nil
  }

  /// The entries of a YAML mapping, keys as text; errors for non-mappings and odd keys.
  private func mappingEntries(_ node: Yams.Node, expected shape: MappingSchema.Shape, path: [String]) throws
    -> [(String, SourceLocation, Yams.Node)]
  {
    guard case .mapping(let mapping) = node else { throw wrongType(node, expected: shape, path: path) }
    return try mapping.map { key, value in
      guard case .scalar(let scalar) = key else {
        throw MappingError(.wrongType, at: location(of: key), keyPath: Self.keyPath(path), "键应是一段文字")
      }
      return (scalar.string, location(of: key), value)
    }
  }

  private func wrongType(_ node: Yams.Node, expected shape: MappingSchema.Shape, path: [String]) -> MappingError {
    MappingError(
      .wrongType, at: location(of: node), keyPath: Self.keyPath(path),
      "这里应是\(Self.describe(shape))，实际是\(Self.describe(node))")
  }

  func location(of node: Yams.Node) -> SourceLocation {
    let mark = node.mark
    return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
  }

  static func keyPath(_ path: [String]) -> String { path.joined(separator: ".") }

  static func describe(_ shape: MappingSchema.Shape) -> String {
    switch shape {
    case .record, .table: "一组“键: 值”"
    case .aliases: "别名列表（如 [年度指标值, '/^年度指标值/']，或 {only: [...]}）"
    case .words: "文字列表（如 [甲, 乙]，或 {only: [...]}）"
    case .text: "一段文字"
    case .integer: "整数"
    case .number: "数字"
    case .boolean: "true 或 false"
    case .choice(let words): "以下之一：\(words.joined(separator: "、"))"
    }
  }

  static func describe(_ node: Yams.Node) -> String {
    switch node {
    case .scalar(let scalar): scalar.string.isEmpty ? "空值" : "文字「\(scalar.string)」"
    case .sequence: "一个列表"
    case .mapping: "一组“键: 值”"
    case .alias: "一个 YAML 别名"
    }
  }

  static func boolean(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "true", "yes": true
    case "false", "no": false
    default: nil
    }
  }

  static func format(_ number: Double) -> String {
    NumberText.shortest(number)
  }

  /// `；是否想写「columns」？` for a near miss (edit distance ≤ 2), else empty.
  static func suggestion(for key: String, among allowed: [String]) -> String {
    let scored = allowed.map { ($0, distance(key.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2, best.1 < key.count else { return "" }
    return "；是否想写「\(best.0)」？"
  }

  private static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}
