//! Writes a plan whose one paragraph is a single unbroken word of a given
//! size (a pasted key or encoded blob), for benches/long_word.sh. The block is
//! written straight into the file with SQL, as a hand-made or hostile plan
//! would be, so none of the checks a save makes apply.
//!
//! Usage: cargo run --release --example long_word -- OUT.plan BYTES [LETTERS]
//!
//! The word is drawn from LETTERS (ASCII; default: letters and digits, in
//! a fixed pseudo-random order); `x` gives one letter repeated, which has
//! no hyphenation point.

use std::path::PathBuf;

use planwright::model::PlanInfo;
use planwright::store::{self, PlanFile};
use planwright::templates::Template;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(bytes)) = (args.next(), args.next()) else {
        eprintln!("usage: long_word OUT.plan BYTES [LETTERS]");
        std::process::exit(2);
    };
    let path = PathBuf::from(path);
    let bytes: usize = bytes.parse().expect("BYTES is a whole number");
    let _ = std::fs::remove_file(&path);
    let info = PlanInfo::titled("One long word", 2024);
    let plan = PlanFile::create(&path, &Template::Blank.bundle(info)).expect("create the plan");
    let section = plan
        .read(|conn| {
            let ch = store::chapters::list(conn)?[0].id;
            Ok(store::sections::list(conn, ch)?[0].id)
        })
        .expect("read the plan's section");
    drop(plan);

    // No "+" or "/" by default: a line may break after them (UAX #14).
    let letters = args
        .next()
        .unwrap_or_else(|| "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".into());
    assert!(
        !letters.is_empty() && letters.is_ascii(),
        "LETTERS are one or more ASCII characters"
    );
    let letters = letters.as_bytes();
    let mut state = 7u64;
    let word: String = (0..bytes)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            letters[(state >> 33) as usize % letters.len()] as char
        })
        .collect();
    let json = serde_json::json!({
        "type": "paragraph",
        "attrs": {"numbered": true},
        "content": [{"type": "text", "text": word}],
    })
    .to_string();
    drop(word);
    let conn = rusqlite::Connection::open(&path).expect("open the plan with SQLite");
    conn.execute(
        "INSERT INTO blocks (section_id, position, kind, json) VALUES (?1, 0, 'paragraph', ?2)",
        rusqlite::params![section, json],
    )
    .expect("insert the block");
    conn.close().expect("close the plan");
    println!("{}", path.display());
}
