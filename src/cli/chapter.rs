//! `chapter add|rename|move|delete`. Chapters are named by the id that
//! `planwright outline` shows (#12), which stays the same when they move.

use std::path::PathBuf;

use clap::Subcommand;
use planwright::model::Id;
use planwright::store;
use serde_json::json;

use super::{open, Failure, Out, Outcome};

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
            let id = plan.write(|tx| store::chapters::add(tx, &title, !unnumbered, at))?;
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
            plan.write(|tx| store::chapters::rename(tx, chapter, &title))?;
            out.show(&json!({"id": chapter}), || {
                format!("Renamed chapter #{chapter} to \"{}\"", title.trim())
            });
        }
        ChapterCommand::Move { file, chapter, to } => {
            let mut plan = open(&file)?;
            plan.write(|tx| store::chapters::move_to(tx, chapter, to))?;
            out.show(&json!({"id": chapter, "position": to}), || {
                format!("Moved chapter #{chapter} to position {to}")
            });
        }
        ChapterCommand::Delete { file, chapter, yes } => {
            let mut plan = open(&file)?;
            let blocks = plan.read(|conn| {
                store::chapters::get(conn, chapter)?;
                Ok(store::blocks::list_chapter(conn, chapter)?.len())
            })?;
            if blocks > 0 && !yes {
                return Err(Failure::user(format!(
                    "chapter #{chapter} has {blocks} blocks of content; add --yes to delete it with them"
                )));
            }
            plan.write(|tx| store::chapters::delete(tx, chapter))?;
            out.show(&json!({"id": chapter, "deleted": true}), || {
                format!("Deleted chapter #{chapter}")
            });
        }
    }
    Ok(())
}
