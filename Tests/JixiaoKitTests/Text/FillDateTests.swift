import Testing
import XLSX

@testable import JixiaoKit

@Suite("填报日期 and years")
struct FillDateTests {
  static let dates: [(CellValue?, String?)] = [
    (.string("2021年6月15日"), "2021-06-15"), (.string("2021 年 6 月 15 日"), "2021-06-15"),
    (.string("2021-06-15"), "2021-06-15"), (.string("2021.6.15"), "2021-06-15"), (.string("2021/6/15"), "2021-06-15"),
    (.string("2021年06月15日"), "2021-06-15"), (.string("２０２１年６月１５日"), "2021-06-15"),
    (.string("2021-6-15"), "2021-06-15"), (.string("2021．6．15"), "2021-06-15"), (.string("2021／6／15"), "2021-06-15"),
    (.string("2021—6—15"), "2021-06-15"), (.string("填报日期：2021年6月15日"), "2021-06-15"),
    (.string("填报日期:2021.06.15  电话：13800138000"), "2021-06-15"), (.string("2021年6月15号"), "2021-06-15"),
    (.string("2021年6月15"), "2021-06-15"), (.string("2021-06-15T00:00:00"), "2021-06-15"),
    (.string("20210615"), "2021-06-15"), (.string("二〇二一年六月十五日"), "2021-06-15"),
    (.string("二〇二二年十二月三十一日"), "2022-12-31"), (.string("二○二○年二月二十九日"), "2020-02-29"),
    (.string("2020-02-29"), "2020-02-29"), (.string("编号12 2021/1/5"), "2021-01-05"),
    (.string("2021年\n6月\n15日"), "2021-06-15"),
    // Invalid or incomplete.
    (.string("2021-02-30"), nil), (.string("2021-02-29"), nil), (.string("1900-02-29"), nil),
    (.string("2021-13-01"), nil), (.string("2021年6月"), nil), (.string("2021/6"), nil), (.string("2021-6/15"), nil),
    (.string("12021-06-15"), nil), (.string("13800138000"), nil), (.string("87654321"), nil),
    (.string(""), nil), (.string("无"), nil), (.string("二〇二一年六月"), nil), (.string("2021-006-15"), nil),
    // Cells.
    (.date(ExcelDateTime(serial: 44362)), "2021-06-15"), (.date(ExcelDateTime(serial: 44362.75)), "2021-06-15"),
    (.date(ExcelDateTime(serial: 42900, uses1904: true)), "2021-06-15"),
    (.date(ExcelDateTime(serial: 0.5)), nil), (.date(ExcelDateTime(serial: 2, isDuration: true)), nil),
    (.date(ExcelDateTime(serial: -5)), nil),
    (.number(44362), nil), (nil, nil), (.empty, nil), (.bool(true), nil),
  ]

  @Test(arguments: dates)
  func readsDates(_ cell: CellValue?, expected: String?) {
    #expect(FillDate.isoDate(cell) == expected)
  }

  @Test func hugeDateSerialsDoNotTrap() {
    #expect(FillDate.isoDate(.date(ExcelDateTime(serial: 1e300))) == nil)
    #expect(FillDate.isoDate(.date(ExcelDateTime(serial: 2_958_466))) == nil)
    #expect(FillDate.isoDate(.date(ExcelDateTime(serial: 2_958_465))) == "9999-12-31")
  }

  static let years: [(String, Int?)] = [
    ("2021年度项目支出绩效自评表", 2021), ("部门预算项目支出绩效自评表（2023年度）", 2023), ("（2022年度）", 2022),
    ("2020 年度项目自评表", 2020), ("银川市本级部门项目支出绩效自评表（2021年）", 2021), ("2023年", 2023),
    ("２０２２年度", 2022), ("2019年预算 2020年度自评", 2020), ("2021年6月15日 2020年度", 2020),
    ("2021绩效自评.xlsx", 2021), ("1999年度", 1999), ("2100年度", 2100),
    ("项目支出绩效自评表", nil), ("编号51000021R000000019951", nil), ("1989年度", nil), ("2101年度", nil),
    ("12021年度", nil), ("", nil), ("21年度", nil),
  ]

  @Test(arguments: years)
  func findsYears(_ text: String, expected: Int?) {
    #expect(FillDate.year(in: text) == expected)
  }
}
