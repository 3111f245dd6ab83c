//! The desktop app's figures, measured on the real binary under tauri-driver:
//! launch to an interactive window on the sample plan, keystroke to screen in
//! a 10,000-word section, the idle memory of the whole app (the Rust
//! process and its WebKit processes), an edit in a grid of 500 actions, and
//! a second launch handing its plan to the running app (a double-click on a
//! plan while Planwright runs).
//!
//! Run it under a display with the app built as users get it:
//! `bash benches/app_figures.sh` (builds the release app, then runs this).

use std::path::Path;
use std::time::{Duration, Instant};

use fantoccini::Client;
use planwright::store::PlanFile;
use planwright::templates;
use planwright_e2e::{app_binary, find, launch, switch_to_new_window, until, Driver, SessionBus};
use serde_json::{json, Value};

const LAUNCHES: usize = 5;
const KEYSTROKES: usize = 300;
const GRID_ACTIONS: usize = 500;
const GRID_EDITS: usize = 50;
const HANDOVERS: usize = 5;

#[tokio::main]
async fn main() {
    let config = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let sample = files.path().join("sample.plan");
    PlanFile::create(&sample, &templates::sample()).unwrap();
    let long = section_plan(&files.path().join("long.plan"), 200);
    let short = section_plan(&files.path().join("short.plan"), 2);
    let driver = Driver::start(4610, config.path());

    // `app_figures handover` measures the second launch alone.
    if std::env::args().any(|a| a == "handover") {
        handover(&sample).await;
        return;
    }
    // `app_figures grid` measures the grid edit alone.
    if !std::env::args().any(|a| a == "grid") {
        // 1. Launch to interactive: from asking for the app until the binder
        //    shows the sample's chapters and the editor holds its first section.
        let mut launches = Vec::new();
        let mut in_page = Vec::new();
        for _ in 0..LAUNCHES {
            let start = Instant::now();
            let c = launch(&driver, &[sample.to_str().unwrap()]).await;
            until(
                &c,
                "the sample open",
                "document.querySelectorAll('#chapter-list > li').length > 10 && document.querySelector('#editor .ProseMirror')",
            )
            .await;
            launches.push(start.elapsed().as_secs_f64() * 1000.0);
            // The same moment as the page saw it: time since its navigation began.
            let t = c.execute("return performance.now()", vec![]).await.unwrap();
            in_page.push(t.as_f64().unwrap());
            c.close().await.unwrap();
        }

        // 2. Idle memory: the sample open, nothing happening.
        let c = launch(&driver, &[sample.to_str().unwrap()]).await;
        find(&c, "#editor .ProseMirror").await;
        tokio::time::sleep(Duration::from_secs(3)).await;
        let (rss, pss, procs) = app_memory(&sample);
        c.close().await.unwrap();

        // 3. Keystrokes in a 10,000-word section, and in a 100-word one as the
        //    yardstick of what one frame of this webview costs anyway.
        let mut typing = Vec::new();
        for plan in [&long, &short] {
            let c = launch(&driver, &[plan.to_str().unwrap()]).await;
            let editor = find(&c, "#editor .ProseMirror").await;
            let words = c
                .execute(
                    "return document.querySelector('#editor').textContent.trim().split(/\\s+/).length",
                    vec![],
                )
                .await
                .unwrap();
            editor.click().await.unwrap();
            typing.push((words, keystroke_times(&c, &editor).await));
            c.close().await.unwrap();
        }

        println!(
            "launch to interactive, sample plan ({LAUNCHES} launches, WebDriver session included):"
        );
        println!("  {}", summary(&launches));
        println!(
            "  in the page (navigation start to ready): {}",
            summary(&in_page)
        );
        println!(
            "idle memory with the sample open ({procs} processes): RSS {rss:.0} MB, PSS {pss:.0} MB"
        );
        for (words, (keys, handled)) in typing {
            println!("keystroke to next frame in a {words}-word section ({KEYSTROKES} keys):");
            println!("  {}", summary(&keys));
            println!("  key handled: {}", summary(&handled));
        }
    }

    // 4. An edit in the actions grid of a plan with 500 actions: from the
    //    cell's change to the frame painted after the row is patched.
    // `app_figures grid N`: a grid of N actions instead, for comparison.
    let count: usize = std::env::args()
        .skip_while(|a| a != "grid")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(GRID_ACTIONS);
    let many = actions_plan(&files.path().join("actions.plan"), count);
    let c = launch(&driver, &[many.to_str().unwrap()]).await;
    find(&c, "#editor .ProseMirror").await;
    c.find(fantoccini::Locator::Css("#tab-actions"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    until(
        &c,
        "the grid of actions",
        // A long grid lays out only some rows; it counts all of them, and
        // its group heading and header, in `aria-rowcount`.
        &format!(
            "(g => g && (g.hasAttribute('aria-rowcount') ? g.getAttribute('aria-rowcount') === '{}' : g.querySelectorAll('tbody tr[data-key]').length === {count}))(document.getElementById('actions-grid'))",
            count + 2
        ),
    )
    .await;
    let grid = grid_edit_times(&c).await;
    c.close().await.unwrap();

    println!("grid edit, {count} actions ({GRID_EDITS} edits, the save included):");
    println!("  to the row patched: {}", summary(&grid.0));
    println!("  to the frame painted after it: {}", summary(&grid.1));
    println!(
        "  of which the frame's style, layout and paint: {}",
        summary(&grid.3)
    );
    println!("  a command's bare round trip: {}", summary(&grid.2));
    println!(
        "  a frame with nothing changed, from its callbacks to its end: {}",
        summary(&grid.4)
    );
    if !std::env::args().any(|a| a == "grid") {
        handover(&sample).await;
    }
}

/// 5. A second launch with another plan while the app runs: from starting
///    the second process to its exit (the plan handed over), and to the new
///    window showing the plan's first section.
async fn handover(sample: &Path) {
    let config = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let bus = SessionBus::start(config.path());
    let driver = Driver::start_on_bus(4620, config.path(), &bus);
    let c = launch(&driver, &[sample.to_str().unwrap()]).await;
    find(&c, "#editor .ProseMirror").await;
    let (mut handed, mut shown) = (Vec::new(), Vec::new());
    for i in 0..HANDOVERS {
        // A plan of its own each time: one already open only comes forward.
        let plan = files.path().join(format!("mailed-{i}.plan"));
        std::fs::copy(sample, &plan).unwrap();
        let before = c.windows().await.unwrap();
        let start = Instant::now();
        let status = std::process::Command::new(app_binary())
            .arg(&plan)
            .env("PLANWRIGHT_CONFIG_DIR", config.path())
            .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
            .status()
            .unwrap();
        assert!(status.success());
        handed.push(start.elapsed().as_secs_f64() * 1000.0);
        switch_to_new_window(&c, &before, &format!("mailed-{i}.plan")).await;
        shown.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    c.close().await.unwrap();
    println!("second launch with another plan while the app runs ({HANDOVERS} launches):");
    println!(
        "  to the second process's exit (plan handed over): {}",
        summary(&handed)
    );
    println!("  to the plan open in a new window: {}", summary(&shown));
}

/// A blank plan with `count` actions.
fn actions_plan(path: &Path, count: usize) -> std::path::PathBuf {
    let new = planwright::api::plan::NewPlan {
        template: templates::Template::Blank,
        title: Some("Many actions".into()),
        start_year: Some(2027),
        ..Default::default()
    };
    let mut plan = planwright::api::plan::create(path, &new).unwrap();
    use planwright::api::actions::{add, ActionField};
    for i in 0..count {
        let activity = format!(
            "Action {i}: run holiday play schemes in every district with the voluntary sector"
        );
        add(
            &mut plan,
            &[
                (ActionField::Activity, activity),
                (ActionField::Cost, "£1,200".into()),
            ],
        )
        .unwrap();
    }
    path.to_path_buf()
}

/// Types a new cost into a cell of one of the rows on screen `GRID_EDITS`
/// times and returns, for each, the milliseconds from the cell's
/// change to the row patched (the save's round trip and the script's work),
/// to the first frame painted after that (layout and paint too), and that
/// frame's own work; and, for scale, the round trips of a command that does
/// next to nothing.
async fn grid_edit_times(c: &Client) -> (Vec<f64>, Vec<f64>, Vec<f64>, Vec<f64>, Vec<f64>) {
    let v = c
        .execute_async(
            r#"
            const [edits, done] = arguments;
            const grid = document.getElementById('actions-grid');
            const rows = [...grid.querySelectorAll('tbody tr[data-key]')];
            // The next frame: when its callbacks began, and when its style,
            // layout and paint were done (a task queued from the callback
            // runs after them).
            const painted = () => new Promise((r) => requestAnimationFrame(() => {
              const begun = performance.now();
              const ch = new MessageChannel();
              ch.port1.onmessage = () => r([begun, performance.now()]);
              ch.port2.postMessage(0);
            }));
            // The grid is busy from the change until the row is patched.
            const idle = () => new Promise((r) => {
              const o = new MutationObserver(() => { if (!grid.hasAttribute('aria-busy')) { o.disconnect(); r(performance.now()); } });
              o.observe(grid, { attributes: true, attributeFilter: ['aria-busy'] });
            });
            (async () => {
              // The round trip of a command that does nothing much, for scale.
              const trips = [];
              for (let i = 0; i < edits; i++) {
                const t0 = performance.now();
                await window.__TAURI_INTERNALS__.invoke('recent_plans');
                trips.push(performance.now() - t0);
              }
              // A frame with nothing to do, for scale.
              const idleFrames = [];
              for (let i = 0; i < edits; i++) {
                const [begun, end] = await painted();
                idleFrames.push(end - begun);
              }
              const patched = [], shown = [], frame = [];
              for (let i = 0; i < edits; i++) {
                // A row on screen, as the one a user types in is; focused and
                // painted first.
                const input = rows[i % 8].querySelector('td[data-field=cost] .cell-edit');
                input.focus();
                await painted();
                // Typed: each keystroke was painted before the cell is left.
                input.value = String(100 + i);
                await painted();
                const ready = idle();
                const t0 = performance.now();
                input.dispatchEvent(new Event('change', { bubbles: true }));
                patched.push((await ready) - t0);
                const [begun, end] = await painted();
                shown.push(end - t0);
                frame.push(end - begun);
              }
              done([patched, shown, trips, frame, idleFrames]);
            })();
            "#,
            vec![json!(GRID_EDITS)],
        )
        .await
        .unwrap();
    let list = |v: &Value| -> Vec<f64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect()
    };
    (
        list(&v[0]),
        list(&v[1]),
        list(&v[2]),
        list(&v[3]),
        list(&v[4]),
    )
}

/// A blank plan whose first section holds `paragraphs` paragraphs of 50
/// words (200 make 10,000 words).
fn section_plan(path: &Path, paragraphs: usize) -> std::path::PathBuf {
    let new = planwright::api::plan::NewPlan {
        template: templates::Template::Blank,
        title: Some("Long section".into()),
        start_year: Some(2027),
        ..Default::default()
    };
    let mut plan = planwright::api::plan::create(path, &new).unwrap();
    let sentence =
        "Children and young people in the county told us they want safe places to meet, \
        good schools close to home, and adults who listen to them when decisions are made about";
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let paragraphs: Vec<Value> = (0..paragraphs)
        .map(|p| {
            let text: Vec<&str> = (0..50).map(|i| words[(p * 7 + i) % words.len()]).collect();
            json!({"type": "paragraph", "attrs": {"numbered": p % 2 == 0},
                   "content": [{"type": "text", "text": text.join(" ")}]})
        })
        .collect();
    let doc = json!({"type": "doc", "content": paragraphs});
    let first = planwright::api::outline::outline(&plan).unwrap()[0].sections[0]
        .section
        .id;
    planwright::api::sections::save(&mut plan, first, &doc, None).unwrap();
    path.to_path_buf()
}

/// Types `KEYSTROKES` characters at the end of the first paragraph and
/// returns, for each, the milliseconds from the key event to the first
/// frame after the editor changed, and to the end of the key's handling
/// (the editor's and Planwright's script work, before layout and paint).
async fn keystroke_times(
    c: &Client,
    editor: &fantoccini::elements::Element,
) -> (Vec<f64>, Vec<f64>) {
    c.execute(
        r#"
        const ed = document.querySelector('#editor .ProseMirror');
        const p = ed.querySelector('p');
        const r = document.createRange(); r.selectNodeContents(p); r.collapse(false);
        const s = getSelection(); s.removeAllRanges(); s.addRange(r);
        window.__keys = []; window.__handled = [];
        ed.addEventListener('keydown', (e) => {
          const t0 = e.timeStamp;
          // A task queued now runs once this key's events are all handled.
          const done = new MessageChannel();
          done.port1.onmessage = () => window.__handled.push(performance.now() - t0);
          done.port2.postMessage(0);
          requestAnimationFrame(() => {
            // After this frame's rendering: a message lands once it is painted.
            const ch = new MessageChannel();
            ch.port1.onmessage = () => window.__keys.push(performance.now() - t0);
            ch.port2.postMessage(0);
          });
        });
        "#,
        vec![],
    )
    .await
    .unwrap();
    // One key at a time, each after the last reached the screen, as a
    // typist's keys come: a burst would time the queue, not the editor.
    let text: String = "the plan ".chars().cycle().take(KEYSTROKES).collect();
    for (i, ch) in text.chars().enumerate() {
        editor.send_keys(&ch.to_string()).await.unwrap();
        until(
            c,
            "the keystroke on screen",
            &format!("window.__keys.length > {i}"),
        )
        .await;
    }
    let times = |v: Value| -> Vec<f64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect()
    };
    (
        times(c.execute("return window.__keys", vec![]).await.unwrap()),
        times(c.execute("return window.__handled", vec![]).await.unwrap()),
    )
}

/// RSS and PSS (MB) of the app process holding `plan` and every process it
/// started (WebKit's web and network processes), and how many there were.
fn app_memory(plan: &Path) -> (f64, f64, usize) {
    let procs: Vec<(u32, u32, Vec<u8>)> = std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_string_lossy().parse::<u32>().ok())
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            let ppid = stat
                .rsplit(')')
                .next()?
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()?;
            let cmd = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
            Some((pid, ppid, cmd))
        })
        .collect();
    let needle = plan.to_str().unwrap().as_bytes();
    let app = procs
        .iter()
        .find(|(_, _, cmd)| {
            let args: Vec<&[u8]> = cmd.split(|b| *b == 0).collect();
            args[0].ends_with(b"planwright-app") && args.contains(&needle)
        })
        .expect("the app process")
        .0;
    let mut family = vec![app];
    let mut i = 0;
    while i < family.len() {
        let parent = family[i];
        family.extend(procs.iter().filter(|p| p.1 == parent).map(|p| p.0));
        i += 1;
    }
    let kb = |pid: u32, file: &str, key: &str| -> f64 {
        std::fs::read_to_string(format!("/proc/{pid}/{file}"))
            .unwrap_or_default()
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    for p in &family {
        let name = std::fs::read_to_string(format!("/proc/{p}/comm")).unwrap_or_default();
        println!(
            "  {:<24} RSS {:>6.1} MB  PSS {:>6.1} MB",
            name.trim(),
            kb(*p, "status", "VmRSS:") / 1024.0,
            kb(*p, "smaps_rollup", "Pss:") / 1024.0
        );
    }
    let rss: f64 = family.iter().map(|p| kb(*p, "status", "VmRSS:")).sum();
    let pss: f64 = family.iter().map(|p| kb(*p, "smaps_rollup", "Pss:")).sum();
    (rss / 1024.0, pss / 1024.0, family.len())
}

fn summary(ms: &[f64]) -> String {
    let mut v = ms.to_vec();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let pick = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    let mean = v.iter().sum::<f64>() / v.len() as f64;
    format!(
        "median {:.1} ms, mean {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        pick(0.5),
        mean,
        pick(0.95),
        v[v.len() - 1]
    )
}
