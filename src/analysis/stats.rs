//! Small statistics, defined in docs/measures.md. Every function returns `None`
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

/// Above this many values, [`spearman_test`] samples permutations instead of trying all.
pub const EXACT_PERMUTATION_MAX_N: usize = 8;
/// Above this many values, [`spearman_test`] uses the large-sample normal approximation:
/// permutations would cost milliseconds on every edit of a large team, and at this size the
/// approximation is close.
pub const PERMUTATION_MAX_N: usize = 60;
/// Random orderings drawn: the p-value's standard error is at most about 0.007, and 0.003 near
/// 0.05, enough for two decimals.
pub const PERMUTATION_DRAWS: usize = 4_999;

/// Two-sided permutation p-value of Spearman's ρ (see [`spearman_test`]).
pub fn spearman_p_value(x: &[f64], y: &[f64]) -> Option<f64> {
    spearman_test(x, y).map(|(_, p)| p)
}

/// Spearman's ρ and its two-sided permutation p-value: the share of orderings of `y` against
/// `x` whose |ρ| is at least the observed one. Exact (every ordering) up to
/// [`EXACT_PERMUTATION_MAX_N`] values; above it, [`PERMUTATION_DRAWS`] random orderings from a
/// fixed seed, so the same team always gets the same figure, counted as
/// `(hits + 1) / (draws + 1)`; above [`PERMUTATION_MAX_N`], the normal approximation
/// `z = ρ √(n − 1)`. Ranks once for both. `None` where ρ is undefined.
pub fn spearman_test(x: &[f64], y: &[f64]) -> Option<(f64, f64)> {
    let rx = average_ranks(x);
    let ry = average_ranks(y);
    let rho = pearson(&rx, &ry)?;
    let observed = rho.abs();
    let n = rx.len();
    if n > PERMUTATION_MAX_N {
        let z = observed * ((n - 1) as f64).sqrt();
        return Some((rho, erfc(z / std::f64::consts::SQRT_2).clamp(0.0, 1.0)));
    }
    // ρ for a reordering of y's ranks, from Σ x·y alone: the means and spreads do not change.
    let mx = mean(rx.iter().copied())?;
    let my = mean(ry.iter().copied())?;
    let cx: Vec<f64> = rx.iter().map(|v| v - mx).collect();
    let mut cy: Vec<f64> = ry.iter().map(|v| v - my).collect();
    let scale =
        (cx.iter().map(|v| v * v).sum::<f64>() * cy.iter().map(|v| v * v).sum::<f64>()).sqrt();
    let permuted =
        |order: &[f64]| -> f64 { cx.iter().zip(order).map(|(a, b)| a * b).sum::<f64>() / scale };
    // A permuted |ρ| equal to the observed one counts as at least as strong.
    let at_least = observed - 1e-9;
    if n <= EXACT_PERMUTATION_MAX_N {
        let (mut hits, mut total) = (0u64, 0u64);
        permute_all(&mut cy, 0, &mut |o| {
            total += 1;
            hits += u64::from(permuted(o).abs() >= at_least);
        });
        return Some((rho, hits as f64 / total as f64));
    }
    let mut rng = SplitMix64(0x5EED_7EA5_CA9E);
    let mut hits = 0usize;
    for _ in 0..PERMUTATION_DRAWS {
        // Fisher–Yates shuffle.
        for i in (1..n).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            cy.swap(i, j);
        }
        hits += usize::from(permuted(&cy).abs() >= at_least);
    }
    Some((rho, (hits + 1) as f64 / (PERMUTATION_DRAWS + 1) as f64))
}

/// The complementary error function, to about 1e-7 (Abramowitz and Stegun 7.1.26), for
/// x ≥ 0: `erfc(z / √2)` is the two-sided normal p-value of z.
fn erfc(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.327_591_1 * x);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    poly * (-x * x).exp()
}

/// Every ordering of `v[k..]`, by swapping (Heap-like recursion; n! calls).
fn permute_all(v: &mut [f64], k: usize, visit: &mut impl FnMut(&[f64])) {
    if k + 1 >= v.len() {
        visit(v);
        return;
    }
    for i in k..v.len() {
        v.swap(k, i);
        permute_all(v, k + 1, visit);
        v.swap(k, i);
    }
}

/// A small, well-known generator (Steele, Lea and Flood 2014): enough for shuffles, and
/// reproducible without a dependency.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
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

/// The Wilson score 95 % interval of a proportion `x / n` (Wilson 1927): unlike the normal
/// approximation it stays inside 0–1 and behaves at small n and at 0 or n.
pub fn wilson(x: usize, n: usize) -> Option<(f64, f64)> {
    if n == 0 || x > n {
        return None;
    }
    let z = 1.959_963_984_540_054_f64;
    let (n, p) = (n as f64, x as f64 / n as f64);
    let centre = p + z * z / (2.0 * n);
    let spread = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt();
    let denominator = 1.0 + z * z / n;
    Some((
        (centre - spread) / denominator,
        (centre + spread) / denominator,
    ))
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
    fn permutation_p_value_by_hand() {
        // n = 4, observed ρ = 0.8 (see above). ρ = 1 − Σd²/10, so |ρ| ≥ 0.8 when Σd² ≤ 2 or
        // Σd² ≥ 18. Of the 24 orderings: Σd² = 0 (identity, 1), 2 (one adjacent swap, 3),
        // 18 (three orderings next to the reverse) and 20 (the reverse, 1): 8 of 24.
        let p = spearman_p_value(&[1.0, 2.0, 3.0, 4.0], &[1.0, 3.0, 2.0, 4.0]).unwrap();
        assert!((p - 8.0 / 24.0).abs() < 1e-12, "{p}");
        // Perfect order among 3: |ρ| = 1 only for the identity and the reverse: 2 of 6.
        let p = spearman_p_value(&[1.0, 2.0, 3.0], &[10.0, 20.0, 30.0]).unwrap();
        assert!((p - 2.0 / 6.0).abs() < 1e-12);
        // Twelve in perfect order, sampled: only the identity and the reverse reach |ρ| = 1
        // (2 in 12! ≈ 4.8e8), so the estimate is its floor 1 / (draws + 1).
        let x: Vec<f64> = (0..12).map(f64::from).collect();
        let p = spearman_p_value(&x, &x).unwrap();
        assert!(p < 0.001, "{p}");
        // No variation: undefined.
        assert_eq!(spearman_p_value(&x, &[1.0; 12]), None);
        // Above 60 values, the normal approximation: with ρ = 0.2 over 101 values,
        // z = 0.2 × √100 = 2, two-sided p = 0.0455.
        assert!((erfc(2.0 / std::f64::consts::SQRT_2) - 0.045_500).abs() < 1e-5);
        assert!((erfc(0.0) - 1.0).abs() < 1e-6);
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
