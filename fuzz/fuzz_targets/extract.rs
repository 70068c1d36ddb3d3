//! Every extractor on arbitrary bytes: the first byte selects the format (see
//! `Format::ALL`), the rest is the file. An mbox is split and each message extracted.
#![no_main]

use formlos::extract::mbox::MboxMessages;
use formlos::extract::{Format, extract};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let format = Format::ALL[usize::from(selector) % Format::ALL.len()];
    if format == Format::Mbox {
        for message in MboxMessages::new(bytes).flatten() {
            let _ = extract(Format::Email, &message.bytes);
        }
    } else {
        let _ = extract(format, bytes);
    }
});
