import Foundation
import Testing

@testable import JixiaoKit

/// `StandardPath.of`: the lexical stand-in for `URL(fileURLWithPath:).standardizedFileURL.path`
/// that the directory walk uses for every file. Only file paths without a trailing slash
/// are compared (Foundation resolves symlinks for directory paths), and none of them may
/// exist, so that Foundation does not look at the file system.
@Suite("Standard paths")
struct StandardPathTests {
  private func foundation(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
  }

  @Test(arguments: [
    "/jixiao-无此目录/a.xlsx",
    "/jixiao-无此目录//a.xlsx",
    "///jixiao-无此目录///b//c.xlsx",
    "/jixiao-无此目录/./a.xlsx",
    "/jixiao-无此目录/././x/./a.xlsx",
    "/jixiao-无此目录/sub/../a.xlsx",
    "/jixiao-无此目录/sub/deeper/../../a.xlsx",
    "/jixiao-无此目录/../../../../a.xlsx",
    "/../jixiao-无此目录/a.xlsx",
    "/./jixiao-无此目录/a.xlsx",
    "/..",
    "/../..",
    "/jixiao-无此目录/县区/教育局 2021 自评表.xlsx",
    "/jixiao-无此目录/县 区/../深 圳/ 空格 .xlsx",
    "/jixiao-无此目录/...xlsx",
    "/jixiao-无此目录/.../a.xlsx",
    "/jixiao-无此目录/..a/.b/a.xlsx",
    "/jixiao-无此目录/a..xlsx",
    "/jixiao-无此目录/100%25 完成%.xlsx",
    "/jixiao-无此目录/a#b?c;d=e&f+g:h.xlsx",
    "/jixiao-无此目录/ＡＢ（全角）/～$a.xlsx",
    "/jixiao-无此目录/e\u{301}/a.xlsx",
  ])
  func absolutePathsAgreeWithFoundation(_ path: String) {
    #expect(StandardPath.of(path) == foundation(path), "\(path)")
  }

  @Test(arguments: [
    "jixiao-无此目录/a/b.xlsx",
    "a/b.xlsx",
    "./a//b.xlsx",
    "././a/./b.xlsx",
    "a/../b.xlsx",
    "a/b/../../c.xlsx",
    "../x.xlsx",
    "../../jixiao-无此目录/x.xlsx",
    "jixiao-无此目录/县区/教育局 2021 自评表.xlsx",
    "jixiao-无此目录/ 前后空格 /a b.xlsx",
    "jixiao-无此目录.xlsx",
  ])
  func relativePathsAgreeWithFoundation(_ path: String) {
    #expect(StandardPath.of(path) == foundation(path), "\(path)")
  }

  @Test func expectedValues() {
    #expect(StandardPath.of("/a/b/../c/./d.xlsx") == "/a/c/d.xlsx")
    #expect(StandardPath.of("//a//b.xlsx") == "/a/b.xlsx")
    #expect(StandardPath.of("/..") == "/")
    #expect(StandardPath.of("/../../a.xlsx") == "/a.xlsx")
    #expect(StandardPath.of("/") == "/")
    #expect(StandardPath.of("/a/b/") == "/a/b", "no trailing slash")
    #expect(StandardPath.of("/县区/ 教育 局 /自评表 2021.xlsx") == "/县区/ 教育 局 /自评表 2021.xlsx")
    // Names that only look like `.` or `..` are names.
    #expect(StandardPath.of("/a/.../..b/b../.c.xlsx") == "/a/.../..b/b../.c.xlsx")
  }

  @Test func relativePathsAreResolvedAgainstTheWorkingDirectory() {
    let cwd = FileManager.default.currentDirectoryPath
    #expect(cwd.hasPrefix("/"))
    let base = cwd == "/" ? "" : cwd
    #expect(StandardPath.of("a/b.xlsx") == base + "/a/b.xlsx")
    #expect(StandardPath.of("./a//b.xlsx") == base + "/a/b.xlsx")
    #expect(StandardPath.of("县区/教育局 自评表.xlsx") == base + "/县区/教育局 自评表.xlsx")
    #expect(StandardPath.of("a/../b.xlsx") == base + "/b.xlsx")
    let parent = (cwd as NSString).deletingLastPathComponent
    #expect(StandardPath.of("../x.xlsx") == (parent == "/" ? "" : parent) + "/x.xlsx")
    #expect(StandardPath.of(".") == cwd)
    #expect(StandardPath.of("") == cwd)
    #expect(StandardPath.workingDirectory() == cwd)
  }

  /// The byte-level shortcut: a path it calls standard is returned as it is, and it
  /// calls standard exactly the absolute paths without `//`, `.`, `..` or a trailing `/`.
  @Test func recognisesStandardPathsWithoutRebuildingThem() {
    let standard = ["/", "/a", "/a/b.xlsx", "/.hidden/x", "/a/.../b", "/a/..b/c.", "/提交/西区 学校/永康中学.xlsx", "/a/b.c/d"]
    let other = ["", "a/b", "./a", "/a/", "//a", "/a//b", "/a/./b", "/a/../b", "/a/.", "/a/..", "/.", "/..", "/a/b/"]
    for path in standard {
      #expect(StandardPath.isStandard(path), "\(path)")
      #expect(StandardPath.of(path) == path, "\(path)")
    }
    for path in other {
      #expect(!StandardPath.isStandard(path), "\(path)")
    }
  }
}
