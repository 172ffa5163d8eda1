import OrderedJSON

/// A problem found in a submission (`../shared/DOMAIN.md` §3 Issue): a stable code from
/// the catalogue, a severity, a Chinese message that quotes what was found and what was
/// expected, and the place — file, sheet, A1 cell, canonical field.
public struct ValidationIssue: Sendable, Equatable {
  public var code: String
  public var severity: Severity
  public var message: String
  public var file: String
  public var sheet: String?
  public var cell: String?
  public var field: String?
  public var found: JSONValue?
  public var expected: JSONValue?

  public init(
    code: String, severity: Severity, message: String, file: String, sheet: String? = nil, cell: String? = nil,
    field: String? = nil, found: JSONValue? = nil, expected: JSONValue? = nil
  ) {
    self.code = code
    self.severity = severity
    self.message = message
    self.file = file
    self.sheet = sheet
    self.cell = cell
    self.field = field
    self.found = found
    self.expected = expected
  }
}
