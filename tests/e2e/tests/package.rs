//! The Debian package as a desktop sees it once installed: unpacked with
//! `dpkg-deb -x` into a folder that stands for `/`, with the MIME and
//! desktop databases made as the package's triggers make them. Built by
//! `scripts/package.sh --debug`, which the test command runs first.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use planwright_e2e::*;
use tempfile::TempDir;

const PLAN_TYPE: &str = "application/vnd.planwright.plan";

fn deb() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/debug/bundle/deb");
    let debs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}; run scripts/package.sh --debug", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "deb"))
        .collect();
    assert_eq!(debs.len(), 1, "one package in {}: {debs:?}", dir.display());
    debs.into_iter().next().unwrap()
}

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?}: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(run(cmd).stdout)
        .unwrap()
        .trim()
        .to_string()
}

/// The package unpacked, and a home of its own for the desktop's settings.
struct Installed {
    root: TempDir,
    home: TempDir,
}

impl Installed {
    fn new() -> Installed {
        let root = tempfile::tempdir().unwrap();
        run(Command::new("dpkg-deb")
            .arg("-x")
            .arg(deb())
            .arg(root.path()));
        let share = root.path().join("usr/share");
        run(Command::new("update-mime-database").arg(share.join("mime")));
        run(Command::new("update-desktop-database").arg(share.join("applications")));
        Installed {
            root,
            home: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, inside: &str) -> PathBuf {
        self.root.path().join(inside.trim_start_matches('/'))
    }

    /// `program` as a GNOME session would run it with the package
    /// installed: its data first, then the system's.
    fn desktop(&self, program: &str) -> Command {
        let mut cmd = Command::new(program);
        let path = format!(
            "{}:{}",
            self.path("/usr/bin").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        cmd.env("PATH", path)
            .env("HOME", self.home.path())
            .env("XDG_DATA_HOME", self.home.path().join(".local/share"))
            .env("XDG_CONFIG_HOME", self.home.path().join(".config"))
            .env(
                "XDG_DATA_DIRS",
                format!("{}:/usr/share", self.path("/usr/share").display()),
            )
            .env("XDG_CURRENT_DESKTOP", "GNOME");
        cmd
    }
}

fn sample(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    planwright::api::plan::write_sample(&path, false).unwrap();
    path
}

#[test]
fn a_plan_is_known_by_its_name_or_its_content_and_opens_in_planwright() {
    let installed = Installed::new();
    let files = tempfile::tempdir().unwrap();
    let plan = sample(files.path(), "sample.plan");
    // A mail program that saved it under another name.
    let renamed = files.path().join("attachment.dat");
    std::fs::copy(&plan, &renamed).unwrap();
    let other_sqlite = files.path().join("other.db");
    rusqlite::Connection::open(&other_sqlite)
        .unwrap()
        .execute_batch("CREATE TABLE t(x);")
        .unwrap();
    let filetype = |p: &Path| {
        stdout(
            installed
                .desktop("xdg-mime")
                .args(["query", "filetype"])
                .arg(p),
        )
    };
    assert_eq!(filetype(&plan), PLAN_TYPE);
    assert_eq!(filetype(&renamed), PLAN_TYPE);
    assert_eq!(filetype(&other_sqlite), "application/vnd.sqlite3");
    assert_eq!(
        stdout(
            installed
                .desktop("xdg-mime")
                .args(["query", "default", PLAN_TYPE])
        ),
        "Planwright.desktop"
    );

    let entry = installed.path("/usr/share/applications/Planwright.desktop");
    run(Command::new("desktop-file-validate").arg(&entry));
    let entry = std::fs::read_to_string(entry).unwrap();
    assert!(entry.contains("\nExec=planwright-app %f\n"), "{entry}");
    assert!(
        entry.contains(&format!("\nMimeType={PLAN_TYPE};\n")),
        "{entry}"
    );
    assert!(installed
        .path("/usr/share/icons/hicolor/128x128/apps/planwright-app.png")
        .is_file());
}

#[test]
fn the_package_carries_the_command_line_with_its_manual_and_completions() {
    let installed = Installed::new();
    let cli = installed.path("/usr/bin/planwright");
    let version = stdout(Command::new(&cli).arg("--version"));
    assert_eq!(version, format!("planwright {}", env!("CARGO_PKG_VERSION")));
    let files = tempfile::tempdir().unwrap();
    let plan = sample(files.path(), "sample.plan");
    let info = stdout(Command::new(&cli).arg("info").arg(&plan));
    assert!(info.contains("Leicestershire"), "{info}");

    // A page for the command and one for each subcommand, as man reads them.
    let man = installed.path("/usr/share/man/man1");
    for page in [
        "planwright",
        "planwright-export-pdf",
        "planwright-action-add",
    ] {
        let text = stdout(Command::new("zcat").arg(man.join(format!("{page}.1.gz"))));
        assert!(text.contains(&format!(".TH {page} 1")), "{page}: {text}");
    }

    // Bash completes the subcommands and their options.
    let script = installed.path("/usr/share/bash-completion/completions/planwright");
    let complete = |line: &str| {
        let words: Vec<&str> = line.split(' ').collect();
        stdout(Command::new("bash").arg("-c").arg(format!(
            "source {}; COMP_WORDS=({}); COMP_CWORD={}; COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}; _planwright planwright '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display(),
            line,
            words.len() - 1,
            words[words.len() - 1],
            words[words.len() - 2],
        )))
    };
    assert!(complete("planwright ex").lines().any(|w| w == "export"));
    assert!(complete("planwright export pdf --dr")
        .lines()
        .any(|w| w == "--draft"));

    // What the package says it does: no more than this version does.
    let control = stdout(
        Command::new("dpkg-deb")
            .args(["-f"])
            .arg(deb())
            .arg("Description"),
    );
    for promise in ["committee", "consultation"] {
        assert!(!control.contains(promise), "promises {promise}: {control}");
    }
    assert!(control.contains("Word document"), "{control}");
    assert!(control.contains("planwright command line"), "{control}");
}

/// A double-click on a mailed plan while Planwright runs: the desktop
/// starts the packaged app on it (`gio open`, as a file manager does),
/// which hands it to the running app, which opens it in a new window.
#[tokio::test]
async fn a_double_clicked_plan_opens_in_a_new_window_of_the_running_app() {
    let installed = Installed::new();
    let config = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let first = sample(files.path(), "first.plan");
    let mailed = sample(files.path(), "mailed.plan");
    let bus = SessionBus::start(config.path());
    let driver = Driver::start_on_bus(4660, config.path(), &bus);
    let c = launch(&driver, &[first.to_str().unwrap()]).await;
    find(&c, "#editor .ProseMirror").await;
    let main = c.window().await.unwrap();

    run(installed
        .desktop("gio")
        .arg("open")
        .arg(&mailed)
        .env("PLANWRIGHT_CONFIG_DIR", config.path())
        .env("DBUS_SESSION_BUS_ADDRESS", &bus.address));
    switch_to_new_window(&c, &[main], "mailed.plan").await;
    screenshot(&c, "double-clicked-plan").await;
    c.close().await.unwrap();
}
