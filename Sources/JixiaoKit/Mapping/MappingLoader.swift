import Foundation
import Yams

/// Loads mapping files (`../shared/DOMAIN.md` §6, `docs/mapping.md`).
///
/// A file carries `version: 1`. With `extends: default` it is merged over the built-in
/// default mapping: mappings merge key by key, a scalar replaces, a list is put in
/// front of the default's list (the user's wording is tried first) unless it is written
/// `{only: [...]}`, which replaces it. Without `extends` the file must be complete.
/// Every problem is a ``MappingError`` with file, line and column.
public enum MappingLoader {
  /// The text of `Mappings/default.yaml`, built into the library.
  public static var defaultYAML: String { DefaultMappingText.yaml }

  /// The name under which errors in the built-in mapping are reported.
  static let defaultFileName = "Mappings/default.yaml"

  /// The built-in default mapping.
  public static func loadDefault() throws -> Mapping {
    try defaultMapping.get()
  }

  /// Loads the mapping file at `path` (named as given in error messages).
  public static func load(path: String) throws -> Mapping {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      throw MappingError(code: .unreadable, file: path, line: nil, column: nil, message: "无法读取映射文件（这是一个目录）")
    }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw MappingError(code: .unreadable, file: path, line: nil, column: nil, message: "无法读取映射文件（\(Self.reason(error))）")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw MappingError(code: .unreadable, file: path, line: nil, column: nil, message: "映射文件不是 UTF-8 编码的文本，请另存为 UTF-8")
    }
    return try load(yaml: text, bytes: Array(data), fileName: path)
  }

  /// Loads a mapping from YAML text; `fileName` names it in error messages.
  public static func load(yaml: String, fileName: String) throws -> Mapping {
    try load(yaml: yaml, bytes: Array(yaml.utf8), fileName: fileName)
  }

  private static func load(yaml: String, bytes: [UInt8], fileName: String) throws -> Mapping {
    let root = try compose(yaml, fileName: fileName)
    let extends = try checkPreamble(root, fileName: fileName)
    let reader = MappingTreeReader(file: fileName, complete: extends == nil)
    let user = try reader.read(root, shape: MappingSchema.root, path: [])
    var tree = user
    var hash = SHA256()
    if extends != nil {
      tree = try defaultTree.get().merged(over: user)
      hash.update(defaultYAML.utf8)
    }
    hash.update(bytes)
    var mapping = try MappingBuilder(tree: tree).build()
    if extends != nil, user["name"] == nil {
      mapping.name = URL(fileURLWithPath: fileName).deletingPathExtension().lastPathComponent
    }
    mapping.extends = extends
    mapping.sha256 = SHA256.hex(hash.finalize())
    return mapping
  }

  // MARK: - The built-in mapping

  /// The default file checked and reduced, computed once.
  private static let defaultTree = catching {
    let root = try compose(defaultYAML, fileName: defaultFileName)
    return try MappingTreeReader(file: defaultFileName, complete: true).read(root, shape: MappingSchema.root, path: [])
  }

  private static let defaultMapping = catching {
    var mapping = try MappingBuilder(tree: defaultTree.get()).build()
    mapping.sha256 = SHA256.hexDigest(defaultYAML.utf8)
    return mapping
  }

  private static func catching<T>(_ body: () throws -> T) -> Result<T, MappingError> {
    do {
      return .success(try body())
    } catch let error as MappingError {
      return .failure(error)
    } catch {
      return .failure(MappingError(code: .unreadable, file: defaultFileName, line: nil, column: nil, message: "\(error)"))
    }
  }

  // MARK: - YAML

  /// The YAML document's root, with YAML errors turned into ``MappingError``s.
  private static func compose(_ yaml: String, fileName: String) throws(MappingError) -> Yams.Node {
    let root: Yams.Node?
    do {
      root = try Yams.compose(yaml: yaml)
    } catch let error as YamlError {
      throw mappingError(error, yaml: yaml, fileName: fileName)
    } catch {
      throw MappingError(code: .yamlSyntax, file: fileName, line: nil, column: nil, message: "YAML 无法解析（\(error)）")
    }
    guard let root, case .mapping = root else {
      let mark = root?.mark
      throw MappingError(
        code: .notAMapping, file: fileName, line: mark?.line ?? 1, column: mark?.column ?? 1,
        message: root == nil ? "映射文件是空的：至少要写 version: 1" : "映射文件的最外层应是一组“键: 值”（如 version: 1）")
    }
    return root
  }

  /// Checks `version` (required, 1) and `extends` (only `default`) before anything else,
  /// so that a file of another version is rejected for its version, not its keys.
  private static func checkPreamble(_ root: Yams.Node, fileName: String) throws(MappingError) -> String? {
    let reader = MappingTreeReader(file: fileName, complete: false)
    guard let version = root["version"] else {
      throw MappingError(
        .missingVersion, at: reader.location(of: root), "缺少 version：映射文件第一行应写 version: 1")
    }
    guard case .scalar(let scalar) = version, Int(scalar.string) == 1 else {
      let found = version.scalar?.string ?? MappingTreeReader.describe(version)
      throw MappingError(
        .unsupportedVersion, at: reader.location(of: version), keyPath: "version",
        "不支持的映射文件版本「\(found)」：本程序只认识 version: 1")
    }
    guard let extends = root["extends"] else { return nil }
    guard case .scalar(let base) = extends, base.string == "default" else {
      let found = extends.scalar?.string ?? MappingTreeReader.describe(extends)
      throw MappingError(
        .unsupportedBase, at: reader.location(of: extends), keyPath: "extends",
        "extends 只能写 default（继承内置的默认映射），这里是「\(found)」")
    }
    return base.string
  }

  private static func mappingError(_ error: YamlError, yaml: String, fileName: String) -> MappingError {
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      var detail = problem
      if let context { detail = "\(context.text)：\(problem)" }
      return MappingError(
        code: .yamlSyntax, file: fileName, line: mark.line, column: mark.column,
        message: "YAML 语法错误：\(gloss(problem, context: context?.text))（libyaml：\(detail)）")
    case .duplicatedKeysInMapping(let duplicates, let context):
      return MappingError(
        code: .duplicateKey, file: fileName, line: context.mark.line, column: context.mark.column,
        message: "同一处出现了重复的键：\(duplicates.map { "「\($0)」" }.joined(separator: "、"))；请合并为一个")
    case .reader(let problem, let offset, _, _):
      let (line, column) = offset.map { position(ofCharacter: $0, in: yaml) } ?? (nil, nil)
      return MappingError(
        code: .yamlSyntax, file: fileName, line: line, column: column,
        message: "无法读取文本（libyaml：\(problem)）；请确认文件是 UTF-8 编码且不含控制字符")
    default:
      return MappingError(code: .yamlSyntax, file: fileName, line: nil, column: nil, message: "YAML 无法解析（\(error)）")
    }
  }

  /// Chinese advice for libyaml's usual complaints.
  private static func gloss(_ problem: String, context: String?) -> String {
    let text = problem + " " + (context ?? "")
    let glosses: [(String, String)] = [
      ("cannot start any token", "这里有不能作为开头的字符：常见原因是用了 Tab 缩进（请改用空格），或以 @ ` % 开头的文字没有加引号"),
      ("mapping values are not allowed", "这里不能再写“键: 值”：常见原因是文字中含“: ”却没有加引号，或缩进不对"),
      ("could not find expected ':'", "找不到应有的冒号“:”：常见原因是缩进不对，或引号没有闭合"),
      ("did not find expected key", "缩进不一致：同一层的键应对齐"),
      ("did not find expected '-' indicator", "列表项的缩进不一致：同一列表的 - 应对齐"),
      ("did not find expected ',' or ']'", "方括号列表 [ ] 没有正确结束：检查逗号和右方括号"),
      ("did not find expected ',' or '}'", "花括号 { } 没有正确结束：检查逗号和右花括号"),
      ("found unexpected end of stream", "文件意外结束：常见原因是引号或括号没有闭合"),
      ("found unknown escape character", "双引号中的反斜线 \\ 不被接受：正则表达式请改用单引号括起"),
      ("found undefined alias", "使用了未定义的锚点别名（*名称）"),
      ("block sequence entries are not allowed", "这里不能开始一个 - 列表：检查上一行的缩进"),
    ]
    return glosses.first { text.contains($0.0) }?.1 ?? "格式不正确"
  }

  /// 1-based line and column of the `offset`-th character.
  private static func position(ofCharacter offset: Int, in text: String) -> (Int?, Int?) {
    var line = 1
    var column = 1
    for (index, character) in text.enumerated() {
      if index == offset { break }
      if character == "\n" || character == "\r\n" {
        line += 1
        column = 1
      } else {
        column += character.unicodeScalars.count
      }
    }
    return (line, column)
  }

  private static func reason(_ error: Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(underlying.code))
    {
      switch code {
      case .ENOENT: return "文件不存在"
      case .EACCES: return "没有读取权限"
      case .EISDIR: return "这是一个目录"
      default: break
      }
    }
    if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError { return "文件不存在" }
    return nsError.localizedDescription
  }
}
