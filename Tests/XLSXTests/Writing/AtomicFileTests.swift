import Foundation
import Testing
@testable import XLSX

/// ``AtomicFile`` both ways: an unnamed `O_TMPFILE` file (nothing is visible in the
/// directory until the commit) and the named temporary file it falls back to.
@Suite("Atomic output files")
struct AtomicFileTests {
  private func contents(_ path: String) throws -> String {
    String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
  }

  @Test(arguments: [true, false])
  func replacesTheTargetOnlyOnCommit(_ allowUnnamed: Bool) throws {
    let directory = try WriterTestSupport.temporaryDirectory()
    defer { WriterTestSupport.removeDirectory(directory) }
    let path = directory + "/汇总.json"
    try Data("旧".utf8).write(to: URL(fileURLWithPath: path))
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)

    let file = try AtomicFile(path: path, allowUnnamed: allowUnnamed)
    try file.write("新的")
    try file.write(Array("内容".utf8))
    try file.flush()
    let listing = WriterTestSupport.directoryListing(directory)
    #expect(file.isUnnamed == allowUnnamed)
    if file.isUnnamed {
      #expect(listing == ["汇总.json"])
    } else {
      #expect(listing.count == 2 && listing.contains { $0.hasPrefix(".汇总.json.") && $0.hasSuffix(".tmp") })
    }
    #expect(try contents(path) == "旧")
    try file.commit()
    #expect(WriterTestSupport.directoryListing(directory) == ["汇总.json"])
    #expect(try contents(path) == "新的内容")
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o640)
  }

  @Test func usesAnUnnamedFileWhereTheFileSystemAllows() throws {
    // /tmp on Linux (tmpfs, ext4, xfs, btrfs) supports O_TMPFILE.
    let directory = try WriterTestSupport.temporaryDirectory()
    defer { WriterTestSupport.removeDirectory(directory) }
    let file = try AtomicFile(path: directory + "/out.xlsx", allowUnnamed: true)
    #expect(file.isUnnamed)
    #expect(file.temporaryPath == nil)
    file.discard()
  }

  @Test(arguments: [true, false])
  func createsAMissingTargetAndLeavesNothingElse(_ allowUnnamed: Bool) throws {
    let directory = try WriterTestSupport.temporaryDirectory()
    defer { WriterTestSupport.removeDirectory(directory) }
    let path = directory + "/新.json"
    let file = try AtomicFile(path: path, allowUnnamed: allowUnnamed)
    try file.write("{}\n")
    try file.commit()
    #expect(WriterTestSupport.directoryListing(directory) == ["新.json"])
    #expect(try contents(path) == "{}\n")
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode.map { $0 & 0o600 == 0o600 } == true)
  }

  @Test(arguments: [true, false])
  func discardLeavesTheTargetAndNoTemporaryFile(_ allowUnnamed: Bool) throws {
    let directory = try WriterTestSupport.temporaryDirectory()
    defer { WriterTestSupport.removeDirectory(directory) }
    let path = directory + "/out.json"
    try Data("old".utf8).write(to: URL(fileURLWithPath: path))
    do {
      let file = try AtomicFile(path: path, allowUnnamed: allowUnnamed)
      try file.write(String(repeating: "x", count: 1 << 20))
      file.discard()
      try file.commit()  // a discarded file stays discarded
    }
    do {
      let dropped = try AtomicFile(path: path, allowUnnamed: allowUnnamed)
      try dropped.write("never committed")
    }
    #expect(WriterTestSupport.directoryListing(directory) == ["out.json"])
    #expect(try contents(path) == "old")
  }
}
