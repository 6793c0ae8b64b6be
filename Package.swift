// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "cloudinit-sim",
  products: [
    .executable(name: "cloudinit-sim", targets: ["cloudinit-sim"]),
    .library(name: "CloudInitSim", targets: ["CloudInitSim"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    // PyYAML reads integers of any size exactly; BigInt keeps them exact here too.
    .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
  ],
  targets: [
    // MARK: - C
    .systemLibrary(
      name: "CLibYAML",
      pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
    ),

    // gzip-compressed user-data is decompressed, as cloud-init does, with zlib.
    .systemLibrary(
      name: "CZlib",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
    ),

    // MARK: - Core library (never prints, never exits, never reads the environment)
    .target(
      name: "CloudInitSim",
      dependencies: [
        "CLibYAML",
        "CZlib",
        .product(name: "BigInt", package: "BigInt"),
      ]
    ),

    // MARK: - Executable (commands + frontend)
    .executableTarget(
      name: "cloudinit-sim",
      dependencies: [
        "CloudInitSim",
        // benchmark times libyaml's own event parse as the floor of YAML loading.
        "CLibYAML",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // MARK: - Fuzzing (Tests/Fuzz/fuzz.sh builds it with libFuzzer; a normal build replays inputs)
    .executableTarget(
      name: "cloudinit-sim-fuzz",
      dependencies: ["CloudInitSim"]
    ),

    // MARK: - Tests
    .testTarget(
      name: "CloudInitSimTests",
      dependencies: [
        "CloudInitSim",
        // Built so the end-to-end tests can run the real binary.
        "cloudinit-sim",
        "cloudinit-sim-fuzz",
      ],
      exclude: ["Snapshots"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
