//! Drives the real Planwright app binary through tauri-driver and
//! WebKitWebDriver. Run under a display (scripts/test.sh uses xvfb-run);
//! every connect and wait has a deadline, and the driver is stopped by pid.

use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

pub const WAIT: Duration = Duration::from_secs(20);

/// The app binary built by `cargo build -p planwright-app`.
pub fn app_binary() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let bin = std::env::var_os("PLANWRIGHT_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/debug/planwright-app"));
    bin.canonicalize()
        .unwrap_or_else(|_| panic!("{} not found; build the app first", bin.display()))
}

/// A tauri-driver on its own port, stopped (by pid) when dropped.
pub struct Driver {
    child: Child,
    pub port: u16,
}

impl Driver {
    /// Starts a driver whose apps keep their settings in `config_dir` and
    /// take their file dialogs' answers from [`answer_dialog`]. They have
    /// no session bus, so each is an app of its own: no test's app hands
    /// its plan to another's.
    pub fn start(port: u16, config_dir: &Path) -> Driver {
        let no_bus = format!("unix:path={}", config_dir.join("no-bus").display());
        Driver::spawn(port, config_dir, &no_bus)
    }

    /// As [`Driver::start`], with apps on `bus`, where a second launch
    /// finds the running app.
    pub fn start_on_bus(port: u16, config_dir: &Path, bus: &SessionBus) -> Driver {
        Driver::spawn(port, config_dir, &bus.address)
    }

    fn spawn(port: u16, config_dir: &Path, bus_address: &str) -> Driver {
        // Its own process group, so WebKitWebDriver goes with it.
        let child = Command::new("tauri-driver")
            .process_group(0)
            .env("PLANWRIGHT_CONFIG_DIR", config_dir)
            .env("PLANWRIGHT_DIALOG_ANSWERS", dialog_answers(config_dir))
            .env("DBUS_SESSION_BUS_ADDRESS", bus_address)
            // The desktop's recent files go here, not to the user's own.
            .env("XDG_DATA_HOME", config_dir.join("data"))
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &(port + 1).to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tauri-driver runs (cargo install tauri-driver --version ^2 --locked)");
        // tauri-driver listens before the WebKitWebDriver it starts does,
        // and drops any request it cannot pass on (CI's first session on a
        // cold machine was dropped twice so): wait for both.
        let deadline = Instant::now() + WAIT;
        for (listener, at) in [("tauri-driver", port), ("WebKitWebDriver", port + 1)] {
            while TcpStream::connect(("127.0.0.1", at)).is_err() {
                assert!(
                    Instant::now() < deadline,
                    "{listener} did not listen on {at}"
                );
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        Driver { child, port }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.wait();
    }
}

/// A D-Bus session bus of the test's own, stopped when dropped.
pub struct SessionBus {
    child: Child,
    pub address: String,
}

impl SessionBus {
    pub fn start(dir: &Path) -> SessionBus {
        let socket = dir.join("bus");
        let address = format!("unix:path={}", socket.display());
        let child = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--nopidfile"])
            .arg(format!("--address={address}"))
            // It and the accessibility bus it starts for the app chatter.
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon runs (apt-get install dbus-daemon)");
        let deadline = Instant::now() + WAIT;
        while std::os::unix::net::UnixStream::connect(&socket).is_err() {
            assert!(Instant::now() < deadline, "dbus-daemon did not listen");
            std::thread::sleep(Duration::from_millis(20));
        }
        SessionBus { child, address }
    }
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn dialog_answers(config_dir: &Path) -> PathBuf {
    config_dir.join("dialog-answers")
}

/// The next file dialog of the app started with `config_dir` will answer
/// `path` (as if the user had picked it), or cancel for None. WebDriver
/// cannot reach native dialogs; the app reads its answers from this file.
pub fn answer_dialog(config_dir: &Path, path: Option<&Path>) {
    let line = path.map(|p| p.to_str().unwrap()).unwrap_or("");
    std::fs::write(dialog_answers(config_dir), format!("{line}\n")).unwrap();
}

/// Calls the app's `choose_file` as the UI does, with `path` as the
/// user's answer; returns what the command returned.
pub async fn choose(
    c: &Client,
    config_dir: &Path,
    purpose: &str,
    path: &Path,
) -> serde_json::Value {
    answer_dialog(config_dir, Some(path));
    c.execute_async(
        "const [purpose, done] = arguments;
         window.__TAURI_INTERNALS__.invoke('choose_file', { purpose, suggested: null })
           .then(done, (e) => done({ error: e }));",
        vec![json!(purpose)],
    )
    .await
    .unwrap()
}

/// Launches the app with `args` (a plan path, or none for the start screen).
pub async fn launch(driver: &Driver, args: &[&str]) -> Client {
    let caps = json!({
        "tauri:options": {
            "application": app_binary(),
            "args": args,
        }
    });
    let caps = caps.as_object().unwrap().clone();
    let url = format!("http://127.0.0.1:{}", driver.port);
    // On a loaded machine WebKitWebDriver now and then drops the first
    // session request while the app starts; a second one tells a real
    // failure to start from that.
    for attempt in 1..=2 {
        let mut builder = ClientBuilder::new(HttpConnector::new());
        builder.capabilities(caps.clone());
        let connect = builder.connect(&url);
        match tokio::time::timeout(WAIT, connect)
            .await
            .expect("the app started within the deadline")
        {
            Ok(client) => return client,
            Err(e) if attempt == 1 => eprintln!("WebDriver session refused ({e}); asking again"),
            Err(e) => panic!("WebDriver session: {e}"),
        }
    }
    unreachable!()
}

/// Waits for the app to open a window that is not among `known`, switches
/// to it, and waits for it to show the plan `file_name` in its editor.
pub async fn switch_to_new_window(
    c: &Client,
    known: &[fantoccini::wd::WindowHandle],
    file_name: &str,
) -> fantoccini::wd::WindowHandle {
    let deadline = Instant::now() + WAIT;
    let opened = loop {
        let windows = c.windows().await.unwrap();
        if let Some(w) = windows.into_iter().find(|w| !known.contains(w)) {
            break w;
        }
        assert!(
            Instant::now() < deadline,
            "no new window opened for {file_name}"
        );
        // Short: the handover figure (examples/app_figures.rs) waits here too.
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    c.switch_to_window(opened.clone()).await.unwrap();
    until(
        c,
        &format!("{file_name} in the new window"),
        &format!(
            "document.title.includes({}) && !!document.querySelector('#editor .ProseMirror')",
            serde_json::Value::from(file_name)
        ),
    )
    .await;
    opened
}

/// Waits for an element matching `css`.
pub async fn find(c: &Client, css: &str) -> fantoccini::elements::Element {
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element {css}: {e}"))
}

/// Clicks the element `css` once it is there.
pub async fn click(c: &Client, css: &str) {
    find(c, css)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("could not click {css}: {e}"));
}

/// Polls `check` (a JS expression) until it is true or the deadline passes.
pub async fn until(c: &Client, what: &str, check: &str) {
    let deadline = Instant::now() + WAIT;
    loop {
        let v = c
            .execute(&format!("return !!({check});"), vec![])
            .await
            .unwrap_or(serde_json::Value::Bool(false));
        if v == serde_json::Value::Bool(true) {
            return;
        }
        if Instant::now() >= deadline {
            // Say what the user would have seen: any error shown on the page.
            let shown = c
                .execute(
                    "return Array.from(document.querySelectorAll('.error, .field-error, #save-state')).map(e => e.textContent).filter(t => t).join(' | ') + ' || ' + ((document.querySelector('#editor') ?? document.querySelector('main, #main'))?.innerText ?? '').slice(0, 600);",
                    vec![],
                )
                .await
                .unwrap_or_default();
            panic!("timed out waiting for {what}; the page shows: {shown}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Saves a screenshot to target/e2e-screens/NAME.png for people to look at,
/// if the driver takes one within ten seconds.
pub async fn screenshot(c: &Client, name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-screens");
    std::fs::create_dir_all(&dir).unwrap();
    // WebKitWebDriver has been seen never to answer a screenshot of the
    // start screen shown after a refused plan: a picture is not worth a
    // hung run.
    if let Ok(Ok(png)) = tokio::time::timeout(Duration::from_secs(10), c.screenshot()).await {
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }
}
