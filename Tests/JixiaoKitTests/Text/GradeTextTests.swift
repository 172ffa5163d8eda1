import Testing

@testable import JixiaoKit

@Suite("Grade words")
struct GradeTextTests {
  static let grades: [(String, String?)] = [
    ("优", "优"), ("优秀", "优"), ("良好", "良"), ("良", "良"), ("中", "中"), ("中等", "中"), ("差", "差"), ("较差", "差"),
    ("“优秀”", "优"), ("\"优秀\"", "优"), (" 优 ", "优"), ("优\n秀", "优"), ("优秀等级", "优"), ("优等", "优"),
    ("良好级", "良"), ("「良」", "良"),
    ("优秀教师", nil), ("", nil), ("94", nil), ("良好以上", nil), ("等级", nil), ("“”", nil), ("A", nil),
  ]

  @Test(arguments: grades)
  func canonicalises(_ text: String, expected: String?) {
    #expect(GradeText.canonical(text, grades: TestMapping.mapping.grades) == expected)
  }
}
