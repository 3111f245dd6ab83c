//! `chapter add|rename|move|delete`. Chapters are named by the id that
//! `planwright outline` shows (#12), which stays the same when they move.

use std::path::PathBuf;

use clap::Subcommand;
use planwright::api;
use planwright::model::Id;
use serde_json::json;

use super::{open, Out, Outcome};

#[derive(Subcommand)]
pub enum ChapterCommand {
    /// Add a chapter (at the end, or at --at N).
    Add {
        file: PathBuf,
        title: String,
        /// 1-based position among the chapters.
        #[arg(long)]
        at: Option<usize>,
        /// Front matter such as a Welcome: no chapter number.
        #[arg(long)]
        unnumbered: bool,
    },
    /// Rename a chapter.
    Rename {
        file: PathBuf,
        chapter: Id,
        title: String,
    },
    /// Move a chapter to 1-based position --to N.
    Move {
        file: PathBuf,
        chapter: Id,
        #[arg(long)]
        to: usize,
    },
    /// Delete a chapter and everything in it (--yes needed if it has text).
    Delete {
        file: PathBuf,
        chapter: Id,
        #[arg(long)]
        yes: bool,
    },
}

pub fn run(c: ChapterCommand, out: &Out) -> Outcome {
    match c {
        ChapterCommand::Add {
            file,
            title,
            at,
            unnumbered,
        } => {
            let mut plan = open(&file)?;
            let id = api::outline::add_chapter(&mut plan, &title, !unnumbered, at)?;
            out.show(&json!({"id": id}), || {
                format!("Added chapter #{id} \"{}\"", title.trim())
            });
        }
        ChapterCommand::Rename {
            file,
            chapter,
            title,
        } => {
            let mut plan = open(&file)?;
            api::outline::rename_chapter(&mut plan, chapter, &title)?;
            out.show(&json!({"id": chapter}), || {
                format!("Renamed chapter #{chapter} to \"{}\"", title.trim())
            });
        }
        ChapterCommand::Move { file, chapter, to } => {
            let mut plan = open(&file)?;
            api::outline::move_chapter(&mut plan, chapter, to)?;
            out.show(&json!({"id": chapter, "position": to}), || {
                format!("Moved chapter #{chapter} to position {to}")
            });
        }
        ChapterCommand::Delete { file, chapter, yes } => {
            let mut plan = open(&file)?;
            api::outline::delete_chapter(&mut plan, chapter, yes)?;
            out.show(&json!({"id": chapter, "deleted": true}), || {
                format!("Deleted chapter #{chapter}")
            });
        }
    }
    Ok(())
}
