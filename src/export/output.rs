//! Where an export may be written, and writing it whole or not at all.
//!
//! The user names the output (a CLI argument, a save dialog), so it may be
//! the plan itself, one of SQLite's companion files, a link planted by
//! someone else, or a folder on a full disk. None of these may cost a plan
//! or leave half a file behind.

use std::ffi::OsString;
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::store::APPLICATION_ID;

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "{}: that is the plan being exported{}; choose another name for the output",
        .output.display(),
        companion(.output, .plan)
    )]
    IsThePlan { output: PathBuf, plan: PathBuf },
    #[error(
        "{}: that is a Planwright plan{}; exporting would overwrite it, so choose another name",
        .output.display(),
        .of.as_ref().map(|p| format!(" file (SQLite's working file for {})", p.display())).unwrap_or_default()
    )]
    IsAPlan {
        output: PathBuf,
        of: Option<PathBuf>,
    },
    #[error("{}: that is a folder; choose a file name inside it", .0.display())]
    IsAFolder(PathBuf),
    #[error("could not write {}: {}", .path.display(), explain(.source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn companion(output: &Path, plan: &Path) -> String {
    if output == plan {
        String::new()
    } else {
        format!(" ({}'s working file)", plan.display())
    }
}

fn explain(e: &std::io::Error) -> String {
    match e.raw_os_error() {
        Some(28) => "the disk is full; free some space and try again (nothing was written)".into(),
        _ => e.to_string(),
    }
}

/// The names SQLite keeps beside a plan while it is open.
const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// Refuses an output that is `plan`, one of its companion files, any other
/// Planwright plan (or a companion of one), or a folder.
pub fn check_target(output: &Path, plan: &Path) -> Result<(), OutputError> {
    let out = resolve(output);
    if out.is_dir() {
        return Err(OutputError::IsAFolder(output.to_path_buf()));
    }
    let plan = resolve(plan);
    let refused = || OutputError::IsThePlan {
        output: output.to_path_buf(),
        plan: plan.clone(),
    };
    if out == plan || same_file(&out, &plan) {
        return Err(refused());
    }
    for suffix in COMPANIONS {
        if out == with_suffix(&plan, suffix) {
            return Err(refused());
        }
    }
    // Any other plan: an open one in another window, or one the user only
    // happened to name.
    if is_plan(&out) {
        return Err(OutputError::IsAPlan {
            output: output.to_path_buf(),
            of: None,
        });
    }
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned());
    for suffix in COMPANIONS {
        let Some(base) = name.as_deref().and_then(|n| n.strip_suffix(suffix)) else {
            continue;
        };
        let base = out.with_file_name(base);
        if is_plan(&base) {
            return Err(OutputError::IsAPlan {
                output: output.to_path_buf(),
                of: Some(base),
            });
        }
    }
    Ok(())
}

/// Writes `output` through `write`: into a new file created exclusively
/// (never through a link) in the same folder, flushed to disk, then renamed
/// over `output`. On any failure the temporary file is removed and
/// `output` is as it was.
pub fn write_atomic(
    output: &Path,
    write: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> Result<(), OutputError> {
    let io = |source| OutputError::Io {
        path: output.to_path_buf(),
        source,
    };
    let folder = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = output
        .file_name()
        .ok_or_else(|| OutputError::IsAFolder(output.to_path_buf()))?;
    let mut prefix = OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    // O_CREAT|O_EXCL under a random name: a link or file planted there in
    // advance makes creation fail and is never written through.
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".partial");
    // An export is made to be shared: a new one gets the permissions any new
    // file gets (0666 less the umask), not tempfile's owner-only 0600, and
    // one written over keeps those it had.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&folder).map_err(io)?;
    #[cfg(unix)]
    if let Ok(existing) = std::fs::metadata(output) {
        tmp.as_file()
            .set_permissions(existing.permissions())
            .map_err(io)?;
    }
    write(tmp.as_file_mut()).map_err(io)?;
    tmp.as_file_mut().flush().map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    // Dropping the temporary file on the error path removes it.
    tmp.persist(output).map_err(|e| io(e.error))?;
    // The rename itself is durable once the folder is synced.
    if let Ok(dir) = File::open(&folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// The path with its folder resolved (links, `..`), so two spellings of
/// one file compare equal even when the file itself does not exist yet.
fn resolve(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match (folder.canonicalize(), path.file_name()) {
        (Ok(f), Some(name)) => f.join(name),
        _ => path.to_path_buf(),
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Two names of one file (a hard link, say): the same inode on Unix, the
/// same file index on Windows.
fn same_file(a: &Path, b: &Path) -> bool {
    same_file::is_same_file(a, b).unwrap_or(false)
}

/// True for a regular file whose SQLite header carries our application id.
fn is_plan(path: &Path) -> bool {
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut header = [0u8; 72];
    let read = File::open(path).and_then(|f| f.take(72).read_exact(&mut header));
    read.is_ok()
        && header.starts_with(b"SQLite format 3\0")
        && i32::from_be_bytes([header[68], header[69], header[70], header[71]]) == APPLICATION_ID
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan_at(path: &Path) {
        let mut header = vec![0u8; 100];
        header[..16].copy_from_slice(b"SQLite format 3\0");
        header[68..72].copy_from_slice(&APPLICATION_ID.to_be_bytes());
        std::fs::write(path, header).unwrap();
    }

    #[test]
    fn the_plan_and_its_working_files_are_refused_however_spelled() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("s.plan");
        plan_at(&plan);
        let spellings = [
            plan.clone(),
            dir.path().join(".").join("s.plan"),
            dir.path().join("x/../s.plan"),
            dir.path().join("s.plan-wal"),
            dir.path().join("s.plan-shm"),
        ];
        std::fs::create_dir(dir.path().join("x")).unwrap();
        for out in spellings {
            let e = check_target(&out, &plan).unwrap_err();
            assert!(matches!(e, OutputError::IsThePlan { .. }), "{out:?}: {e}");
            assert!(e.to_string().contains("choose another name"), "{e}");
        }
        std::os::unix::fs::symlink(&plan, dir.path().join("link.pdf")).unwrap();
        assert!(check_target(&dir.path().join("link.pdf"), &plan).is_err());
        std::fs::hard_link(&plan, dir.path().join("hard.pdf")).unwrap();
        assert!(check_target(&dir.path().join("hard.pdf"), &plan).is_err());
        assert!(check_target(&dir.path().join("s.pdf"), &plan).is_ok());
    }

    #[test]
    fn another_plan_is_refused_by_its_header_not_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("a.plan");
        let other = dir.path().join("other.pdf");
        plan_at(&plan);
        plan_at(&other);
        let e = check_target(&other, &plan).unwrap_err().to_string();
        assert!(e.contains("is a Planwright plan"), "{e}");
        let e = check_target(&dir.path().join("other.pdf-wal"), &plan)
            .unwrap_err()
            .to_string();
        assert!(e.contains("working file for"), "{e}");
        std::fs::write(dir.path().join("old.pdf"), b"%PDF-1.7").unwrap();
        assert!(check_target(&dir.path().join("old.pdf"), &plan).is_ok());
        let e = check_target(dir.path(), &plan).unwrap_err();
        assert!(matches!(e, OutputError::IsAFolder(_)));
    }

    #[test]
    fn a_failed_write_leaves_nothing_and_a_planted_link_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.pdf");
        std::fs::write(&out, b"before").unwrap();
        let e = write_atomic(&out, |_| Err(std::io::Error::from_raw_os_error(28)));
        assert!(e.unwrap_err().to_string().contains("the disk is full"));
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "only out.pdf remains");
        assert_eq!(std::fs::read(&out).unwrap(), b"before");

        // The old scheme wrote through "out.pdf.partial"; a link planted
        // there must not redirect the export.
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"precious").unwrap();
        std::os::unix::fs::symlink(&victim, dir.path().join("out.pdf.partial")).unwrap();
        write_atomic(&out, |f| f.write_all(b"%PDF")).unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
        assert_eq!(std::fs::read(&out).unwrap(), b"%PDF");
    }
}
