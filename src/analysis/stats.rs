//! Small statistics, defined as in DOMAIN.md ("Measures"). Every function returns `None`
//! where the figure is undefined; none returns NaN.

/// Mean of the values, `None` when there are none.
pub fn mean(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values
        .into_iter()
        .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// Median, `None` when empty. Sorts a copy.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable_by(f64::total_cmp);
    median_of_sorted(&sorted)
}

pub fn median_of_sorted(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some(f64::midpoint(sorted[n / 2 - 1], sorted[n / 2])),
    }
}

/// Ranks from 1, ties sharing their average rank. `ranks[i]` is the rank of `values[i]`.
pub fn average_ranks(values: &[f64]) -> Vec<f64> {
    // Sort (value, index) pairs themselves rather than indices into `values`: contiguous
    // comparisons are several times faster on large teams. Unstable is fine: ties share
    // their average rank whatever their order.
    let mut order: Vec<(f64, usize)> = values.iter().copied().zip(0..).collect();
    order.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && order[end].0.total_cmp(&order[start].0).is_eq() {
            end += 1;
        }
        // Positions start..end hold rank start+1 ..= end: their average.
        let rank = (start + 1 + end) as f64 / 2.0;
        for &(_, i) in &order[start..end] {
            ranks[i] = rank;
        }
        start = end;
    }
    ranks
}

/// Percentile rank of each value among all of them: `(rank − 1) / (n − 1)` with average
/// ranks for ties, and 0.5 when there is one value.
pub fn percentile_ranks(values: &[f64]) -> Vec<f64> {
    let n = values.len();
    if n == 1 {
        return vec![0.5];
    }
    average_ranks(values)
        .into_iter()
        .map(|r| (r - 1.0) / (n - 1) as f64)
        .collect()
}

/// Gini coefficient `Σᵢ Σⱼ |sᵢ − sⱼ| / (2 n² · mean)`, computed in O(n log n) from the sorted
/// values: the double sum equals `2 Σₖ s₍ₖ₎ (2k − n + 1)` for k from 0.
pub fn gini(values: &[f64]) -> Option<f64> {
    let n = values.len();
    let mean = mean(values.iter().copied())?;
    if mean <= 0.0 {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable_by(f64::total_cmp);
    let weighted: f64 = sorted
        .iter()
        .enumerate()
        .map(|(k, s)| s * (2.0 * k as f64 - n as f64 + 1.0))
        .sum();
    let nf = n as f64;
    Some((2.0 * weighted / (2.0 * nf * nf * mean)).max(0.0))
}

/// Pearson correlation; `None` with fewer than two pairs or no variation on either side.
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() != y.len() || x.len() < 2 {
        return None;
    }
    let mx = mean(x.iter().copied())?;
    let my = mean(y.iter().copied())?;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    if sxx <= f64::EPSILON * mx.abs().max(1.0) || syy <= f64::EPSILON * my.abs().max(1.0) {
        return None;
    }
    Some((sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

/// Spearman's rank correlation: Pearson's on average ranks.
pub fn spearman(x: &[f64], y: &[f64]) -> Option<f64> {
    pearson(&average_ranks(x), &average_ranks(y))
}

/// Blau's diversity index `1 − Σ pᵢ²` from category counts; `None` when there is nobody.
pub fn blau(counts: impl IntoIterator<Item = usize>) -> Option<f64> {
    let counts: Vec<usize> = counts.into_iter().collect();
    let total: usize = counts.iter().sum();
    if total == 0 {
        return None;
    }
    let t = total as f64;
    Some(1.0 - counts.iter().map(|c| (*c as f64 / t).powi(2)).sum::<f64>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_average_ties() {
        // 10, 20, 20, 30 → ranks 1, 2.5, 2.5, 4.
        assert_eq!(
            average_ranks(&[20.0, 10.0, 30.0, 20.0]),
            vec![2.5, 1.0, 4.0, 2.5]
        );
        // Percentile: (rank − 1) / 3 → 0.5, 0, 1, 0.5.
        assert_eq!(
            percentile_ranks(&[20.0, 10.0, 30.0, 20.0]),
            vec![0.5, 0.0, 1.0, 0.5]
        );
        assert_eq!(percentile_ranks(&[7.0]), vec![0.5]);
        assert!(percentile_ranks(&[]).is_empty());
    }

    #[test]
    fn gini_matches_the_double_sum() {
        // 10, 20, 30: pairwise |diffs| summed over i and j = 2 × (10 + 20 + 10) = 80;
        // 2 n² mean = 2 × 9 × 20 = 360 → 0.2222…
        let g = gini(&[30.0, 10.0, 20.0]).unwrap();
        assert!((g - 80.0 / 360.0).abs() < 1e-12);
        assert_eq!(gini(&[5.0, 5.0, 5.0]), Some(0.0));
        assert_eq!(gini(&[]), None);
        // One person has everything among 4: Σ|d| = 2 × 3 × 100 = 600; 2 × 16 × 25 = 800.
        assert!((gini(&[0.0, 0.0, 0.0, 100.0]).unwrap() - 0.75).abs() < 1e-12);
    }

    #[test]
    fn spearman_by_hand() {
        // Perfectly reversed order → −1.
        assert!((spearman(&[1.0, 2.0, 3.0], &[9.0, 5.0, 1.0]).unwrap() + 1.0).abs() < 1e-12);
        // x ranks 1,2,3,4; y = 1,3,2,4 ranks 1,3,2,4: d² = 0+1+1+0 = 2,
        // ρ = 1 − 6·2 / (4·15) = 0.8.
        assert!(
            (spearman(&[1.0, 2.0, 3.0, 4.0], &[1.0, 3.0, 2.0, 4.0]).unwrap() - 0.8).abs() < 1e-12
        );
        assert_eq!(spearman(&[1.0, 2.0, 3.0], &[4.0, 4.0, 4.0]), None);
        assert_eq!(spearman(&[1.0], &[2.0]), None);
    }

    #[test]
    fn blau_and_medians() {
        // Shares 0.5, 0.25, 0.25 → 1 − (0.25 + 0.0625 + 0.0625) = 0.625.
        assert_eq!(blau([2, 1, 1]), Some(0.625));
        assert_eq!(blau([5]), Some(0.0));
        assert_eq!(blau([]), None);
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[]), None);
        assert_eq!(mean([]), None);
    }
}
