/// The normal form in which labels are compared (`../shared/DOMAIN.md` §2): all
/// whitespace removed (including line breaks inside cells), full-width ASCII forms
/// folded to half-width (`（５分）` → `(5分)`, `：` → `:`), and the sign and bracket
/// variants unified. Aliases in mapping files are normalised the same way, so
/// `年度\n指标值`, `年度 指标值` and `年度指标值` are one label.
public enum LabelText {
  public static func normalize(_ text: String) -> String {
    // Most texts are in normal form already: kept as they are, without a copy.
    if isNormal(text) { return text }
    // Written as UTF-8 straight into the new string: folding never lengthens a scalar's
    // encoding (full-width forms take 3 bytes, their ASCII 1), so the input's length is
    // room enough. Read as bytes, like ``departures(_:)``: printable ASCII and the CJK
    // block U+4000–U+9FFF are copied as they are, other scalars decoded and tested.
    return ByteKey.withUTF8(text) { bytes in
      String(unsafeUninitializedCapacity: bytes.count) { buffer in
        var count = 0
        var index = 0
        while index < bytes.count {
          let lead = bytes[index]
          switch lead {
          case 0x21...0x7E:
            buffer[count] = lead
            count += 1
            index += 1
          case 0x09...0x0D, 0x20:
            index += 1
          case 0xE4...0xE9 where index + 2 < bytes.count:
            buffer[count] = lead
            buffer[count + 1] = bytes[index + 1]
            buffer[count + 2] = bytes[index + 2]
            count += 3
            index += 3
          default:
            // One scalar (a String's bytes are valid UTF-8).
            let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            var value = length == 1 ? UInt32(lead) : UInt32(lead) & (0xFF >> (length + 1))
            var offset = 1
            while offset < length, index + offset < bytes.count {
              value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
              offset += 1
            }
            index += length
            guard let scalar = Unicode.Scalar(value), !isSpace(scalar) else { continue }
            for byte in fold(scalar).utf8 {
              buffer[count] = byte
              count += 1
            }
          }
        }
        return count
      }
    }
  }

  /// Whether `text` is in normal form: no whitespace, nothing to fold.
  static func isNormal(_ text: String) -> Bool {
    ByteKey.withUTF8(text) { bytes in
      let found = departures(bytes)
      return !found.hasSpace && !found.folds
    }
  }

  /// What keeps a text from being its own normal form.
  struct Departures {
    /// Whitespace (``isSpace(_:)``); the scan stops at the first.
    var hasSpace = false
    /// A scalar that ``fold(_:)`` changes.
    var folds = false
    /// An ASCII control character that is not whitespace (normal, but the value parser
    /// leaves such texts to its general path).
    var hasControl = false
  }

  /// Reads valid UTF-8 `bytes` for ``Departures``: printable ASCII and the CJK block
  /// U+4000–U+9FFF (lead bytes E4–E9) are answered without decoding; other scalars are
  /// decoded and tested.
  @inline(__always)
  static func departures(_ bytes: UnsafeBufferPointer<UInt8>) -> Departures {
    var found = Departures()
    var index = 0
    while index < bytes.count {
      let lead = bytes[index]
      switch lead {
      case 0x21...0x7E:
        index += 1
      case 0xE4...0xE9:
        index += 3
      case 0x09...0x0D, 0x20:
        found.hasSpace = true
        return found
      case ..<0x80:
        found.hasControl = true
        index += 1
      default:
        let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for offset in 1..<length where index + offset < bytes.count {
          value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
        }
        guard let scalar = Unicode.Scalar(value) else {
          found.folds = true  // not valid UTF-8 (a String always is): not normal
          index += length
          continue
        }
        if isSpace(scalar) {
          found.hasSpace = true
          return found
        }
        if fold(scalar) != scalar { found.folds = true }
        index += length
      }
    }
    return found
  }

  /// Whitespace: the Unicode White_Space characters and U+FEFF, spelled out
  /// (``FoldedText/isSpace(_:)``; the property lookup costs hundreds of instructions for
  /// every sign and punctuation mark).
  @inline(__always)
  static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    FoldedText.isSpace(scalar)
  }

  /// One scalar in normal form: full-width ASCII (U+FF01–U+FF5E) to ASCII, CJK brackets
  /// and colons to ASCII, sign look-alikes to their common form.
  public static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    switch scalar.value {
    case 0xFF01...0xFF5E: return Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar
    case 0x3010, 0x3014, 0x3016: return "["  // 【 〔 〖
    case 0x3011, 0x3015, 0x3017: return "]"
    case 0x2265, 0x2267: return "≥"  // ≥ ≧
    case 0x2264, 0x2266: return "≤"  // ≤ ≦
    case 0x2550, 0xFE66: return "="  // ═ ﹦
    case 0x2014, 0x2015, 0x2013, 0x2212, 0xFE58, 0x2500: return "-"  // — ― – − ﹘ ─
    case 0x00B7, 0x30FB: return "·"
    default: return scalar
    }
  }
}
