import Testing

@testable import JixiaoKit

@Suite("Numbers as text and relative links")
struct NumberTextTests {
  @Test(arguments: [
    (95.0, "95"), (0.95, "0.95"), (-3.0, "-3"), (0.1 + 0.2, "0.3"), (2.5e20, "2.5e+20"), (1e300, "1e+300"),
    (Double.infinity, "inf"), (-0.0, "0"),
  ])
  func shortest(_ number: Double, _ text: String) {
    #expect(NumberText.shortest(number) == text)
  }

  @Test func roundedForMessages() {
    #expect(NumberText.rounded(4.9000000001) == "4.9")
    #expect(NumberText.rounded(1 / 3.0) == "0.333")
    #expect(NumberText.rounded(8.625, places: 2) == "8.63")
    #expect(NumberText.rounded(-1e300) == "-1e+300")
  }

  @Test func relativePaths() {
    #expect(RelativePath.from("/a/out", to: "/a/in/x.xlsx") == "../in/x.xlsx")
    #expect(RelativePath.from("/a", to: "/a/提交/东区/一 小.xlsx") == "提交/东区/一 小.xlsx")
    #expect(RelativePath.from("/a/b/c", to: "/x.xlsx") == "../../../x.xlsx")
  }
}
