import Foundation
import Testing

@testable import JixiaoKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `DirectoryEntry`: the `readdir` listing the directory walk uses, and the kind of each
/// entry (from `d_type`, else `lstat`).
@Suite("Directory entries")
struct DirectoryEntryTests {
  /// The names and kinds of the test directory's entries.
  private static let expected: [(String, DirectoryEntry.Kind)] = [
    ("a.xlsx", .regular),
    ("broken", .symbolicLink),
    ("fifo", .other),
    ("link-to-dir", .symbolicLink),
    ("link-to-file", .symbolicLink),
    ("sub", .directory),
    ("县区 教育局 2021 自评表.xlsx", .regular),
  ]

  /// Runs `body` on a temporary directory holding one entry of each kind, removed afterwards.
  private func withDirectory(_ body: (String) throws -> Void) throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-entries-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: root) }
    let manager = FileManager.default
    try manager.createDirectory(atPath: root + "/sub", withIntermediateDirectories: true)
    try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/sub/inner.xlsx"))
    try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/a.xlsx"))
    try Data("表".utf8).write(to: URL(fileURLWithPath: root + "/县区 教育局 2021 自评表.xlsx"))
    try manager.createSymbolicLink(atPath: root + "/link-to-file", withDestinationPath: root + "/a.xlsx")
    try manager.createSymbolicLink(atPath: root + "/link-to-dir", withDestinationPath: "sub")
    try manager.createSymbolicLink(atPath: root + "/broken", withDestinationPath: root + "/无此文件")
    #expect(mkfifo(root + "/fifo", 0o600) == 0, "mkfifo: \(String(cString: strerror(errno)))")
    try body(root)
  }

  private func describe(_ kind: DirectoryEntry.Kind?) -> String {
    guard let kind else { return "nil" }
    return switch kind {
    case .regular: "regular"
    case .directory: "directory"
    case .symbolicLink: "symbolicLink"
    case .other: "other"
    }
  }

  @Test func listsEveryEntryWithItsKind() throws {
    try withDirectory { root in
      let entries = try DirectoryEntry.list(root).sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
      #expect(entries.map(\.name) == Self.expected.map(\.0))
      #expect(!entries.contains { $0.name == "." || $0.name == ".." })
      for (entry, (name, kind)) in zip(entries, Self.expected) {
        #expect(describe(entry.kind(at: root + "/" + entry.name)) == describe(kind), "\(name)")
        // The listing's own type, when the file system gives one, is the same.
        if let listed = entry.listedKind { #expect(describe(listed) == describe(kind), "\(name)") }
      }
      let inner = try DirectoryEntry.list(root + "/sub")
      #expect(inner.map(\.name) == ["inner.xlsx"])
      #expect(describe(inner.first?.kind(at: root + "/sub/inner.xlsx")) == "regular")
      // Through the symlink to the directory, the same listing.
      #expect(try DirectoryEntry.list(root + "/link-to-dir").map(\.name) == ["inner.xlsx"])
    }
  }

  @Test func anEmptyDirectoryListsNothing() throws {
    try withDirectory { root in
      try FileManager.default.createDirectory(atPath: root + "/空 目录", withIntermediateDirectories: false)
      #expect(try DirectoryEntry.list(root + "/空 目录").isEmpty)
    }
  }

  @Test func whatCannotBeListedThrows() throws {
    try withDirectory { root in
      #expect(throws: (any Error).self) { try DirectoryEntry.list(root + "/无此目录") }
      #expect(throws: (any Error).self) { try DirectoryEntry.list(root + "/a.xlsx") }
      #expect(throws: (any Error).self) { try DirectoryEntry.list(root + "/broken") }
      do {
        _ = try DirectoryEntry.list(root + "/无此目录")
      } catch {
        let error = error as NSError
        #expect(error.domain == NSPOSIXErrorDomain)
        #expect(error.code == Int(ENOENT))
        #expect(error.localizedDescription == String(cString: strerror(ENOENT)))
      }
    }
  }

  /// When the listing does not give the type (`DT_UNKNOWN`), `lstat` decides.
  @Test func anUnlistedKindIsReadWithLstat() throws {
    try withDirectory { root in
      for (name, kind) in Self.expected {
        let entry = DirectoryEntry(name: name, listedKind: nil)
        #expect(describe(entry.kind(at: root + "/" + name)) == describe(kind), "\(name)")
      }
      // Symlinks are not followed; a missing path is "other".
      #expect(describe(DirectoryEntry(name: "x", listedKind: nil).kind(at: root + "/无此文件")) == "other")
      #expect(describe(DirectoryEntry(name: "x", listedKind: nil).kind(at: root + "/sub/inner.xlsx")) == "regular")
      // A listed kind is taken as given, without looking at the path.
      #expect(describe(DirectoryEntry(name: "x", listedKind: .directory).kind(at: root + "/无此文件")) == "directory")
    }
  }
}
