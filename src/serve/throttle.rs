//! Failed sign-ins slowed down without holding a thread: each failure is counted against the
//! name tried and against the address it came from, separately. After three in a row either
//! has a waiting time, half a second doubling with each further failure up to ten seconds; an
//! attempt within it is answered 429 with `Retry-After` at once (a wait of a second or less is
//! waited out first, on a timer, so that a person who mistyped is only slowed). A success
//! forgets the name's and the address's failures; failures are forgotten a quarter of an hour
//! after the last. The counts live in memory: a restart forgets them.
//!
//! Password hashes are checked a few at a time ([`Throttle::hashing`]): a flood of sign-ins
//! waits for its turn without a thread, and the rest of the server keeps its share of the
//! processors.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures are forgotten this long after the last.
const FORGOTTEN: Duration = Duration::from_secs(15 * 60);
/// The longest wait waited out before an attempt; a longer one is answered 429.
pub const SHORT_WAIT: Duration = Duration::from_secs(1);

/// The failures of one name or one address: how many in a row, and when the last was.
#[derive(Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
}

impl Failures {
    /// How long until another attempt: none before the third failure, then half a second
    /// doubling, at most ten seconds.
    fn wait(&self) -> Duration {
        let delay = match self.count {
            0..=2 => Duration::ZERO,
            n => Duration::from_millis(500u64 << (n - 3).min(5)).min(Duration::from_secs(10)),
        };
        delay.saturating_sub(self.last.elapsed())
    }
}

/// What an attempt is counted against: the name tried and the address it came from.
pub struct Keys {
    name: String,
    from: String,
}

impl Keys {
    pub fn new(name: &str, from: &str) -> Self {
        Self {
            name: format!("name:{name}"),
            from: format!("from:{from}"),
        }
    }

    fn both(&self) -> [&str; 2] {
        [&self.name, &self.from]
    }
}

pub struct Throttle {
    failures: Mutex<HashMap<String, Failures>>,
    /// Password hashes checked at once: half the processors, at least one.
    pub hashing: tokio::sync::Semaphore,
}

impl Default for Throttle {
    fn default() -> Self {
        let processors = std::thread::available_parallelism().map_or(1, usize::from);
        Self {
            failures: Mutex::default(),
            hashing: tokio::sync::Semaphore::new((processors / 2).max(1)),
        }
    }
}

impl Throttle {
    fn failures(&self) -> std::sync::MutexGuard<'_, HashMap<String, Failures>> {
        self.failures.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// How long until an attempt counted against `keys` may be made: the longer of the name's
    /// and the address's waits.
    pub fn wait(&self, keys: &Keys) -> Duration {
        let mut failures = self.failures();
        failures.retain(|_, f| f.last.elapsed() < FORGOTTEN);
        (keys.both().iter())
            .filter_map(|key| failures.get(*key).map(Failures::wait))
            .max()
            .unwrap_or(Duration::ZERO)
    }

    /// A failure counted against the name and the address: the name's failures in a row now.
    pub fn failed(&self, keys: &Keys) -> u32 {
        let mut failures = self.failures();
        for key in keys.both() {
            let entry = failures.entry(key.to_string()).or_insert(Failures {
                count: 0,
                last: Instant::now(),
            });
            entry.count += 1;
            entry.last = Instant::now();
        }
        failures.get(&keys.name).map_or(0, |f| f.count)
    }

    /// A success: the name's and the address's failures forgotten.
    pub fn succeeded(&self, keys: &Keys) {
        let mut failures = self.failures();
        for key in keys.both() {
            failures.remove(key);
        }
    }

    /// The name's failures forgotten (it has been locked: counting starts again after).
    pub fn forget_name(&self, keys: &Keys) {
        self.failures().remove(&keys.name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_and_an_address_are_counted_apart_and_a_success_forgets_both() {
        let throttle = Throttle::default();
        let keys = Keys::new("chiiki", "10.0.0.1");
        for _ in 0..3 {
            throttle.failed(&keys);
        }
        assert!(throttle.wait(&keys) > Duration::ZERO);
        // The same name from elsewhere waits; another name from the same address too.
        assert!(throttle.wait(&Keys::new("chiiki", "10.0.0.2")) > Duration::ZERO);
        assert!(throttle.wait(&Keys::new("kikaku", "10.0.0.1")) > Duration::ZERO);
        assert_eq!(
            throttle.wait(&Keys::new("kikaku", "10.0.0.2")),
            Duration::ZERO
        );
        throttle.succeeded(&keys);
        assert_eq!(throttle.wait(&keys), Duration::ZERO);
        assert_eq!(throttle.failed(&keys), 1);
    }
}
