//! The scheduler: jobs grouped by ward, run on a fixed number of threads of our own.
//!
//! A ward's first jobs are asked for when a thread is free and no job of a ward already started
//! is waiting; every job may lead to more jobs, which run before another ward is started. So
//! only about as many wards as there are threads are in progress at once, and memory holds only
//! those, however many wards a city has.
//!
//! The threads are ours, not rayon's: typst runs parts of each compile on rayon's pool, and a
//! rayon thread waiting for them takes up other jobs meanwhile, nesting compile within compile
//! on its stack (and in memory).

use crate::pdf::render::STACK_SIZE;
use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, MutexGuard};

/// What the scheduler runs: the first jobs of each ward, and each job (which gives the jobs it
/// leads to).
pub trait Work: Sync {
    type Job: Send;
    /// How many wards there are to start.
    fn wards(&self) -> usize;
    /// The jobs ward `ward` starts with.
    fn start(&self, ward: usize) -> Vec<Self::Job>;
    /// Runs a job; returns the jobs it leads to.
    fn run(&self, job: Self::Job) -> Vec<Self::Job>;
}

/// Runs every job of `work` on `threads` threads (this one among them), and returns when all
/// are done.
pub fn run<W: Work>(work: &W, threads: usize) {
    let queue = Queue {
        state: Mutex::new(State {
            ready: VecDeque::new(),
            next_ward: 0,
            running: 0,
        }),
        changed: Condvar::new(),
    };
    let worker = || {
        while let Some(job) = queue.next(work) {
            let then = work.run(job);
            queue.done(then);
        }
    };
    std::thread::scope(|scope| {
        for i in 1..threads.max(1) {
            let spawned = std::thread::Builder::new()
                .name(format!("mokuhyo-{i}"))
                // typst recurses deeply (nested tables, long texts), as on a main thread.
                .stack_size(STACK_SIZE)
                .spawn_scoped(scope, worker);
            if spawned.is_err() {
                break; // Fewer threads, then; this one works too.
            }
        }
        worker();
    });
}

struct Queue<J> {
    state: Mutex<State<J>>,
    changed: Condvar,
}

struct State<J> {
    /// Jobs of the wards started, to take before starting another ward.
    ready: VecDeque<J>,
    /// The next ward to start.
    next_ward: usize,
    /// How many jobs are running: while any is, more jobs may become ready.
    running: usize,
}

impl<J> Queue<J> {
    /// The next job: a ready one, else the first of the next ward; `None` once nothing is left
    /// and nothing running could make more.
    fn next<W: Work<Job = J>>(&self, work: &W) -> Option<J> {
        let mut state = self.lock();
        loop {
            if let Some(job) = state.ready.pop_front() {
                state.running += 1;
                return Some(job);
            }
            if state.next_ward < work.wards() {
                let ward = state.next_ward;
                state.next_ward += 1;
                state.ready.extend(work.start(ward));
                continue;
            }
            if state.running == 0 {
                return None;
            }
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// A job is done; the jobs it leads to come first, before another ward is started.
    fn done(&self, then: Vec<J>) {
        let mut state = self.lock();
        for job in then.into_iter().rev() {
            state.ready.push_front(job);
        }
        state.running -= 1;
        self.changed.notify_all();
    }

    fn lock(&self) -> MutexGuard<'_, State<J>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Each ward starts with one job that leads to three more; the most wards in progress at
    /// once is recorded.
    struct Count {
        wards: usize,
        done: AtomicUsize,
        open: Mutex<Vec<usize>>,
        most_open: AtomicUsize,
    }

    impl Work for Count {
        type Job = (usize, bool);
        fn wards(&self) -> usize {
            self.wards
        }
        fn start(&self, ward: usize) -> Vec<(usize, bool)> {
            let mut open = self.open.lock().unwrap();
            open.push(ward);
            self.most_open.fetch_max(open.len(), Ordering::Relaxed);
            vec![(ward, true)]
        }
        fn run(&self, (ward, first): (usize, bool)) -> Vec<(usize, bool)> {
            self.done.fetch_add(1, Ordering::Relaxed);
            if first {
                return vec![(ward, false); 3];
            }
            let mut open = self.open.lock().unwrap();
            if let Some(i) = open.iter().position(|&w| w == ward) {
                open.remove(i);
            }
            Vec::new()
        }
    }

    #[test]
    fn every_job_runs_and_wards_go_one_after_another() {
        let work = Count {
            wards: 50,
            done: AtomicUsize::new(0),
            open: Mutex::new(Vec::new()),
            most_open: AtomicUsize::new(0),
        };
        run(&work, 3);
        assert_eq!(work.done.load(Ordering::Relaxed), 50 * 4);
        // A ward is started only when no job of the wards started is waiting: with 3 threads,
        // a handful of wards at most are open at once, never all 50.
        let most = work.most_open.load(Ordering::Relaxed);
        assert!(most <= 4, "{most} wards open at once");
    }
}
