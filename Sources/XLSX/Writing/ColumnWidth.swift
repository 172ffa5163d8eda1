/// Column widths estimated from the text a column will show.
///
/// Excel measures widths in digits of the default font. A Chinese character (and any
/// East Asian wide or full-width character, or an emoji) is about two digits wide, other
/// characters about one, combining marks nothing. Only the longest line of a
/// multi-line text counts.
public enum ColumnWidth {
  /// Excel's widest column.
  public static let maximum = 255.0
  /// Excel's default column width.
  public static let standard = 8.43

  /// The display width of `text` in digits: its longest line, CJK characters counting 2.
  public static func displayUnits(of text: String) -> Int {
    simpleDisplayUnits(of: text) ?? characterDisplayUnits(of: text)
  }

  /// The display width of `text`, or `units` when that is more. A text is never wider
  /// than its UTF-8 byte count (no character counts more than 2, and every one that
  /// counts 2 takes at least 3 bytes), so a text of at most `units` bytes, which a
  /// `String` counts without reading it, is not measured.
  public static func displayUnits(of text: String, atLeast units: Int) -> Int {
    text.utf8.count > units ? max(units, displayUnits(of: text)) : units
  }

  /// The width of a text made only of printable ASCII, Latin-1 letters and signs, arrows,
  /// mathematical operators, common CJK and full-width forms and line feeds, where every
  /// scalar is a character of its own (no grapheme breaking needed); nil for any other
  /// text. Reads the UTF-8 bytes directly: decoding scalars costs more than the rest.
  private static func simpleDisplayUnits(of text: String) -> Int? {
    var text = text
    return text.withUTF8 { bytes -> Int? in
      var widest = 0
      var current = 0
      var index = 0
      while index < bytes.count {
        let lead = bytes[index]
        if lead < 0x80 {
          switch lead {
          case 0x20...0x7E: current += 1
          case 0x0A:
            widest = max(widest, current)
            current = 0
          default: return nil
          }
          index += 1
        } else if lead & 0xE0 == 0xC0, index + 1 < bytes.count {
          let scalar = UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
          // (U+00AD, the soft hyphen, is left to the definition.)
          guard (0xA0...0xFF).contains(scalar), scalar != 0xAD else { return nil }
          current += 1
          index += 2
        } else if lead & 0xF0 == 0xE0, index + 2 < bytes.count {
          let scalar = UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
          switch scalar {
          // Arrows and mathematical operators (≥, ≤): narrow, none drawn as emoji by default.
          case 0x2190...0x22FF: current += 1
          // (U+302A–U+302F are combining tone marks: they join the character before them.)
          case 0x3000...0x3029, 0x3030...0x303E, 0x4E00...0x9FFF, 0xFF01...0xFF60: current += 2
          default: return nil
          }
          index += 3
        } else {
          return nil
        }
      }
      return max(widest, current)
    }
  }

  /// The width character by character (the definition the fast path must agree with).
  static func characterDisplayUnits(of text: String) -> Int {
    var widest = 0
    var current = 0
    for character in text {
      if character == "\n" || character == "\r\n" || character == "\r" {
        widest = max(widest, current)
        current = 0
      } else {
        current += units(of: character)
      }
    }
    return max(widest, current)
  }

  /// A width that fits every text: the widest one plus `padding`, between `minimum` and
  /// ``maximum``.
  public static func estimate(
    for texts: some Sequence<String>, minimum: Double = standard, padding: Double = 2
  ) -> Double {
    var widest = 0
    for text in texts { widest = max(widest, displayUnits(of: text)) }
    return min(max(Double(widest) + padding, minimum), maximum)
  }

  /// 2 for wide characters, 0 for lone combining marks and controls, otherwise 1.
  static func units(of character: Character) -> Int {
    guard let first = character.unicodeScalars.first else { return 0 }
    if first.value < 0x20 { return 0 }
    if first.value < 0x1100 {
      return first.properties.generalCategory == .nonspacingMark ? 0 : 1
    }
    if isWide(first.value) || first.properties.isEmojiPresentation { return 2 }
    // A text-style symbol followed by VS16 (U+FE0F) is drawn as a wide emoji.
    if character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
    return 1
  }

  /// East Asian Wide and Fullwidth ranges (Unicode's EastAsianWidth.txt, abridged).
  private static func isWide(_ value: UInt32) -> Bool {
    switch value {
    case 0x1100...0x115F,  // Hangul Jamo initials
      0x2E80...0x303E,  // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
      0x3041...0x33FF,  // kana, bopomofo, Hangul compatibility jamo, kanbun, CJK strokes, enclosed CJK
      0x3400...0x4DBF,  // CJK extension A
      0x4E00...0x9FFF,  // CJK unified ideographs
      0xA000...0xA4CF,  // Yi
      0xA960...0xA97F,  // Hangul Jamo extended A
      0xAC00...0xD7A3,  // Hangul syllables
      0xF900...0xFAFF,  // CJK compatibility ideographs
      0xFE10...0xFE19,  // vertical forms
      0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
      0xFF00...0xFF60,  // full-width forms
      0xFFE0...0xFFE6,  // full-width signs
      0x16FE0...0x18AFF,  // ideographic symbols, Tangut
      0x1B000...0x1B2FF,  // kana supplement and extensions, Nushu
      0x1F200...0x1F2FF,  // enclosed ideographic supplement
      0x20000...0x2FFFD,  // CJK extensions B–F, compatibility supplement
      0x30000...0x3FFFD:  // CJK extensions G, H
      return true
    default:
      return false
    }
  }
}
