//! The monitor: reports progress a few times a second, and says when the
//! load is over.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use super::events::Event;
use super::jobs::Shared;

/// Sends progress a few times a second, and the final event.
pub(super) fn monitor(shared: Arc<Shared>, tx: Sender<Event>) {
    let mut last_bytes = 0u64;
    let mut last = Instant::now();
    let mut rate = 0u64;
    loop {
        std::thread::sleep(Duration::from_millis(100));
        if shared.stop.load(Ordering::Relaxed) {
            return;
        }
        let done_bytes = shared.extracted_bytes.load(Ordering::Relaxed);
        let dt = last.elapsed().as_secs_f64();
        if dt >= 0.5 {
            let now_rate = ((done_bytes - last_bytes) as f64 / dt) as u64;
            // Smooth, so the ETA does not jump about.
            rate = if rate == 0 {
                now_rate
            } else {
                (rate * 3 + now_rate) / 4
            };
            last_bytes = done_bytes;
            last = Instant::now();
        }
        let mut p = *shared.progress.lock().expect("progress lock");
        p.extract_bytes_per_sec = rate;
        let finished = {
            let q = shared.queues.lock().expect("queue lock");
            q.walk_done && q.parsing == 0 && q.parse.is_empty() && q.extract.is_empty()
        } && p.done();
        if finished {
            let _ = tx.send(Event::Finished(p));
            return;
        }
        if tx.send(Event::Progress(p)).is_err() {
            return;
        }
    }
}
