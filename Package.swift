// swift-tools-version: 6.0
import PackageDescription

// Release builds of the numeric modules drop overflow and bounds checks in their inner loops;
// every index on a path user input can reach is validated before it gets there.
let fast: [SwiftSetting] = [.unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release))]

let package = Package(
    name: "Recast",
    products: [
        .executable(name: "recast", targets: ["recast"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: - C libraries
        .systemLibrary(
            name: "COpenBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CEditLine", pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]),
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .target(name: "CPNG", linkerSettings: [.linkedLibrary("png")]),

        // MARK: - Numerics and learning
        .target(name: "Tensors", dependencies: ["COpenBLAS"], swiftSettings: fast),
        .target(name: "Learning", dependencies: ["Tensors"], swiftSettings: fast),
        .target(name: "Datasets", dependencies: ["Tensors", "CZlib", "Figures"], swiftSettings: fast),
        .target(name: "ModelHub", dependencies: ["Tensors", "Learning", "Datasets"], swiftSettings: fast),
        .target(name: "Figures", dependencies: ["CPNG"], swiftSettings: fast),

        // MARK: - The three methods
        .target(
            name: "Selection",
            dependencies: ["Tensors", "Learning", "Datasets", "ModelHub", "Figures"],
            swiftSettings: fast),
        .target(
            name: "Reprogramming",
            dependencies: ["Tensors", "Learning", "Datasets", "ModelHub", "Figures"],
            swiftSettings: fast),
        .target(
            name: "Pathways",
            dependencies: ["Tensors", "Learning", "Datasets", "ModelHub", "Figures"],
            swiftSettings: fast),

        // MARK: - Language, built-ins, REPL
        .target(name: "Language"),
        .target(
            name: "Builtins",
            dependencies: [
                "Language", "Tensors", "Learning", "Datasets", "ModelHub", "Figures",
                "Selection", "Reprogramming", "Pathways",
            ]),
        .target(name: "Console", dependencies: ["Language", "Builtins", "CEditLine"]),
        .executableTarget(
            name: "recast",
            dependencies: [
                "Console", "Language", "Builtins",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        .executableTarget(
            name: "RecastBench",
            dependencies: [
                "Tensors", "Learning", "Datasets", "ModelHub", "Figures", "Selection",
                "Reprogramming", "Pathways", "Language", "Builtins",
            ],
            swiftSettings: fast),

        // MARK: - Tests
        .testTarget(name: "TensorsTests", dependencies: ["Tensors"]),
        .testTarget(name: "LearningTests", dependencies: ["Learning", "Tensors"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Tensors"]),
        .testTarget(name: "ModelHubTests", dependencies: ["ModelHub", "Learning", "Datasets", "Tensors"]),
        .testTarget(name: "FiguresTests", dependencies: ["Figures", "CPNG"]),
        .testTarget(name: "SelectionTests", dependencies: ["Selection", "ModelHub", "Learning", "Datasets", "Tensors"]),
        .testTarget(name: "ReprogrammingTests", dependencies: ["Reprogramming", "ModelHub", "Learning", "Datasets", "Tensors"]),
        .testTarget(name: "PathwaysTests", dependencies: ["Pathways", "ModelHub", "Learning", "Datasets", "Tensors"]),
        .testTarget(name: "LanguageTests", dependencies: ["Language"], exclude: ["Golden"]),
        .testTarget(name: "BuiltinsTests", dependencies: ["Builtins", "Language"]),
        .testTarget(name: "ConsoleTests", dependencies: ["Console", "Builtins", "Language"]),
        .testTarget(name: "RecastTests", dependencies: ["recast"]),
    ]
)
