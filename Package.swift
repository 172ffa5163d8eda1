// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "jixiao",
  products: [
    .executable(name: "jixiao", targets: ["jixiao"]),
    .library(name: "JixiaoKit", targets: ["JixiaoKit"]),
    .library(name: "XLSX", targets: ["XLSX"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    // C libraries, each behind a tiny system-library target (modulemap + shim header).
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    .systemLibrary(
      name: "CZlib",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]
    ),

    // O_TMPFILE and the signal-safe registry of temporary files behind atomic output.
    .target(name: "CAtomicOutput"),

    // The allocator settings and thread priority the command-line tool sets (mallopt, setpriority).
    .target(name: "CProcessTuning"),

    // The SHA-256 rounds: SHA-NI on x86-64 CPUs that have it, portable C otherwise.
    .target(name: "CSHA256"),

    // CRC-32 folded with PCLMULQDQ on x86-64 CPUs that have it (zlib's crc32 otherwise).
    .target(
      name: "CCRC32",
      // Valgrind 3.19 (callgrind, used to count the reader's instructions) cannot read
      // clang's default DWARF 5 for C and gives up on the whole binary.
      cSettings: [.unsafeFlags(["-gdwarf-4"])]
    ),

    // Reading and writing .xlsx packages; the only code that imports libxml2 and zlib.
    .target(
      name: "XLSX", dependencies: ["CLibXML2", "CZlib", "CCRC32", "CAtomicOutput", "OrderedJSON"],
      swiftSettings: [
        // The SAX callbacks mutate handler state millions of times per sheet; the
        // dynamic exclusivity checks on those class properties cost ~10% of reading.
        // All such state is confined to one parse on one thread.
        .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
      ]
    ),

    // Deterministic JSON with ordered keys, for every JSON jixiao writes.
    .target(name: "OrderedJSON"),

    // The 绩效自评表 domain: mapping, table finding, validation, outputs.
    .target(name: "JixiaoKit", dependencies: ["XLSX", "OrderedJSON", "CSHA256", .product(name: "Yams", package: "Yams")]),

    // The command-line tool: argument parsing and exit codes only.
    .executableTarget(
      name: "jixiao",
      dependencies: [
        "JixiaoKit", "XLSX", "CProcessTuning",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // A small executable used only by Benchmarks/run: reads every cell of the given files.
    .executableTarget(name: "jixiao-bench", dependencies: ["XLSX"], path: "Benchmarks/Sources/jixiao-bench"),
    // Writes the benchmark sheet with the XLSX writer: the writer's share, timed by Benchmarks/run-writer.
    .executableTarget(name: "jixiao-write-bench", dependencies: ["XLSX"], path: "Benchmarks/Sources/jixiao-write-bench"),

    // Builds ZIP packages and workbooks byte by byte for the tests (shared by the test targets).
    .target(name: "_XLSXTestSupport", dependencies: ["CZlib"], path: "Tests/_XLSXTestSupport"),
    .testTarget(
      name: "XLSXTests", dependencies: ["XLSX", "OrderedJSON", "_XLSXTestSupport"],
      exclude: [
        "Writing/Support/crosscheck.py", "Writing/Support/libreoffice_check.py",  // run by the tests, not bundled
        "Fixtures",  // read through #filePath, not bundled
      ]
    ),
    .testTarget(
      name: "JixiaoKitTests", dependencies: ["JixiaoKit", "XLSX", "_XLSXTestSupport"],
      exclude: ["Golden"]  // read through #filePath, not bundled
    ),
    // Runs the built `jixiao` executable and checks its output and exit codes.
    .testTarget(name: "CLITests", dependencies: ["_XLSXTestSupport"]),
  ]
)
