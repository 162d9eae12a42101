/// "Did you mean ...?": the candidate closest to a misspelt name.
enum Suggestion {
    /// ` (did you mean 'name'?)` for the closest candidate within a small edit distance, or "".
    static func text(for name: String, among candidates: some Sequence<String>) -> String {
        let limit = name.count <= 3 ? 1 : 2
        var best: (name: String, distance: Int)?
        for candidate in Set(candidates) where candidate != name {
            let distance = editDistance(name, candidate)
            guard distance <= limit else { continue }
            if let current = best, (current.distance, current.name) <= (distance, candidate) { continue }
            best = (candidate, distance)
        }
        return best.map { " (did you mean '\($0.name)'?)" } ?? ""
    }

    /// Levenshtein distance, counting a swap of neighbours as one edit; 3 or more is reported as 3.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if abs(a.count - b.count) > 2 { return 3 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous2: [Int] = []
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var row = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { row[j] = min(row[j], previous2[j - 2] + 1) }
            }
            previous2 = previous
            previous = row
        }
        return previous[b.count]
    }
}
