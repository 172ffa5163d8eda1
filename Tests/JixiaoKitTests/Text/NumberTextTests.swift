import Foundation
import Testing

@testable import JixiaoKit
import _XLSXTestSupport

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
    #expect(RelativePath.from("/a/b", to: "/a/b/x.xlsx") == "x.xlsx")
    #expect(RelativePath.from("/", to: "/x.xlsx") == "x.xlsx")
    // Components compare whole: `b` is not a prefix match of `bc`.
    #expect(RelativePath.from("/a/bc", to: "/a/b/x.xlsx") == "../b/x.xlsx")
    #expect(RelativePath.from("/报送/汇总", to: "/报送/东区/一小.xlsx") == "../东区/一小.xlsx")
    // Doubled and trailing slashes make no empty components.
    #expect(RelativePath.from("//a//b/", to: "/a/c//x.xlsx") == "../c/x.xlsx")
    #expect(RelativePath.from("/a/b/c", to: "/a") == "../..")
    #expect(RelativePath.from("/a", to: "/a") == "")
    #expect(RelativePath.from("/", to: "/") == "")
  }
}

@Suite("NumberText fast path")
struct NumberTextFastPathTests {
  /// The shortest-form fast path gives exactly what `%.15g` gives, across magnitudes and
  /// digit counts (seeded, so a failure repeats).
  @Test func agreesWithPrintf() {
    var generator = SeededGenerator(seed: 42)
    var samples: [Double] = [0.0001, 0.00012, 0.3, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 95.5, -0.05, 123456789012345.6, 99999999999999.9,
      0.95, 1e-5, 5e14 + 0.25]
    for _ in 0..<20_000 {
      let magnitude = Double(Int.random(in: -6...15, using: &generator))
      let digits = Double(Int.random(in: 0...17, using: &generator))
      let raw = Double.random(in: -1...1, using: &generator) * pow(10, magnitude)
      let scale = pow(10, digits - magnitude)
      samples.append(Bool.random(using: &generator) ? raw : (raw * scale).rounded() / scale)
    }
    for number in samples {
      #expect(NumberText.shortest(number) == String(format: "%.15g", number) || number == number.rounded(), "\(number)")
    }
  }
}

