//! Bounded, thread-safe memo tables keyed by text, for the core's pure per-sentence and
//! per-block analyses. A folder of drafts repeats most of its text (a template's sentences,
//! a sequence's follow-ups, signatures, boilerplate paragraphs), and a document being edited
//! keeps all but one paragraph from one keystroke to the next; a result computed once per
//! distinct text is reused for every repeat. The tables hold results only, never state that
//! changes a result, so a hit and a miss give the same answer. Each table is capped in bytes
//! and evicts what is least reused (`quick_cache`), so a long editing session does not grow.

use std::fmt;
use std::sync::Arc;

use quick_cache::sync::Cache;
use quick_cache::Weighter;

/// What an entry costs beyond its key, in bytes (an estimate the cap is counted in).
pub trait Footprint {
    /// Heap and inline bytes of the value.
    fn footprint(&self) -> usize;
}

impl<T> Footprint for Arc<[T]> {
    fn footprint(&self) -> usize {
        std::mem::size_of_val::<[T]>(self) + 16
    }
}

impl<T> Footprint for Vec<T> {
    fn footprint(&self) -> usize {
        self.capacity() * std::mem::size_of::<T>() + std::mem::size_of::<Self>()
    }
}

/// Bookkeeping cost of one entry beyond its key and value.
const ENTRY_OVERHEAD: usize = 48;

#[derive(Clone)]
struct ByFootprint;

impl<V: Footprint> Weighter<Box<str>, V> for ByFootprint {
    fn weight(&self, key: &Box<str>, value: &V) -> u64 {
        (key.len() + value.footprint() + ENTRY_OVERHEAD) as u64
    }
}

/// A memo table from text to `V`, holding at most about `capacity_bytes`.
pub struct Memo<V: Footprint + Clone> {
    cache: Cache<Box<str>, V, ByFootprint>,
}

impl<V: Footprint + Clone> Memo<V> {
    /// A table for about `capacity_bytes` of keys and values.
    pub fn new(capacity_bytes: usize) -> Self {
        // The item estimate only sizes the hash tables up front; ~200 bytes is a sentence
        // and its result.
        let estimated_items = (capacity_bytes / 200).max(16);
        Memo {
            cache: Cache::with_weighter(estimated_items, capacity_bytes as u64, ByFootprint),
        }
    }

    /// The value for `key`, computed by `compute` when the table does not hold it. Two
    /// threads missing the same key at once may both compute it; the results are equal.
    pub fn get_or_compute(&self, key: &str, compute: impl FnOnce() -> V) -> V {
        if let Some(found) = self.cache.get(key) {
            return found;
        }
        let value = compute();
        self.cache.insert(key.into(), value.clone());
        value
    }

    /// Entries held.
    pub fn len(&self) -> usize {
        self.cache.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.cache.is_empty()
    }
}

impl<V: Footprint + Clone> fmt::Debug for Memo<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Memo")
            .field("entries", &self.cache.len())
            .field("bytes", &self.cache.weight())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn computes_once_per_distinct_text() {
        let memo: Memo<Vec<usize>> = Memo::new(1 << 16);
        let calls = Cell::new(0);
        let len = |s: &str| {
            calls.set(calls.get() + 1);
            vec![s.len()]
        };
        assert_eq!(memo.get_or_compute("hello", || len("hello")), vec![5]);
        assert_eq!(memo.get_or_compute("hello", || len("hello")), vec![5]);
        assert_eq!(memo.get_or_compute("hi", || len("hi")), vec![2]);
        assert_eq!(calls.get(), 2);
        assert_eq!(memo.len(), 2);
    }

    #[test]
    fn stays_within_its_byte_cap() {
        let memo: Memo<Vec<u8>> = Memo::new(4096);
        for i in 0..1000 {
            let key = format!("sentence number {i} of a long editing session");
            memo.get_or_compute(&key, || vec![0; 8]);
        }
        // Each entry weighs over 100 bytes, so a 4 KB table keeps a few dozen at most.
        assert!(memo.len() < 60, "{} entries kept", memo.len());
        assert!(!memo.is_empty());
    }
}
