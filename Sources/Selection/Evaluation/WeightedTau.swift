import Tensors

/// The weighted Kendall τ between two score lists, with the defaults of
/// `scipy.stats.weightedtau`: additive hyperbolic weights (an exchange between the items ranked
/// r and s, counting from 0, weighs 1/(r+1) + 1/(s+1)), averaged over the ranking by x (ties
/// broken by y) and the ranking by y (ties broken by x). Ties count as in Vigna (2015).
///
/// NaN counts as the smallest score. When x or y is constant the result is NaN, as in scipy.
///
/// ```swift
/// let tau = try weightedTau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0])   // −0.566949681536827
/// ```
/// - Throws: ``TensorError`` naming `weightedTau` when the lists differ in length or hold
///   fewer than 2 values.
public func weightedTau(_ x: [Double], _ y: [Double]) throws -> Double {
    guard x.count == y.count else {
        throw TensorError("weightedTau", "x has \(x.count) values but y has \(y.count)")
    }
    guard x.count >= 2 else {
        throw TensorError("weightedTau", "needs at least 2 values, got \(x.count)")
    }
    let a = nanAsSmallest(x)
    let b = nanAsSmallest(y)
    return (RankedTau.tau(a, b) + RankedTau.tau(b, a)) / 2
}

/// The values replaced by their dense ranks with NaN below everything else, when any is NaN
/// (what scipy does to such input); the values themselves otherwise.
private func nanAsSmallest(_ values: [Double]) -> [Double] {
    guard values.contains(where: { $0.isNaN }) else { return values }
    let order = values.indices.filter { !values[$0].isNaN }.sorted { values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: values.count)
    var rank = 0.0
    for (position, index) in order.enumerated() {
        if position == 0 || values[index] != values[order[position - 1]] { rank += 1 }
        ranks[index] = rank
    }
    return ranks
}

/// The weighted τ for the importance ranking by decreasing (x, y): Knight's merge-sort
/// algorithm, weighted as in scipy's `_weightedrankedtau`.
private struct RankedTau {
    let x: [Double]
    let y: [Double]
    /// The hyperbolic weight 1/(r+1) of each item, r its rank by decreasing (x, y).
    var weight: [Double]
    /// Item indices, sorted by (x, y) ascending, then re-sorted by y while counting exchanges.
    var order: [Int]
    /// The total weight of discordant pairs found while sorting by y.
    var exchanges = 0.0

    init(_ x: [Double], _ y: [Double]) {
        self.x = x
        self.y = y
        // Stable sort by (x, y): equal pairs keep their index order, like numpy's lexsort.
        order = x.indices.sorted { a, b in
            if x[a] != x[b] { return x[a] < x[b] }
            if y[a] != y[b] { return y[a] < y[b] }
            return a < b
        }
        weight = [Double](repeating: 0, count: x.count)
        for (position, item) in order.enumerated() {
            weight[item] = 1 / Double(x.count - position)  // rank n−1−position, weight 1/(rank+1)
        }
    }

    /// τ for the ranking by decreasing (x, y), or NaN when x or y is constant.
    static func tau(_ x: [Double], _ y: [Double]) -> Double {
        var state = RankedTau(x, y)
        return state.compute()
    }

    private mutating func compute() -> Double {
        let n = order.count
        let jointTies = tieWeightAndGroups { x[$0] == x[$1] && y[$0] == y[$1] }.weight
        let (xTies, xGroups) = tieWeightAndGroups { x[$0] == x[$1] }
        if xGroups == 1 { return .nan }
        var buffer = [Int](repeating: 0, count: n)
        _ = sortByY(0, n, &buffer)
        let (yTies, yGroups) = tieWeightAndGroups { y[$0] == y[$1] }
        if yGroups == 1 { return .nan }
        let total = weight.reduce(0, +) * Double(n - 1)
        let tau = ((total - (yTies + xTies - jointTies)) - 2 * exchanges)
            / (total - xTies).squareRoot() / (total - yTies).squareRoot()
        return min(1, max(-1, tau))
    }

    /// Over runs of consecutive tied items in `order`: Σ (run weight) × (run length − 1),
    /// the additive weight of the tied pairs; and the number of runs.
    private func tieWeightAndGroups(_ tied: (Int, Int) -> Bool) -> (weight: Double, groups: Int) {
        var total = 0.0
        var groups = 1
        var first = 0
        var runWeight = weight[order[0]]
        for i in 1..<order.count {
            if !tied(order[first], order[i]) {
                total += runWeight * Double(i - first - 1)
                first = i
                runWeight = 0
                groups += 1
            }
            runWeight += weight[order[i]]
        }
        total += runWeight * Double(order.count - first - 1)
        return (total, groups)
    }

    /// Stable merge sort of `order[offset..<offset+length]` by y, adding to `exchanges` the
    /// weight of each pair it swaps; returns the total weight of the section.
    private mutating func sortByY(_ offset: Int, _ length: Int, _ buffer: inout [Int]) -> Double {
        if length == 1 { return weight[order[offset]] }
        let leftLength = length / 2
        let middle = offset + leftLength
        var leftWeight = sortByY(offset, leftLength, &buffer)
        let sectionWeight = sortByY(middle, length - leftLength, &buffer) + leftWeight
        if y[order[middle - 1]] < y[order[middle]] { return sectionWeight }  // already in order
        var left = 0
        var right = 0
        var out = 0
        while left < leftLength && right < length - leftLength {
            let a = order[offset + left]
            let b = order[middle + right]
            if y[a] <= y[b] {
                buffer[out] = a
                leftWeight -= weight[a]
                left += 1
            } else {
                // b jumps over every remaining left item: each such pair is an exchange,
                // weighing w(b) + w(that item).
                buffer[out] = b
                exchanges += weight[b] * Double(leftLength - left) + leftWeight
                right += 1
            }
            out += 1
        }
        // Remaining left items go after what was merged; remaining right items stay in place.
        let rest = Array(order[(offset + left)..<(offset + leftLength)])
        for (i, item) in rest.enumerated() { order[offset + out + i] = item }
        for i in 0..<out { order[offset + i] = buffer[i] }
        return sectionWeight
    }
}
