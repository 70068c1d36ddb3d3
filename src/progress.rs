//! A progress bar on stderr while archives are checked: files and messages done, bytes,
//! MB/s, elapsed time and ETA. indicatif draws nothing when stderr is not a terminal, so
//! CI logs and pipes stay clean; `--quiet` switches it off on a terminal too.

use std::sync::atomic::{AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::i18n::Lang;

#[derive(Debug)]
pub struct Progress {
    bar: ProgressBar,
    files_total: usize,
    files: AtomicUsize,
    messages: AtomicUsize,
    lang: Lang,
}

impl Progress {
    /// A bar for `total_bytes` in `files_total` files, drawn on stderr.
    pub fn new(total_bytes: u64, files_total: usize, lang: Lang) -> Self {
        let bar = ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "{elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
        bar.set_style(style);
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        Self {
            bar,
            files_total,
            files: AtomicUsize::new(0),
            messages: AtomicUsize::new(0),
            lang,
        }
    }

    /// Bytes read.
    pub fn advance(&self, bytes: u64) {
        self.bar.inc(bytes);
    }

    pub fn file_done(&self) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.show_counts();
    }

    /// A message of an mbox archive was checked; the count is shown every 100.
    pub fn message_done(&self) {
        if self.messages.fetch_add(1, Ordering::Relaxed) % 100 == 99 {
            self.show_counts();
        }
    }

    fn show_counts(&self) {
        let files = self.files.load(Ordering::Relaxed);
        let messages = self.messages.load(Ordering::Relaxed);
        let text = match self.lang {
            Lang::De => format!(
                "{files}/{} Dateien, {messages} Nachrichten",
                self.files_total
            ),
            Lang::En => format!("{files}/{} files, {messages} messages", self.files_total),
        };
        self.bar.set_message(text);
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
