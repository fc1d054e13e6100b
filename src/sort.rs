//! One stable sort for the scan path, shared by every type it sorts.
//!
//! Why it exists: each `sort_by` on a slice of another element type (or with another comparison
//! closure) is its own copy of the standard library's stable sort, 6–8 KB of WebAssembly each, and the
//! scan path sorted four types (mentions, candidates, scored persons, summary counts). Here the
//! standard sort runs once, on the elements' indexes with the comparison called through `dyn`, so the
//! `.wasm` carries it once; the elements are then moved into that order. Same result as `sort_by`:
//! stable, the standard algorithm (BENCHMARKS.md, "Size: the scan-only module").

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, as `v.sort_by(cmp)` does.
pub(crate) fn stable_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<u32> = (0..u32::try_from(v.len()).expect("fewer than 2^32 items")).collect();
    {
        let items: &[T] = v;
        let by: &dyn Fn(&u32, &u32) -> Ordering =
            &|a, b| cmp(&items[*a as usize], &items[*b as usize]);
        sort_indexes(&mut order, by);
    }
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(
        order
            .iter()
            .map(|&i| slots[i as usize].take().expect("each index once")),
    );
}

/// The one instance of the standard stable sort.
#[inline(never)]
fn sort_indexes(order: &mut [u32], by: &dyn Fn(&u32, &u32) -> Ordering) {
    order.sort_by(by);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_sorts_as_the_standard_stable_sort_does() {
        // Many ties, so stability shows; compared with `sort_by` itself.
        let mut seed = 7u32;
        for len in [0usize, 1, 2, 3, 17, 64, 1000] {
            let v: Vec<(u32, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    ((seed >> 16) % 5, i)
                })
                .collect();
            let mut want = v.clone();
            want.sort_by_key(|a| a.0);
            let mut got = v;
            stable_by(&mut got, |a, b| a.0.cmp(&b.0));
            assert_eq!(got, want, "{len}");
        }
        let mut words = vec!["bb".to_string(), "a".into(), "cc".into(), "d".into()];
        stable_by(&mut words, |a, b| b.len().cmp(&a.len()));
        assert_eq!(words, ["bb", "cc", "a", "d"]);
    }
}
