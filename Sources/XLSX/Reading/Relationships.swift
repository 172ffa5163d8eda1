/// One `<Relationship>` of a `.rels` part, its target resolved to a part path.
struct Relationship: Sendable {
  let id: String
  /// What follows the last `/` of the type URI (`officeDocument`, `worksheet` …), the
  /// same in the transitional, strict and Microsoft namespaces; empty without a `/`.
  let typeName: String
  /// The target part path (no leading slash), or the raw target of an external link.
  let target: String
  let isExternal: Bool

  /// Whether the type URI ends in `/name` (`officeDocument`, `worksheet`, `sharedStrings` …).
  func hasType(_ name: String) -> Bool {
    typeName == name
  }

  /// The ``typeName`` of a type URI.
  static func typeName(of type: UnsafeBufferPointer<UInt8>) -> String {
    guard let slash = type.lastIndex(of: UInt8(ascii: "/")) else { return "" }
    return String(decoding: type[(slash + 1)...], as: UTF8.self)
  }
}

/// Reads a `.rels` part.
final class RelationshipsHandler: SAXHandler {
  private let sourceDirectory: String
  private(set) var relationships: [Relationship] = []

  /// `sourcePart` is the part the relationships belong to (`xl/workbook.xml`, or `""` for
  /// the package), whose directory relative targets start from.
  init(sourcePart: String) {
    // On the UTF-8 view: searching Characters costs thousands of instructions per path.
    let slash = sourcePart.utf8.lastIndex(of: UInt8(ascii: "/"))
    sourceDirectory = slash.map { String(sourcePart[..<$0]) } ?? ""
  }

  override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
    guard name.is("Relationship") else { return }
    guard let id = attributes.string("Id"), let type = attributes.value("Type"),
      let target = attributes.string("Target")
    else { return }
    let external = attributes.string("TargetMode") == "External"
    relationships.append(
      Relationship(
        id: id, typeName: Relationship.typeName(of: type),
        target: external ? target : Self.resolve(target, from: sourceDirectory), isExternal: external))
  }

  /// No leading slash, no backslash, no `.` or `..` component (which is either followed
  /// by `/` or ends the path).
  private static func isPlainRelativePath(_ target: String) -> Bool {
    target.utf8.withContiguousStorageIfAvailable(isPlainRelativePath) ?? isPlainRelativePath(target.utf8)
  }

  private static func isPlainRelativePath(_ bytes: some Collection<UInt8>) -> Bool {
    var previous: UInt8 = 0
    var first = true
    for byte in bytes {
      if first && byte == UInt8(ascii: "/") { return false }
      if byte == UInt8(ascii: "\\") || (byte == UInt8(ascii: "/") && previous == UInt8(ascii: ".")) { return false }
      previous = byte
      first = false
    }
    return previous != UInt8(ascii: ".")
  }

  /// Resolves a relationship target against the source directory: `worksheets/sheet1.xml`
  /// from `xl` is `xl/worksheets/sheet1.xml`; `/xl/styles.xml` is absolute; `..` climbs.
  static func resolve(_ target: String, from directory: String) -> String {
    // The common case, `worksheets/sheet1.xml` from `xl`, needs no component walk.
    // (A "." or ".." component is either followed by "/" or ends the target.)
    if Self.isPlainRelativePath(target) {
      return directory.isEmpty ? target : directory + "/" + target
    }
    let cleaned = target.replacingBackslashes()
    var components: [Substring] = []
    if !cleaned.hasPrefix("/") {
      components = directory.split(separator: "/")
    }
    for component in cleaned.split(separator: "/") {
      switch component {
      case ".": continue
      case "..": if !components.isEmpty { components.removeLast() }
      default: components.append(component)
      }
    }
    return components.joined(separator: "/")
  }
}

/// The `.rels` part that belongs to `part`: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
func relationshipsPath(of part: String) -> String {
  // Concatenation on the UTF-8 view: interpolating Substrings costs several times more.
  guard let slash = part.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "_rels/" + part + ".rels" }
  return String(part[..<slash]) + "/_rels/" + String(part[part.utf8.index(after: slash)...]) + ".rels"
}

/// Reads `[Content_Types].xml`: the content type of each overridden part.
final class ContentTypesHandler: SAXHandler {
  private(set) var overrides: [(part: String, type: String)] = []

  override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
    guard name.is("Override"), let part = attributes.string("PartName"),
      let type = attributes.string("ContentType")
    else { return }
    overrides.append((RelationshipsHandler.resolve(part, from: ""), type))
  }
}
