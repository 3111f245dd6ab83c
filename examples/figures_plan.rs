//! Writes a plan whose figures all show one large picture, for measuring
//! an export's time and memory (benches/images.sh).
//!
//! Usage: cargo run --release --example figures_plan -- OUT.plan FIGURES [SIDE]

use std::path::PathBuf;

#[path = "../benches/support/figures_gen.rs"]
mod figures_gen;

fn main() {
    let usage = "usage: figures_plan OUT.plan FIGURES [SIDE]";
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().expect(usage));
    let figures: usize = args.next().and_then(|n| n.parse().ok()).expect(usage);
    let side: u32 = args.next().map_or(13_000, |n| n.parse().expect(usage));
    let _ = std::fs::remove_file(&path);
    figures_gen::generate(&path, figures, side);
    println!(
        "{}: {figures} figures of one {side} × {side} PNG",
        path.display()
    );
}
