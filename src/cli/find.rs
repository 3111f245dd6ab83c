//! `find` and `replace`: text across the whole plan.

use std::path::PathBuf;

use clap::Args;
use planwright::api::{self, find::FindQuery};

use super::{open, open_read_only, Out, Outcome};

#[derive(Args)]
pub struct FindArgs {
    pub file: PathBuf,
    /// The text to look for.
    pub text: String,
    #[command(flatten)]
    pub how: How,
}

#[derive(Args)]
pub struct ReplaceArgs {
    pub file: PathBuf,
    /// The text to look for.
    pub text: String,
    /// What to put in its place.
    pub with: String,
    #[command(flatten)]
    pub how: How,
}

#[derive(Args)]
pub struct How {
    /// "Council" does not find "council".
    #[arg(long)]
    pub match_case: bool,
    /// "care" does not find "career" or "childcare".
    #[arg(long)]
    pub whole_words: bool,
}

impl How {
    fn query(&self, text: String) -> FindQuery {
        FindQuery {
            text,
            match_case: self.match_case,
            whole_words: self.whole_words,
        }
    }
}

pub fn find(a: FindArgs, out: &Out) -> Outcome {
    let plan = open_read_only(&a.file)?;
    let result = api::find::find(&plan, &a.how.query(a.text))?;
    out.show(&result, || {
        let mut t: String = result
            .found
            .iter()
            .map(|f| format!("{}: …{}[{}]{}…\n", f.place, f.before, f.matched, f.after))
            .collect();
        if result.total > result.found.len() {
            t += &format!("and {} more\n", result.total - result.found.len());
        }
        t += &format!(
            "{} match{}",
            result.total,
            if result.total == 1 { "" } else { "es" }
        );
        t
    });
    Ok(())
}

pub fn replace(a: ReplaceArgs, out: &Out) -> Outcome {
    let mut plan = open(&a.file)?;
    let done = api::find::replace_all(&mut plan, &a.how.query(a.text), &a.with)?;
    out.show(&done, || {
        format!(
            "Replaced {} match{} in {} section{}",
            done.count,
            if done.count == 1 { "" } else { "es" },
            done.sections.len(),
            if done.sections.len() == 1 { "" } else { "s" }
        )
    });
    Ok(())
}
