//! The monitor: reports progress a few times a second, with the recent
//! extraction rate, until the load is over.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use super::jobs::Shared;
use super::stage::ToStage;

pub(super) fn monitor(shared: Arc<Shared>, tx: Sender<ToStage>) {
    let mut last_bytes = 0u64;
    let mut last = Instant::now();
    let mut rate = 0u64;
    loop {
        std::thread::sleep(Duration::from_millis(100));
        if shared.stop.load(Ordering::Relaxed) || shared.finished.load(Ordering::Relaxed) {
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
        if tx.send(ToStage::Progress(p)).is_err() {
            return;
        }
    }
}
