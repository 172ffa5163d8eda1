import Foundation
import Testing

@testable import JixiaoKit

/// `/regular expressions/` in mapping files: the shapes that make a backtracking matcher
/// take minutes are refused when the file is loaded, with the file, line, column and key;
/// what is accepted is matched against at most 256 characters.
@Suite("mapping patterns: catastrophic backtracking")
struct PatternSafetyTests {
  @Test(arguments: [
    #"^(a+)+$"#, #"(x+x+)+y"#, #"(a*)*"#, #"(?:a+)+b"#, #"((a+))+"#, #"(\d{1,3})*"#, #"(.*a){20}"#,
    #"(ab?)+"#, #"(a?){30}"#, #"^(项目(资金)?)+$"#,
  ])
  func nestedQuantifiersAreRefused(_ source: String) {
    let problem = PatternSafety.problem(in: source)
    #expect(problem?.contains("在重复的部分里又有可变次数的量词") == true, "\(source): \(problem ?? "accepted")")
    #expect(problem?.contains("「\(source)」") == true)
  }

  @Test(arguments: [#"^(a|a)*$"#, #"(a|ab)*c"#, #"(\d|[0-9])+"#, #"^(预算|预算执行)+$"#, #"((a|b)c)+"#])
  func repeatedAlternativesAreRefused(_ source: String) {
    let problem = PatternSafety.problem(in: source)
    #expect(problem?.contains("在重复的部分里有多个分支") == true, "\(source): \(problem ?? "accepted")")
  }

  @Test(arguments: [#".*.*.*x"#, #"^.*.*.*.*x"#, #"a+b+c+"#, #"^\d+\d*\w+.{3,}"#, #"^a{0,100}b{2,}c*d+"#, #"^a|.*.*.*"#])
  func tooManyUnboundedQuantifiersAreRefused(_ source: String) {
    let problem = PatternSafety.problem(in: source)
    #expect(problem?.contains("无上限的量词") == true, "\(source): \(problem ?? "accepted")")
  }

  @Test(arguments: [
    "^项目资金", #"^指标\d+[:：]"#, #"^(自评)?总分(\(分\))?(:.*)?$"#, "(甲|乙)+", "^[.…。·]+$", "(ab)+", "a{2}(bc){3}",
    "^.*预算.*执行.*情况", "预算.*执行", "[(a+)+]", #"\(a+\)+"#, "(?#注释)a+", #"^(?i:ab)+c"#, #"\Q(a+)+\E"#,
    #"^(年度)?绩效指标(完成情况)?(\(\d+(\.\d+)?分\))?$"#, "(a{2}){3,}",
  ])
  func ordinaryPatternsAreAccepted(_ source: String) throws {
    #expect(PatternSafety.problem(in: source) == nil, "\(source)")
    _ = try AliasSet.Pattern(source)  // and they compile
  }

  @Test func everyDefaultPatternIsAccepted() throws {
    let text = try String(contentsOf: DefaultMappingTextTests.defaultFile, encoding: .utf8)
    var count = 0
    for line in text.split(separator: "\n") {
      guard let open = line.range(of: "'/"), let close = line.range(of: "/'", range: open.upperBound..<line.endIndex)
      else { continue }
      let source = String(line[open.upperBound..<close.lowerBound])
      #expect(PatternSafety.problem(in: source) == nil, "\(source)")
      count += 1
    }
    #expect(count > 40)
  }

  @Test func theLoaderNamesFileLineAndKey() throws {
    for (pattern, reason) in [("^(a+)+$", "可变次数的量词"), ("(x+x+)+y", "可变次数的量词"), ("(a|ab)*c", "多个分支")] {
      let yaml = "version: 1\nextends: default\nheader:\n  project:\n    - 项目名称\n    - '/\(pattern)/'\n"
      do {
        _ = try MappingLoader.load(yaml: yaml, fileName: "bad.yaml")
        Issue.record("\(pattern) was accepted")
      } catch let error as MappingError {
        #expect(error.code == .badRegex)
        #expect(error.file == "bad.yaml")
        #expect(error.line == 6)
        #expect(error.column == 7)
        #expect(error.keyPath == "header.project[2]")
        #expect(error.message.contains(reason))
        #expect(error.description.hasPrefix("文件 bad.yaml 第 6 行第 7 列：正则表达式「\(pattern)」"))
        #expect(error.description.hasSuffix("（键 header.project[2]）"))
      }
    }
  }

  // MARK: - The text a pattern sees

  @Test func aPatternSeesAtMost256Characters() throws {
    // Accepted patterns stay fast on any text: the text is cut first (no timing asserted;
    // ^.*.*.*x over 256 characters is about 0.07 s, over 100,000 it would never end).
    let slowest = try AliasSet.Pattern("^.*.*.*x")
    let long = String(repeating: "a", count: 100_000)
    #expect(!slowest.matches(long))
    #expect(slowest.subject(long)?.count == AliasSet.Pattern.maxSubjectLength)

    // A start-anchored pattern still finds the start of a long footnote …
    let footnote = try AliasSet.Pattern(#"^注\d*:"#)
    #expect(footnote.matches("注1:" + String(repeating: "一级指标分值统一设置为……", count: 50)))
    // … and the prefix of a long indicator name.
    #expect(footnote.prefixMatchLength("注12:" + String(repeating: "字", count: 1000)) == 4)
    // A pattern that looks at the end cannot judge a cut text: no match.
    let dots = try AliasSet.Pattern("^[.…]+$")
    #expect(dots.matches(String(repeating: ".", count: 256)))
    #expect(!dots.matches(String(repeating: ".", count: 300)))
    #expect(!dots.matches(String(repeating: ".", count: 300) + "x"))
    // Short texts are matched whole, as before.
    #expect(try AliasSet.Pattern("执行率$").matches("预算执行率"))
  }

  @Test func looksAtTheEndIgnoresEscapedAndClassDollars() {
    #expect(PatternSafety.looksAtTheEnd("a$"))
    #expect(PatternSafety.looksAtTheEnd(#"a\z"#))
    #expect(!PatternSafety.looksAtTheEnd(#"a\$"#))
    #expect(!PatternSafety.looksAtTheEnd("[$]a"))
    #expect(!PatternSafety.looksAtTheEnd("^项目"))
  }
}
