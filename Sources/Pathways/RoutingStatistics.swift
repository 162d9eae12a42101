import Foundation
import Learning

/// How a pathway routes labelled data: per target class and model, how often the model is
/// activated and its mean weight; per model, its overall usage; and the entropy of the routing.
public struct RoutingStatistics: Equatable, Sendable, Codable {
    /// The hub models, in routing order.
    public var modelNames: [String]
    /// The target classes.
    public var classNames: [String]
    /// counts[c]: the inputs of class c that were routed.
    public var counts: [Int]
    /// frequency[c][i]: the fraction of class-c inputs whose pathway activates model i.
    public var frequency: [[Double]]
    /// meanWeight[c][i]: the mean of w_i(x) over class-c inputs.
    public var meanWeight: [[Double]]
    /// The mean over inputs of the entropy (nats) of w(x): 0 when one model takes all the
    /// weight, log k when the k activated models share it evenly.
    public var meanEntropy: Double
    /// The entropy (nats) of the data-wide mean weights: log M when all models are used alike.
    public var usageEntropy: Double

    /// The data-wide mean weight of each model (sums to 1).
    public var usage: [Double] { columnMeans(meanWeight) }

    /// The fraction of all inputs that activate each model (sums to k).
    public var activationRate: [Double] { columnMeans(frequency) }

    /// For each domain of `classDomains` (one entry per class), the share of their routing
    /// weight that inputs of that domain put on the models trained on it (`modelDomains`: the
    /// domains each model was trained on): a router that follows the domains scores near 1, a
    /// uniform one the fraction of models trained on the domain.
    /// - Throws: ``PathwayError`` when the lists do not have one entry per class and model.
    public func domainShare(classDomains: [String], modelDomains: [Set<String>]) throws -> [String: Double] {
        guard classDomains.count == classNames.count, modelDomains.count == modelNames.count else {
            throw PathwayError(
                "routing share: expected \(classNames.count) class domains and \(modelNames.count) model domains, got \(classDomains.count) and \(modelDomains.count)")
        }
        var weight: [String: Double] = [:]
        var inputs: [String: Double] = [:]
        for (c, domain) in classDomains.enumerated() where counts[c] > 0 {
            let own = modelDomains.indices.filter { modelDomains[$0].contains(domain) }.reduce(0.0) { $0 + meanWeight[c][$1] }
            weight[domain, default: 0] += own * Double(counts[c])
            inputs[domain, default: 0] += Double(counts[c])
        }
        return weight.merging(inputs) { w, n in w / n }
    }

    /// A table with one row per class: its inputs, the mean weight on each model, and its top
    /// model.
    public var table: String {
        let header = ["class", "inputs"] + modelNames + ["top model"]
        let rows = classNames.indices.map { c -> [String] in
            let top = meanWeight[c].indices.max { meanWeight[c][$0] < meanWeight[c][$1] } ?? 0
            return [classNames[c], String(counts[c])] + meanWeight[c].map { String(format: "%.2f", $0) }
                + [counts[c] > 0 ? modelNames[top] : "-"]
        }
        let usageRow = ["(all)", String(counts.reduce(0, +))] + usage.map { String(format: "%.2f", $0) } + [""]
        return TextTable(header: header, rows: rows + [usageRow]).rendered
            + String(format: "\nmean routing entropy %.3f nats; usage entropy %.3f nats", meanEntropy, usageEntropy)
    }

    private func columnMeans(_ perClass: [[Double]]) -> [Double] {
        let total = Double(counts.reduce(0, +))
        return modelNames.indices.map { i in
            total > 0 ? classNames.indices.reduce(0.0) { $0 + perClass[$1][i] * Double(counts[$1]) } / total : 0
        }
    }
}

/// Sums routing weights and activations by class, batch after batch, into
/// ``RoutingStatistics``.
struct RoutingTally {
    let modelNames: [String]
    let classNames: [String]
    private var counts: [Int]
    private var activations: [[Double]]
    private var weightSums: [[Double]]
    private var entropySum = 0.0

    init(modelNames: [String], classNames: [String]) {
        self.modelNames = modelNames
        self.classNames = classNames
        counts = Array(repeating: 0, count: classNames.count)
        activations = Array(repeating: Array(repeating: 0, count: modelNames.count), count: classNames.count)
        weightSums = activations
    }

    /// Adds a batch: its routing weights (B×M values, row-major), activated models and labels.
    mutating func add(weights: [Float], active: [[Int]], labels: [Int]) {
        let m = modelNames.count
        for (r, label) in labels.enumerated() where (0..<classNames.count).contains(label) {
            counts[label] += 1
            for i in active[r] where (0..<m).contains(i) { activations[label][i] += 1 }
            for i in 0..<m {
                let w = Double(weights[r * m + i])
                weightSums[label][i] += w
                if w > 0 { entropySum -= w * log(w) }
            }
        }
    }

    /// The statistics of everything added so far.
    var statistics: RoutingStatistics {
        let perClass = { (sums: [[Double]]) in
            sums.indices.map { c in sums[c].map { self.counts[c] > 0 ? $0 / Double(self.counts[c]) : 0 } }
        }
        let total = counts.reduce(0, +)
        var stats = RoutingStatistics(
            modelNames: modelNames, classNames: classNames, counts: counts, frequency: perClass(activations),
            meanWeight: perClass(weightSums), meanEntropy: total > 0 ? entropySum / Double(total) : 0,
            usageEntropy: 0)
        stats.usageEntropy = -stats.usage.filter { $0 > 0 }.reduce(0.0) { $0 + $1 * log($1) }
        return stats
    }
}
