//! The signed-off PDF digitally signed (PAdES B-B) as councils sign: with a
//! key `planwright keygen` made, and with RSA keys and PKCS#12 files made
//! by OpenSSL; the signature checked by two independent readers (poppler's
//! pdfsig and pyHanko) and by `planwright verify`; any change after
//! signing found by all three; bad keys refused by name with nothing
//! written.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{arg, planwright, sample_plan, tool};

/// A sample plan, approved, with a key made by `keygen` beside it.
fn approved_plan_and_key() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let (dir, plan) = sample_plan();
    let run = planwright([
        "approve",
        arg(&plan),
        "--committee",
        "Children and Young People's Board",
        "--date",
        "2008-05-20",
        "--resolution",
        "RESOLVED that the plan be approved.",
        "--approver",
        "Cllr Ivan Ould",
        "--override-reason",
        "Targets are set in the Local Area Agreement",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let keys = dir.path().join("keys");
    let run = planwright([
        "keygen",
        "-o",
        arg(&keys),
        "--name",
        "Sudha Amin",
        "--organisation",
        "Leicestershire County Council",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Fingerprint (SHA-256): "),
        "{}",
        run.stdout
    );
    (dir, plan, keys)
}

fn pdfsig(pdf: &Path) -> String {
    String::from_utf8_lossy(&tool("pdfsig", &[arg(pdf)]).stdout).into_owned()
}

/// pyHanko's verdict (tests/tools/pyhanko_validate.py) trusting `cert`:
/// whether it validated, and what it said.
fn pyhanko(pdf: &Path, cert: &Path) -> (bool, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let python = root.join("target/pyhanko/bin/python");
    assert!(
        python.exists(),
        "pyHanko is not installed in target/pyhanko: run scripts/setup.sh"
    );
    let out = Command::new(python)
        .arg(root.join("tests/tools/pyhanko_validate.py"))
        .args([pdf, cert])
        .output()
        .unwrap();
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

fn sign_with_keygen_key(dir: &Path, plan: &Path, keys: &Path) -> PathBuf {
    let pdf = dir.join("signed.pdf");
    let run = planwright([
        "signoff",
        arg(plan),
        "-o",
        arg(&pdf),
        "--p12",
        arg(&keys.join("signing.p12")),
        "--password-file",
        arg(&keys.join("signing.password")),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("digitally signed by CN=Sudha Amin,O=Leicestershire County Council"),
        "{}",
        run.stdout
    );
    pdf
}

#[test]
fn a_signed_off_pdf_is_valid_to_pdfsig_pyhanko_and_verify_and_keeps_its_tags() {
    let (dir, plan, keys) = approved_plan_and_key();
    let pdf = sign_with_keygen_key(dir.path(), &plan, &keys);
    let bytes = std::fs::read(&pdf).unwrap();

    let sig = pdfsig(&pdf);
    for wanted in [
        "Signer Certificate Common Name: Sudha Amin",
        "Signature Type: ETSI.CAdES.detached",
        "Signing Hash Algorithm: SHA-256",
        "Total document signed",
        "Signature Validation: Signature is Valid.",
    ] {
        assert!(sig.contains(wanted), "pdfsig lacks \"{wanted}\":\n{sig}");
    }
    let (ok, said) = pyhanko(&pdf, &keys.join("signing-cert.pem"));
    assert!(ok, "pyHanko: {said}");
    assert!(said.contains("coverage=ENTIRE_FILE"), "{said}");

    // Signed as an incremental update: the tagged PDF is still PDF/UA, and
    // what was signed is a whole PDF of its own.
    common::assert_checked_like_the_plan_pdf(&pdf);
    let first_eof = bytes.windows(5).position(|w| w == b"%%EOF").unwrap() + 5;
    let first = dir.path().join("unsigned-revision.pdf");
    std::fs::write(&first, &bytes[..first_eof]).unwrap();
    assert!(tool("qpdf", &["--check", arg(&first)]).status.success());
    let pages = |p: &Path| {
        String::from_utf8_lossy(&tool("pdfinfo", &[arg(p)]).stdout)
            .lines()
            .find(|l| l.starts_with("Pages:"))
            .unwrap()
            .to_owned()
    };
    assert_eq!(pages(&first), pages(&pdf));

    let text = String::from_utf8(tool("pdftotext", &[arg(&pdf), "-"]).stdout).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for wanted in [
        "digitally signed: a PDF reader's signature panel shows who signed it",
        "Digitally signed by Sudha Amin, Leicestershire County Council",
        "Signer's certificate (SHA-256)",
    ] {
        assert!(
            text.contains(wanted),
            "the sign-off page lacks \"{wanted}\""
        );
    }

    // verify: alone, the signature is enough; with the plan, also the record.
    let alone = planwright(["verify", arg(&pdf), "--json"]);
    assert_eq!(alone.code, 0, "{}{}", alone.stdout, alone.stderr);
    let v: serde_json::Value = serde_json::from_str(&alone.stdout).unwrap();
    assert_eq!(v["valid"], true);
    let s = &v["signatures"][0];
    assert_eq!(s["signer"], "Sudha Amin");
    assert_eq!(s["intact"], true);
    assert_eq!(s["covers_whole_file"], true);
    assert_eq!(s["self_signed"], true);
    assert!(s["signed_at"].as_str().unwrap().ends_with(" UTC"), "{s}");
    let with_plan = planwright(["verify", arg(&pdf), "--plan", arg(&plan)]);
    assert_eq!(with_plan.code, 0, "{}", with_plan.stdout);
    for wanted in [
        "Digitally signed by Sudha Amin on ",
        "the signature is valid and nothing has changed since it was signed",
        "Its certificate is self-signed",
        "Unchanged: it is the sign-off PDF the plan wrote",
        "It matches the plan's approved version 1",
    ] {
        assert!(with_plan.stdout.contains(wanted), "{}", with_plan.stdout);
    }
}

#[test]
fn any_change_after_signing_is_found_by_pdfsig_pyhanko_and_verify() {
    let (dir, plan, keys) = approved_plan_and_key();
    let pdf = sign_with_keygen_key(dir.path(), &plan, &keys);
    let bytes = std::fs::read(&pdf).unwrap();
    let cert = keys.join("signing-cert.pem");
    let v: serde_json::Value =
        serde_json::from_str(&planwright(["verify", arg(&pdf), "--json"]).stdout).unwrap();
    assert_eq!(v["valid"], true);
    // The signature's own hex string is the one gap in the signed range.
    let gap = bytes.windows(10).rposition(|w| w == b"/Contents<").unwrap() + 9;
    let gap_end = gap + bytes[gap..].iter().position(|&b| b == b'>').unwrap() + 1;
    for at in [
        20,
        bytes.len() / 4,
        bytes.len() / 2,
        gap - 200,
        gap_end + 40,
        bytes.len() - 30,
    ] {
        assert!(at < gap || at >= gap_end);
        let mut changed = bytes.clone();
        changed[at] ^= 0x01;
        let path = dir.path().join(format!("flipped-{at}.pdf"));
        std::fs::write(&path, &changed).unwrap();
        let run = planwright(["verify", arg(&path)]);
        assert_ne!(
            run.code, 0,
            "verify missed a byte changed at {at}: {}",
            run.stdout
        );
        let sig = pdfsig(&path);
        assert!(
            !sig.contains("Signature is Valid."),
            "pdfsig missed a byte changed at {at}:\n{sig}"
        );
        let (ok, said) = pyhanko(&path, &cert);
        assert!(!ok, "pyHanko missed a byte changed at {at}: {said}");
    }

    // Appended to after signing: what was signed is intact, but the file
    // is not what was signed.
    let mut appended = bytes.clone();
    appended.extend_from_slice(b"\n% a note added after signing\n");
    let path = dir.path().join("appended.pdf");
    std::fs::write(&path, &appended).unwrap();
    let run = planwright(["verify", arg(&path), "--json"]);
    assert_eq!(run.code, 1);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["signatures"][0]["intact"], true);
    assert_eq!(v["signatures"][0]["covers_whole_file"], false);
    assert!(
        v["said"]
            .to_string()
            .contains("changed after signing: 30 bytes were added"),
        "{}",
        v["said"]
    );
    assert!(pdfsig(&path).contains("Not total document signed"));
    let (ok, said) = pyhanko(&path, &cert);
    assert!(!ok, "{said}");
    assert!(!said.contains("coverage=ENTIRE_FILE"), "{said}");

    // Cut short after signing.
    let cut = dir.path().join("cut.pdf");
    std::fs::write(&cut, &bytes[..bytes.len() - 100]).unwrap();
    let run = planwright(["verify", arg(&cut)]);
    assert_ne!(run.code, 0);
    assert!(
        run.stdout.contains("it was cut short after signing"),
        "{}{}",
        run.stdout,
        run.stderr
    );
}

fn openssl(args: &[&str]) {
    let out = tool("openssl", args);
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn rsa_keys_made_by_openssl_sign_as_pem_encrypted_pem_and_pkcs12() {
    let (dir, plan, _) = approved_plan_and_key();
    let d = |n: &str| dir.path().join(n);
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "30",
        "-subj",
        "/CN=Rita Patel/O=Derby City Council",
        "-keyout",
        arg(&d("rsa.key")),
        "-out",
        arg(&d("rsa.crt")),
    ]);
    std::fs::write(d("password"), "open sesame\n").unwrap();
    openssl(&[
        "pkcs12",
        "-export",
        "-inkey",
        arg(&d("rsa.key")),
        "-in",
        arg(&d("rsa.crt")),
        "-out",
        arg(&d("rsa.p12")),
        "-passout",
        "pass:open sesame",
    ]);
    // The older encryption (RC2/3DES, SHA-1) many councils' files still use.
    openssl(&[
        "pkcs12",
        "-export",
        "-legacy",
        "-inkey",
        arg(&d("rsa.key")),
        "-in",
        arg(&d("rsa.crt")),
        "-out",
        arg(&d("legacy.p12")),
        "-passout",
        "pass:open sesame",
    ]);
    openssl(&[
        "pkcs8",
        "-topk8",
        "-v2",
        "aes-256-cbc",
        "-in",
        arg(&d("rsa.key")),
        "-out",
        arg(&d("rsa-enc.key")),
        "-passout",
        "pass:open sesame",
    ]);
    let (key, crt, pw) = (d("rsa.key"), d("rsa.crt"), d("password"));
    let (enc, p12, legacy) = (d("rsa-enc.key"), d("rsa.p12"), d("legacy.p12"));
    let ways: [Vec<&str>; 4] = [
        vec!["--key", arg(&key), "--cert", arg(&crt)],
        vec![
            "--key",
            arg(&enc),
            "--cert",
            arg(&crt),
            "--password-file",
            arg(&pw),
        ],
        vec!["--p12", arg(&p12), "--password-file", arg(&pw)],
        vec!["--p12", arg(&legacy), "--password-file", arg(&pw)],
    ];
    for (i, way) in ways.iter().enumerate() {
        let pdf = d(&format!("rsa-{i}.pdf"));
        let mut args = vec!["signoff", arg(&plan), "-o", arg(&pdf)];
        args.extend_from_slice(way);
        let run = planwright(args);
        assert_eq!(run.code, 0, "{way:?}: {}", run.stderr);
        let sig = pdfsig(&pdf);
        assert!(
            sig.contains("Signer Certificate Common Name: Rita Patel"),
            "{sig}"
        );
        assert!(sig.contains("Signature is Valid."), "{way:?}:\n{sig}");
        let (ok, said) = pyhanko(&pdf, &d("rsa.crt"));
        assert!(ok, "{way:?}: {said}");
        let run = planwright(["verify", arg(&pdf), "--plan", arg(&plan)]);
        assert_eq!(run.code, 0, "{way:?}: {}", run.stdout);
    }
}

#[test]
fn bad_keys_are_refused_by_name_and_nothing_is_written() {
    let (dir, plan, keys) = approved_plan_and_key();
    let d = |n: &str| dir.path().join(n);
    let before = std::fs::read(&plan).unwrap();
    let out = d("out.pdf");
    let refused = |extra: &[&str], wanted: &str| {
        let mut args = vec!["signoff", arg(&plan), "-o", arg(&out)];
        args.extend_from_slice(extra);
        let run = planwright(args);
        assert_eq!(run.code, 2, "{extra:?}: {}{}", run.stdout, run.stderr);
        assert!(run.stderr.contains(wanted), "{extra:?}: {}", run.stderr);
        assert!(!out.exists(), "{extra:?} wrote the PDF");
        assert_eq!(
            std::fs::read(&plan).unwrap(),
            before,
            "{extra:?} changed the plan"
        );
        let strays: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains("partial"))
            .collect();
        assert!(strays.is_empty(), "{extra:?} left {strays:?}");
    };
    std::fs::write(d("wrong"), "not the password\n").unwrap();
    let p12 = keys.join("signing.p12");
    refused(
        &["--p12", arg(&p12), "--password-file", arg(&d("wrong"))],
        "signing.p12: the password is wrong",
    );
    // Another key's certificate.
    let other = d("other");
    assert_eq!(planwright(["keygen", "-o", arg(&other)]).code, 0);
    refused(
        &[
            "--key",
            arg(&keys.join("signing-key.pem")),
            "--cert",
            arg(&other.join("signing-cert.pem")),
        ],
        "signing-key.pem is not the key of the certificate in",
    );
    // An expired certificate.
    let day = std::time::Duration::from_secs(86_400);
    let then = std::time::SystemTime::now() - 400 * day;
    let old = planwright::sign::keygen::generate(
        &planwright::sign::keygen::KeyRequest {
            name: "Former Officer".into(),
            organisation: None,
            not_before: then,
            not_after: then + 365 * day,
        },
        "pw",
    )
    .unwrap();
    std::fs::write(d("old.key"), &old.key_pem).unwrap();
    std::fs::write(d("old.crt"), &old.cert_pem).unwrap();
    refused(
        &["--key", arg(&d("old.key")), "--cert", arg(&d("old.crt"))],
        "the certificate \"CN=Former Officer\" expired on",
    );
    // Not a key at all; a key that is encrypted, without its password.
    std::fs::write(d("notes.txt"), "Dear colleague,\n").unwrap();
    refused(
        &["--key", arg(&d("notes.txt")), "--cert", arg(&d("old.crt"))],
        "notes.txt: is not a private key",
    );
    refused(
        &["--p12", arg(&d("notes.txt"))],
        "notes.txt: is not a PKCS#12",
    );
    refused(
        &[
            "--key",
            arg(&d("missing.key")),
            "--cert",
            arg(&d("old.crt")),
        ],
        "missing.key: cannot be read",
    );

    let run = planwright(["keygen", "-o", arg(&d("nameless")), "--name", " "]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("name: the signer's name is 1 to 64 characters"),
        "{}",
        run.stderr
    );
    assert!(!d("nameless").exists());
    let run = planwright(["keygen", "-o", arg(&d("long")), "--days", "0"]);
    assert!(
        run.stderr
            .contains("days: a certificate lasts 1 to 3,650 days"),
        "{}",
        run.stderr
    );

    // keygen never writes over a key.
    let pem = std::fs::read(keys.join("signing-key.pem")).unwrap();
    let run = planwright(["keygen", "-o", arg(&keys)]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert_eq!(std::fs::read(keys.join("signing-key.pem")).unwrap(), pem);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for private in ["signing-key.pem", "signing.p12", "signing.password"] {
            let mode = std::fs::metadata(keys.join(private))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "{private} is readable by others");
        }
    }
}
