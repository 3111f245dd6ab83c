//! `planwright generate`: the manual pages and shell completions the
//! package installs, made from the command line's own definition so they
//! never fall behind it. Hidden from `--help`: people read what it makes.

use std::path::PathBuf;

use clap::{CommandFactory, Subcommand};

use super::{Cli, Failure, Out, Outcome};

#[derive(Subcommand)]
pub enum GenerateCommand {
    /// Write the manual pages into DIR: planwright.1 and one a subcommand
    /// (planwright-export.1, planwright-export-pdf.1, …).
    Man { dir: PathBuf },
    /// Print the completion script for SHELL (bash, zsh, fish, …).
    Completions { shell: clap_complete::Shell },
}

pub fn run(command: GenerateCommand, out: &Out) -> Outcome {
    match command {
        GenerateCommand::Man { dir } => {
            let written = std::fs::create_dir_all(&dir)
                .and_then(|()| clap_mangen::generate_to(Cli::command(), &dir));
            written.map_err(|e| Failure {
                code: 2,
                message: format!("{}: {e}", dir.display()),
            })?;
            out.show(&dir, || {
                format!("manual pages written to {}", dir.display())
            });
        }
        GenerateCommand::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "planwright", &mut script);
            out.show(&String::from_utf8_lossy(&script), || {
                String::from_utf8_lossy(&script).into_owned()
            });
        }
    }
    Ok(())
}
