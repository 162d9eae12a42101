import Foundation
import Tensors
import Testing

@testable import ModelHub

@Suite struct SafeTensorsTests {
    /// The state dict of `nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))` with these weights.
    static func mlp() throws -> [String: Tensor] {
        [
            "0.weight": try Tensor(shape: [3, 2], scalars: [1, -2, 0.5, 3, 0, -0.25]),
            "0.bias": Tensor([0.1, 0.2, 0.3]),
            "2.weight": try Tensor(shape: [1, 3], scalars: [1.5, -1, 2]),
            "2.bias": Tensor([-0.5]),
        ]
    }

    // MARK: - Reading

    @Test func testSafeTensors_readsFileLaidOutByHand() throws {
        // The layout `safetensors.torch.save_file(model.state_dict(), path, {"format": "pt"})`
        // produces: header length, compact JSON with __metadata__ first and tensors by name,
        // one space of padding to a multiple of 8 bytes, then the float32 data in that order.
        let json =
            #"{"__metadata__":{"format":"pt"},"0.bias":{"dtype":"F32","shape":[3],"data_offsets":[0,12]},"#
            + #""0.weight":{"dtype":"F32","shape":[3,2],"data_offsets":[12,36]},"#
            + #""2.bias":{"dtype":"F32","shape":[1],"data_offsets":[36,40]},"#
            + #""2.weight":{"dtype":"F32","shape":[1,3],"data_offsets":[40,52]}} "#
        #expect(json.utf8.count == 280)
        let values: [Float] = [0.1, 0.2, 0.3, 1, -2, 0.5, 3, 0, -0.25, -0.5, 1.5, -1, 2]
        var bytes: [UInt8] = [24, 1, 0, 0, 0, 0, 0, 0] + Array(json.utf8)  // 280 = 0x118
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }

        let file = try SafeTensorsFile.decode(Data(bytes), source: "mlp.safetensors")
        #expect(file.metadata == ["format": "pt"])
        #expect(file.integers.isEmpty)
        let mlp = try Self.mlp()
        #expect(Set(file.tensors.keys) == Set(mlp.keys))
        for (name, tensor) in mlp {
            #expect(file.tensors[name]?.shape == tensor.shape)
            #expect(file.tensors[name]?.scalars == tensor.scalars)
        }
        // The writer lays the same content out the same way.
        #expect(try SafeTensorsFile(tensors: mlp, metadata: ["format": "pt"]).encoded() == Data(bytes))
    }

    @Test func testSafeTensors_writerMatchesPythonSaveFile() throws {
        let file = SafeTensorsFile(
            tensors: try Self.mlp(), metadata: ["recast.architecture": "mlp 2-3-1 relu"])
        #expect(try file.encoded() == SafeTensorsFixtures.mlp)
        let back = try SafeTensorsFile.decode(SafeTensorsFixtures.mlp, source: "mlp.safetensors")
        #expect(back.metadata == ["recast.architecture": "mlp 2-3-1 relu"])
        #expect(back.tensors["0.weight"]?.scalars == [1, -2, 0.5, 3, 0, -0.25])
    }

    @Test func testSafeTensors_escapesScalarsAndEmptyTensorsMatchPython() throws {
        let text = "a/b\"c\\d\n\t\u{01}\u{08}\u{0C}\u{1F}\r\u{7F} é 😀 <>&"
        let file = SafeTensorsFile(
            tensors: ["x": try Tensor.zeros([0]), "s": Tensor(2.5)], metadata: ["s": text])
        #expect(try file.encoded() == SafeTensorsFixtures.escapes)
        let back = try SafeTensorsFile.decode(SafeTensorsFixtures.escapes, source: "e.safetensors")
        #expect(back.metadata == ["s": text])
        #expect(back.tensors["s"]?.shape == [])
        #expect(back.tensors["s"]?.scalars == [2.5])
        #expect(back.tensors["x"]?.shape == [0])
    }

    @Test func testSafeTensors_readsOtherDtypesFromPython() throws {
        let file = try SafeTensorsFile.decode(SafeTensorsFixtures.mixed, source: "mixed.safetensors")
        #expect(file.tensors["a"]?.scalars == [1.5, -0.0999755859375, 65504])  // F16
        #expect(file.tensors["b"]?.shape == [2, 2])  // BF16
        let bf16 = file.tensors["b"]?.scalars ?? []
        #expect(bf16.count == 4)
        #expect(bf16.first == 1.5 && bf16.last == 0)
        #expect(abs((bf16.dropFirst().first ?? 0) + 0.10009765625) < 1e-9)
        #expect(abs((bf16.dropFirst(2).first ?? 0) - 3.00405527047391e38) / 3e38 < 1e-6)
        let f64 = file.tensors["c"]?.scalars ?? []
        #expect(f64.count == 2)
        #expect(abs((f64.first ?? 0) - 0.1) < 1e-8)
        #expect(f64.last == -.infinity)  // -1e300 is beyond Float's range
        #expect(file.integers["bn.num_batches_tracked"] == (try .init(shape: [], values: [123_456_789_012])))
        #expect(file.integers["e"] == (try .init(shape: [3], values: [0, 200, 255])))  // U8
        #expect(file.integers["f"] == (try .init(shape: [2], values: [-5, 7])))  // I32
    }

    // MARK: - Writing

    @Test func testSafeTensors_roundTripWithMetadataThroughFile() throws {
        var rng = Random(seed: 11)
        let metadata = [
            "recast.architecture": "conv 1x28x28 c8k3 relu pool2 fc10",
            "recast.class_names": #"["zero","one"]"#,
            "recast.normalization": #"{"mean":[0.5],"std":[0.25]}"#,
            "note": "line\nbreak \"quoted\" ünïcødé",
        ]
        let file = SafeTensorsFile(
            tensors: [
                "0.weight": rng.normal([4, 3]), "0.bias": rng.normal([4]), "empty": try Tensor.zeros([2, 0]),
            ],
            integers: [
                "1.num_batches_tracked": try .init(shape: [], values: [42]),
                "labels": try .init(shape: [3], values: [-1, 0, 1 << 40]),
            ],
            metadata: metadata)
        let folder = FileManager.default.temporaryDirectory.path + "/recast-st-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/model.safetensors"
        try file.write(path: path)
        // Only the file itself is left: no temporary beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("model.safetensors") } == ["model.safetensors"])
        let back = try SafeTensorsFile.read(path: path)
        #expect(back.metadata == metadata)
        #expect(back.integers == file.integers)
        #expect(Set(back.tensors.keys) == Set(file.tensors.keys))
        for (name, tensor) in file.tensors {
            #expect(back.tensors[name]?.shape == tensor.shape)
            #expect(back.tensors[name]?.scalars == tensor.scalars)
        }
        // Overwriting replaces the file.
        try SafeTensorsFile(tensors: ["w": Tensor([1])]).write(path: path)
        #expect(try SafeTensorsFile.read(path: path).tensors.keys.sorted() == ["w"])
    }

    @Test func testSafeTensors_layoutIsDeterministic() throws {
        // Integers (I64) come before floats (F32), each by name; metadata keys are sorted.
        let file = SafeTensorsFile(
            tensors: ["b": Tensor([1]), "a": Tensor([2])],
            integers: ["z": try .init(shape: [1], values: [3])],
            metadata: ["zeta": "1", "alpha": "2", "mid": "3"])
        let data = try file.encoded()
        let length = Int(data[0]) | Int(data[1]) << 8
        let json = String(decoding: data[8..<8 + length], as: UTF8.self)
        #expect(
            json
                == #"{"__metadata__":{"alpha":"2","mid":"3","zeta":"1"},"z":{"dtype":"I64","shape":[1],"data_offsets":[0,8]},"#
                + #""a":{"dtype":"F32","shape":[1],"data_offsets":[8,12]},"b":{"dtype":"F32","shape":[1],"data_offsets":[12,16]}}   "#
        )
        #expect(length % 8 == 0)
        #expect(try file.encoded() == data)
    }

    @Test func testSafeTensors_writeRefusesBadNames() throws {
        #expect(
            throws: SafeTensorsError(
                "safetensors", "'__metadata__' is reserved for the metadata, not a tensor name")
        ) {
            try SafeTensorsFile(tensors: ["__metadata__": Tensor([1])]).encoded()
        }
        #expect(throws: SafeTensorsError("safetensors", "'x' names both a tensor and an integer array")) {
            try SafeTensorsFile(
                tensors: ["x": Tensor([1])], integers: ["x": try .init(shape: [1], values: [1])]
            ).encoded()
        }
        #expect(throws: SafeTensorsError("integer array", "shape [2] does not hold 3 values")) {
            try SafeTensorsFile.IntegerArray(shape: [2], values: [1, 2, 3])
        }
        #expect(
            throws: AtomicFileError(
                path: "/no/such/dir/m.safetensors", message: "folder '/no/such/dir' does not exist")
        ) {
            try SafeTensorsFile(tensors: ["w": Tensor([1])]).write(path: "/no/such/dir/m.safetensors")
        }
        #expect(throws: SafeTensorsError("/no/such/m.safetensors", "no such file")) {
            try SafeTensorsFile.read(path: "/no/such/m.safetensors")
        }
    }
}

/// Files written by Python's safetensors 0.8 (with torch 2.15), as hex.
enum SafeTensorsFixtures {
    // save_file(nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1)).state_dict(), path,
    //           metadata={"recast.architecture": "mlp 2-3-1 relu"}), weights as in SafeTensorsTests.mlp()
    static let mlp = hex(
        """
        30010000000000007b225f5f6d657461646174615f5f223a7b227265636173742e617263686974656374757265223a22
        6d6c7020322d332d312072656c75227d2c22302e62696173223a7b226474797065223a22463332222c22736861706522
        3a5b335d2c22646174615f6f666673657473223a5b302c31325d7d2c22302e776569676874223a7b226474797065223a
        22463332222c227368617065223a5b332c325d2c22646174615f6f666673657473223a5b31322c33365d7d2c22322e62
        696173223a7b226474797065223a22463332222c227368617065223a5b315d2c22646174615f6f666673657473223a5b
        33362c34305d7d2c22322e776569676874223a7b226474797065223a22463332222c227368617065223a5b312c335d2c
        22646174615f6f666673657473223a5b34302c35325d7d7dcdcccc3dcdcc4c3e9a99993e0000803f000000c00000003f
        0000404000000000000080be000000bf0000c03f000080bf00000040
        """)

    // save({"x": torch.zeros(0), "s": torch.tensor(2.5)},
    //      metadata={"s": "a/b\"c\\d\n\t\x01\x08\x0c\x1f\r\x7f é 😀 <>&"})
    static let escapes = hex(
        """
        b0000000000000007b225f5f6d657461646174615f5f223a7b2273223a22612f625c22635c5c645c6e5c745c75303030
        315c625c665c75303031665c727f20c3a920f09f9880203c3e26227d2c2273223a7b226474797065223a22463332222c
        227368617065223a5b5d2c22646174615f6f666673657473223a5b302c345d7d2c2278223a7b226474797065223a2246
        3332222c227368617065223a5b305d2c22646174615f6f666673657473223a5b342c345d7d7d202000002040
        """)

    // save({"a": tensor([1.5, -0.1, 65504.0], dtype=float16),
    //       "b": tensor([[1.5, -0.1], [3.0e38, 0.0]], dtype=bfloat16),
    //       "c": tensor([0.1, -1e300], dtype=float64),
    //       "bn.num_batches_tracked": tensor(123456789012, dtype=int64),
    //       "e": tensor([0, 200, 255], dtype=uint8), "f": tensor([-5, 7], dtype=int32)})
    static let mixed = hex(
        """
        60010000000000007b22626e2e6e756d5f626174636865735f747261636b6564223a7b226474797065223a2249363422
        2c227368617065223a5b5d2c22646174615f6f666673657473223a5b302c385d7d2c2263223a7b226474797065223a22
        463634222c227368617065223a5b325d2c22646174615f6f666673657473223a5b382c32345d7d2c2266223a7b226474
        797065223a22493332222c227368617065223a5b325d2c22646174615f6f666673657473223a5b32342c33325d7d2c22
        62223a7b226474797065223a2242463136222c227368617065223a5b322c325d2c22646174615f6f666673657473223a
        5b33322c34305d7d2c2261223a7b226474797065223a22463136222c227368617065223a5b335d2c22646174615f6f66
        6673657473223a5b34302c34365d7d2c2265223a7b226474797065223a225538222c227368617065223a5b335d2c2264
        6174615f6f666673657473223a5b34362c34395d7d7d2020141a99be1c0000009a9999999999b93f9c7500883ce437fe
        fbffffff07000000c03fcdbd627f0000003e66aeff7b00c8ff
        """)

    /// Bytes from hex digits, ignoring whitespace.
    static func hex(_ text: String) -> Data {
        let digits = text.filter(\.isHexDigit).map { UInt8(String($0), radix: 16) ?? 0 }
        return Data(stride(from: 0, to: digits.count - 1, by: 2).map { digits[$0] << 4 | digits[$0 + 1] })
    }
}
