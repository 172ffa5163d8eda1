import Foundation
import Testing

@testable import JixiaoKit
import _XLSXTestSupport

/// `TextSignature`: 64 bits of "which characters a text has", used to reject alias and
/// pattern candidates before comparing bytes. The one property that matters: a text's
/// signature covers that of every text it contains.
@Suite("Text signatures")
struct TextSignatureTests {
  static let samples: [String] = [
    "", "a", "abc", "Hello, World! 123", "~!@#$%^&*()_+`-=[]{}|;':\",./<>?", "\u{0}\u{1}\t\n\r\u{7F}",
    "项目名称", "部门整体支出绩效自评表（2023年度）", "预算执行情况(万元)(20分)", "得分(20分*执行率)", "≥90%",
    "ＡＢＣ１２３（全角）：；！", "　全角空格　", "カナ한글", "𠀀𠀁𪚥", "e\u{301}", "\u{301}\u{302}",
    "🙂👍🏽👨‍👩‍👧✅❤\u{FE0F}", "🇨🇳", "\r\n", "a\r\nb", "混合 mixed 文本 text ﹙小﹚ ①②③", "…—–·•",
    "\u{2028}\u{2029}", "指标1:", "年度总体目标完成情况", "填表人:张三 联系电话:138-0000-0000",
  ]

  /// Long texts to cut substrings from.
  static let longTexts: [String] = [
    "2021年度项目支出绩效自评表。主管部门：省教育厅；实施单位：某某大学。项目资金（万元）年初预算数 100.5，全年执行数 98.2，执行率 97.7%。",
    "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 产出指标 数量指标 质量指标 时效指标 成本指标 效益指标 满意度指标",
    "Mixed ＡＳＣＩＩ and 全角：ａｂｃ（１２３）, emoji 🙂👍🏽, flags 🇨🇳🇺🇸, e\u{301}\u{302}, 𠀀𪚥, カナ, 한국어, tabs\tand\nlines\r\n.",
    String(repeating: "绩效目标完成情况良好", count: 20) + "abcdefghijklmnopqrstuvwxyz0123456789",
  ]

  /// Random texts over an alphabet of every kind of character, plus random substrings
  /// of the long texts (cut on character and on scalar boundaries).
  static func generatedTexts(count: Int, seed: UInt64) -> [String] {
    var generator = SeededGenerator(seed: seed)
    let alphabet: [String] = [
      "a", "Z", "0", " ", "-", "\n", "\t", "项", "目", "名", "称", "得", "分", "（", "）", "Ａ", "１", "　", "、", "。",
      "é", "e\u{301}", "🙂", "👍🏽", "🇨🇳", "𠀀", "한", "カ", "…", "\u{2028}", "≥", "%",
    ]
    var texts: [String] = []
    for number in 0..<count {
      if number.isMultiple(of: 2) {
        let length = Int.random(in: 0...24, using: &generator)
        texts.append((0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined())
      } else {
        let source = Array(longTexts.randomElement(using: &generator)!.unicodeScalars)
        let start = Int.random(in: 0...source.count, using: &generator)
        let end = Int.random(in: start...min(source.count, start + 60), using: &generator)
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: source[start..<end])
        texts.append(String(scalars))
      }
    }
    return texts
  }

  /// Every substring (by characters) of `text` up to `maxLength` characters, and the
  /// scalar-boundary substrings too when the text is short.
  private func substrings(of text: String, maxLength: Int = 12) -> [String] {
    let characters = Array(text)
    var result: [String] = [""]
    for start in characters.indices {
      for end in (start + 1)...min(characters.count, start + maxLength) {
        result.append(String(characters[start..<end]))
      }
    }
    let scalars = Array(text.unicodeScalars)
    if scalars.count <= 40 {
      for start in scalars.indices {
        for end in (start + 1)...scalars.count {
          var view = String.UnicodeScalarView()
          view.append(contentsOf: scalars[start..<end])
          result.append(String(view))
        }
      }
    }
    return result
  }

  @Test func everyTextCoversEachOfItsSubstrings() {
    var pairs = 0
    for text in Self.samples + Self.longTexts + Self.generatedTexts(count: 400, seed: 0x6A69_7869_616F) {
      let signature = TextSignature(text)
      for part in substrings(of: text) {
        pairs += 1
        #expect(signature.covers(TextSignature(part)), "「\(text)」 does not cover its substring 「\(part)」")
      }
      #expect(signature.covers(.empty))
      #expect(signature.covers(signature))
    }
    #expect(pairs > 50_000)
  }

  @Test func bytesAndTextGiveTheSameSignature() {
    for text in Self.samples + Self.longTexts + Self.generatedTexts(count: 300, seed: 42) {
      #expect(TextSignature(bytes: Array(text.utf8)) == TextSignature(text), "「\(text)」")
    }
    #expect(TextSignature("") == .empty)
    #expect(TextSignature(bytes: []) == .empty)
    #expect(TextSignature("a").bits != 0)
    #expect(TextSignature("\u{0}").bits != 0, "NUL is a character too")
    #expect(TextSignature("\u{0}").bits.nonzeroBitCount == 1)
  }

  @Test func theSignatureIsTheSetOfCharacters() {
    // One bit per scalar; order and repetition do not matter.
    #expect(TextSignature("项目").bits.nonzeroBitCount <= 2)
    #expect(TextSignature("项").bits.nonzeroBitCount == 1)
    #expect(TextSignature("项目项目项目") == TextSignature("目项"))
    #expect(TextSignature("abcabc") == TextSignature("cba"))
    #expect(TextSignature("e\u{301}") == TextSignature("e").union(TextSignature("\u{301}")))
    var generator = SeededGenerator(seed: 7)
    let texts = Self.samples + Self.generatedTexts(count: 200, seed: 99)
    for _ in 0..<2_000 {
      let a = texts.randomElement(using: &generator)!
      let b = texts.randomElement(using: &generator)!
      // UTF-8 concatenation keeps every scalar: the signature of a + b is the union.
      #expect(TextSignature(a + b) == TextSignature(a).union(TextSignature(b)), "「\(a)」+「\(b)」")
      #expect(TextSignature(a + b) == TextSignature(b + a))
    }
  }

  @Test func unionAndIntersectionAreBitOperations() {
    var generator = SeededGenerator(seed: 2024)
    let texts = Self.samples + Self.generatedTexts(count: 200, seed: 5)
    for _ in 0..<2_000 {
      let a = TextSignature(texts.randomElement(using: &generator)!)
      let b = TextSignature(texts.randomElement(using: &generator)!)
      let union = a.union(b)
      let intersection = a.intersection(b)
      #expect(union.bits == a.bits | b.bits)
      #expect(intersection.bits == a.bits & b.bits)
      #expect(union.covers(a) && union.covers(b))
      #expect(a.covers(intersection) && b.covers(intersection))
      #expect(union == b.union(a))
      #expect(intersection == b.intersection(a))
      #expect(a.union(.empty) == a)
      #expect(a.intersection(.empty) == .empty)
      #expect(a.covers(b) == (a.union(b) == a))
      #expect(a.covers(b) == (a.intersection(b) == b))
    }
    #expect(!TextSignature.empty.covers(TextSignature("x")))
    #expect(TextSignature.empty.covers(.empty))
  }

  /// The signature is only worth its cost if it tells characters apart: two distinct CJK
  /// characters rarely share a bit (about 1 pair in 61 can with 61 buckets).
  @Test func distinctCharactersAreToldApart() {
    var generator = SeededGenerator(seed: 0xC0FFEE)
    let cjk = (0x4E00...0x9FFF).map { String(Character(Unicode.Scalar($0)!)) }
    var told = 0
    var pairs = 0
    while pairs < 20_000 {
      let a = cjk.randomElement(using: &generator)!
      let b = cjk.randomElement(using: &generator)!
      if a == b { continue }
      pairs += 1
      let (sa, sb) = (TextSignature(a), TextSignature(b))
      if !sa.covers(sb) && !sb.covers(sa) { told += 1 }
    }
    #expect(told * 100 > pairs * 97, "only \(told) of \(pairs) pairs told apart")
    // Every bucket is used: the 20,992 ideographs spread over at least 60 different bits.
    let used = cjk.reduce(TextSignature.empty) { $0.union(TextSignature($1)) }
    #expect(used.bits.nonzeroBitCount >= 60)
    // Common label characters, pairwise.
    let labels = Array("项目名称预算执行率得分分值权重指标单位部门主管年度目标完成情况")
    var labelPairs = 0
    var labelTold = 0
    for (i, a) in labels.enumerated() {
      for b in labels[(i + 1)...] where a != b {
        labelPairs += 1
        let (sa, sb) = (TextSignature(String(a)), TextSignature(String(b)))
        if !sa.covers(sb) && !sb.covers(sa) { labelTold += 1 }
      }
    }
    #expect(labelTold * 100 > labelPairs * 90, "only \(labelTold) of \(labelPairs) label pairs told apart")
    // A text rejects most label candidates it does not contain.
    let text = TextSignature("预算执行率")
    #expect(!text.covers(TextSignature("得分")) || !text.covers(TextSignature("权重")))
  }

  // MARK: - Pattern prefilter, through the signature

  /// What `PatternPrefilterTests.neverRejectsAMatch` does for `admits(_:)`, for the path
  /// with a known signature that `AliasSet.match` takes: it agrees with `admits(_:)` and
  /// never rejects a text its expression matches.
  @Test func prefilterWithASignatureNeverRejectsAMatch() throws {
    let mapping = try MappingLoader.loadDefault()
    var sets: [AliasSet] = [
      mapping.knownLabels, mapping.nonSelfEvaluationTitles, mapping.indicators.namePrefixes,
      mapping.indicators.placeholders,
    ]
    sets += mapping.titles.values
    sets += mapping.funds.rows.values
    for category in mapping.categories {
      sets.append(category.synonyms)
      sets += category.children.map(\.synonyms)
    }
    let patterns = sets.flatMap(\.patterns)
    var texts = Set(sets.flatMap(\.exact))
    texts.formUnion(Self.samples.map(LabelText.normalize))
    texts.formUnion(Self.generatedTexts(count: 200, seed: 11).map(LabelText.normalize))
    // Matching texts with noise around them.
    for alias in sets.flatMap(\.exact) {
      texts.insert(alias + "(万元)")
      texts.insert("附:" + alias)
    }
    #expect(patterns.count > 40)
    var matches = 0
    var withRequirement = 0
    for pattern in patterns {
      let filter = pattern.prefilter
      if filter.required != .empty { withRequirement += 1 }
      for text in texts {
        let signature = TextSignature(text)
        let admitted = filter.admits(text, signature: signature)
        #expect(admitted == filter.admits(text), "/\(pattern.source)/ 「\(text)」")
        // Admitted texts have every character the prefilter requires.
        if admitted { #expect(signature.covers(filter.required)) }
        let matched = pattern.expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        if matched {
          matches += 1
          #expect(admitted, "/\(pattern.source)/ matches 「\(text)」 but the prefilter rejects it")
          #expect(pattern.matches(text, signature: signature) == pattern.matches(text))
        }
      }
    }
    #expect(matches > 100)
    #expect(withRequirement > patterns.count / 2, "most default patterns require some characters")
  }

  @Test func requiredCharactersComeFromEveryClause() {
    let filter = PatternPrefilter("^(项目|省级)?主管(部门|单位)(名称)?:?$")
    // 主管 is required; of 部门 / 单位, only what they have in common.
    #expect(filter.required.covers(TextSignature("主管")))
    #expect(TextSignature("主管").union(TextSignature("部门").intersection(TextSignature("单位"))) == filter.required)
    #expect(!filter.admits("主管部门", signature: .empty), "a signature without the required characters is rejected")
    #expect(filter.admits("省级主管单位名称:", signature: TextSignature("省级主管单位名称:")))
    #expect(!filter.admits("主管", signature: TextSignature("主管")))

    // A pattern it cannot read requires nothing and admits everything.
    for source in ["绩效|目标", "(?i)score", "^[.…。·]+$"] {
      let open = PatternPrefilter(source)
      #expect(open.required == .empty)
      #expect(open.admits("任意文本", signature: .empty))
    }
    #expect(PatternPrefilter("^得分+$").required == TextSignature("得分"))
  }
}
