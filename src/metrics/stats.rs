//! The few statistics the report needs, written out so that every figure
//! can be recomputed by hand from `docs/report.md`: ratios that know when
//! they have no data, the median, the nearest-rank percentile and the
//! Spearman rank correlation with average ranks for ties.

use serde::Serialize;

/// `num` of `n`, with no value when `n` is 0 (no data is `n/a`, never 0%).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Ratio {
    pub value: Option<f64>,
    pub num: usize,
    pub n: usize,
}

impl Ratio {
    pub fn new(num: usize, n: usize) -> Ratio {
        Ratio {
            value: (n > 0).then(|| num as f64 / n as f64),
            num,
            n,
        }
    }
}

/// The mean of `n` values, with no value when there are none.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Mean {
    pub value: Option<f64>,
    pub n: usize,
}

impl Mean {
    pub fn of(values: &[f64]) -> Mean {
        Mean {
            value: (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64),
            n: values.len(),
        }
    }
}

/// A count out of the `n` items it was counted among.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Count {
    pub count: usize,
    pub n: usize,
}

/// Median and 90th percentile of a set of day counts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Spread {
    pub median: Option<f64>,
    pub p90: Option<f64>,
    pub n: usize,
}

impl Spread {
    pub fn of(values: &[i64]) -> Spread {
        let mut sorted: Vec<f64> = values.iter().map(|&v| v as f64).collect();
        sorted.sort_by(f64::total_cmp);
        Spread {
            median: median(&sorted),
            p90: nearest_rank(&sorted, 90),
            n: sorted.len(),
        }
    }
}

/// The median of sorted values: the middle one, or the mean of the two middle ones.
pub fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// The nearest-rank percentile: the value at rank ⌈p/100 · n⌉ of the sorted
/// values. Always one of the observed values, so a reader can find it.
pub fn nearest_rank(sorted: &[f64], p: usize) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let rank = (p * n).div_ceil(100).max(1);
    Some(sorted[rank.min(n) - 1])
}

/// Ranks from 1, tied values sharing the mean of the ranks they span.
pub fn average_ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && values[order[j + 1]] == values[order[i]] {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for &k in &order[i..=j] {
            ranks[k] = rank;
        }
        i = j + 1;
    }
    ranks
}

/// Spearman's rank correlation: the Pearson correlation of the average
/// ranks. `None` when either side has no variation (every value tied).
pub fn spearman(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() != y.len() || x.len() < 2 {
        return None;
    }
    pearson(&average_ranks(x), &average_ranks(y))
}

fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len() as f64;
    let mx = x.iter().sum::<f64>() / n;
    let my = y.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    (sxx > 0.0 && syy > 0.0).then(|| sxy / (sxx * syy).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_data_is_no_value() {
        assert_eq!(Ratio::new(0, 0).value, None);
        assert_eq!(Ratio::new(0, 3).value, Some(0.0));
        assert_eq!(Mean::of(&[]).value, None);
        assert_eq!(Spread::of(&[]).median, None);
    }

    #[test]
    fn median_and_nearest_rank() {
        let s = Spread::of(&[9, 1, 5, 3]);
        assert_eq!((s.median, s.p90, s.n), (Some(4.0), Some(9.0), 4));
        // ⌈0.9 · 10⌉ = 9: the ninth of ten values.
        let ten: Vec<i64> = (1..=10).collect();
        assert_eq!(Spread::of(&ten).p90, Some(9.0));
        assert_eq!(Spread::of(&[7]).p90, Some(7.0));
    }

    #[test]
    fn ties_share_the_average_rank() {
        assert_eq!(
            average_ranks(&[10.0, 20.0, 10.0, 30.0]),
            [1.5, 3.0, 1.5, 4.0]
        );
    }

    #[test]
    fn spearman_known_values() {
        let x = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(spearman(&x, &[2.0, 4.0, 6.0, 8.0, 10.0]), Some(1.0));
        assert_eq!(spearman(&x, &[5.0, 4.0, 3.0, 2.0, 1.0]), Some(-1.0));
        // 1 - 6·Σd²/(n(n²-1)) with d = (0, 0, 1, -1, 0): 1 - 12/120 = 0.9.
        let rho = spearman(&x, &[1.0, 2.0, 4.0, 3.0, 5.0]).unwrap();
        assert!((rho - 0.9).abs() < 1e-12, "{rho}");
        assert_eq!(spearman(&x, &[1.0; 5]), None);
    }
}
