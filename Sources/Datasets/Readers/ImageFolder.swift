import Figures
import Foundation
import Tensors

/// Reads a dataset from a folder of PNG images with one subfolder per class, as torchvision's
/// `ImageFolder` does: `root/cat/001.png`, `root/dog/a.png`, ...
///
/// Classes are the subfolders in sorted order (label `k` is the `k`-th name) and each class's
/// files are taken in sorted order, so the same folder always gives the same dataset. Names
/// starting with `.` are skipped; any other entry of a class folder must be a `.png` file. Pixels
/// become values in [0, 1]; alpha is dropped. Images are gray (`1×H×W`) when every file is gray,
/// otherwise RGB (`3×H×W`, gray files repeated over the three channels), unless `channels` says
/// which; RGB becomes gray by luma, `0.299 R + 0.587 G + 0.114 B` (the weights of PIL's
/// `convert("L")`, without its rounding to whole bytes). Files directly in the root are ignored.
///
/// ```swift
/// let pets = try ImageFolder.readDataset(path: "data/pets", size: (height: 64, width: 64), channels: 3)
/// ```
public enum ImageFolder {
    /// Reads the class folders under `path` into a dataset.
    ///
    /// - Parameters:
    ///   - size: when given, every image is resized to it (bilinear, as ``Transform/resize(height:width:)``),
    ///     each side in 1...1024; otherwise all images must have the size of the first.
    ///   - channels: 1 (gray) or 3 (RGB); by default gray when every image is gray, else RGB.
    ///   - name: the dataset name; by default the folder's name.
    /// - Throws: ``DatasetError`` naming the folder or file at fault when the folder is missing,
    ///   has no class subfolders, a class folder is empty or holds something other than PNG
    ///   files, a file does not decode, or sizes differ without `size`.
    public static func readDataset(
        path: String, size: (height: Int, width: Int)? = nil, channels: Int? = nil, name: String? = nil
    ) throws -> Dataset {
        if let size, !((1...1024).contains(size.height) && (1...1024).contains(size.width)) {
            throw DatasetError(
                op, "\(path): size \(size.height)×\(size.width) is invalid (expected 1...1024 pixels on each side)")
        }
        if let channels, channels != 1, channels != 3 {
            throw DatasetError(op, "\(path): channels must be 1 (gray) or 3 (RGB), got \(channels)")
        }
        let classNames = try entries(of: path, what: "folder").filter { isFolder(join(path, $0)) }
        guard !classNames.isEmpty else {
            throw DatasetError(op, "\(path): no class subfolders (expected one subfolder of PNG files per class)")
        }
        var files = [(path: String, label: Int)]()
        for (label, className) in classNames.enumerated() {
            let folder = join(path, className)
            let names = try entries(of: folder, what: "class folder")
            guard !names.isEmpty else {
                throw DatasetError(op, "\(folder): class '\(className)' is empty (expected at least one .png file)")
            }
            for fileName in names {
                let file = join(folder, fileName)
                guard fileName.lowercased().hasSuffix(".png"), !isFolder(file) else {
                    throw DatasetError(op, "\(file): not a PNG file (expected only .png files in the class folders)")
                }
                files.append((file, label))
            }
        }
        let images = try files.map { try decode($0.path) }
        let outChannels = channels ?? (images.allSatisfy { $0.channels <= 2 } ? 1 : 3)
        var scalars = [Float]()
        var sampleShape: [Int]?
        for (file, image) in zip(files, images) {
            var sample = try Tensor(
                shape: [1, outChannels, image.height, image.width], scalars: planes(of: image, channels: outChannels))
            if let size, sample.shape[2] != size.height || sample.shape[3] != size.width {
                sample = try resizedBilinear(sample, height: size.height, width: size.width)
            }
            let shape = Array(sample.shape.dropFirst())
            if let sampleShape, shape != sampleShape {
                throw DatasetError(
                    op, "\(file.path) is \(image.height)×\(image.width) pixels but \(files[0].path) is "
                        + "\(sampleShape[1])×\(sampleShape[2]) (expected every image the same height×width, or a size to resize to)")
            }
            sampleShape = shape
            scalars += sample.scalars
        }
        let resized = size.map { ", resized to \($0.height)×\($0.width)" } ?? ""
        return try Dataset(
            name: name ?? URL(fileURLWithPath: path).lastPathComponent,
            provenance: "image folder \(path)\(resized), \(outChannels) channel\(outChannels == 1 ? "" : "s")",
            inputs: Tensor(shape: [files.count] + (sampleShape ?? []), scalars: scalars),
            labels: files.map(\.label), classNames: classNames)
    }

    /// The name this reader gives in errors.
    private static let op = "image folder"

    /// The sorted names in the folder at `path`, without hidden ones (`.DS_Store`, `.git`, ...).
    private static func entries(of path: String, what: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { throw DatasetError(op, "\(path): no such \(what)") }
        guard isFolder(path) else { throw DatasetError(op, "\(path): is a file, expected a \(what)") }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path).filter { !$0.hasPrefix(".") }.sorted()
        } catch {
            throw DatasetError(op, "\(path): cannot list the \(what) (\(error.localizedDescription))")
        }
    }

    private static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private static func join(_ folder: String, _ name: String) -> String {
        (folder as NSString).appendingPathComponent(name)
    }

    /// The decoded image, with the PNG reader's error (which names the file) under this reader's name.
    private static func decode(_ path: String) throws -> PNGImage {
        do {
            return try PNG.read(path)
        } catch let error as FigureError {
            throw DatasetError(op, error.message)
        }
    }

    /// The image's samples as `channels` planes of values in [0, 1], alpha dropped.
    private static func planes(of image: PNGImage, channels: Int) -> [Float] {
        let pixelCount = image.width * image.height
        var result = [Float](repeating: 0, count: channels * pixelCount)
        image.pixels.withUnsafeBufferPointer { pixels in
            for pixel in 0..<pixelCount {
                let base = pixel * image.channels
                // Gray (with or without alpha) has one colour sample, RGB(A) three.
                let rgb = image.channels <= 2
                    ? (r: Float(pixels[base]), g: Float(pixels[base]), b: Float(pixels[base]))
                    : (r: Float(pixels[base]), g: Float(pixels[base + 1]), b: Float(pixels[base + 2]))
                if channels == 1 {
                    result[pixel] = image.channels <= 2 ? rgb.r / 255 : (0.299 * rgb.r + 0.587 * rgb.g + 0.114 * rgb.b) / 255
                } else {
                    result[pixel] = rgb.r / 255
                    result[pixelCount + pixel] = rgb.g / 255
                    result[2 * pixelCount + pixel] = rgb.b / 255
                }
            }
        }
        return result
    }
}
