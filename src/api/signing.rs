//! Digital signing: the signer's key and certificate, read and checked
//! before a sign-off is written, and `keygen`, which makes a key and a
//! self-signed certificate to try signing with.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Result;
use crate::export::output;
use crate::model::ValidationError;
use crate::sign::{self, keygen::KeyRequest, Credentials, KeySource};

/// The key and certificate to sign with, and the password that opens
/// them (an encrypted key or a PKCS#12 file).
#[derive(Debug, Clone)]
pub struct SignWith {
    pub source: KeySource,
    pub password: Option<String>,
}

/// The largest password file read: a password is a line.
const MAX_PASSWORD_FILE: u64 = 4096;

/// Reads a password from the first line of `path`, which is only read.
pub fn read_password(path: &Path) -> Result<String> {
    let bytes = super::import::read(path, MAX_PASSWORD_FILE)?;
    let text = String::from_utf8(bytes).map_err(|_| {
        ValidationError::new("password-file", format!("{}: is not text", path.display()))
    })?;
    Ok(text.lines().next().unwrap_or("").to_owned())
}

/// The signer's credentials, checked: the password opens them, the key is
/// the certificate's, and the certificate is valid now.
pub fn credentials(with: &SignWith) -> Result<Credentials> {
    Ok(sign::credentials::load(
        &with.source,
        with.password.as_deref(),
        std::time::SystemTime::now(),
    )?)
}

/// What `keygen` wrote.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KeyFiles {
    pub pkcs12: String,
    pub key: String,
    pub certificate: String,
    /// The file holding the PKCS#12 file's password, when one was made.
    pub password_file: Option<String>,
    pub subject: String,
    /// The SHA-256 of the certificate: what a recipient compares.
    pub fingerprint: String,
    pub expires: String,
}

/// The files `keygen` writes in its folder.
pub const PKCS12_NAME: &str = "signing.p12";
pub const KEY_NAME: &str = "signing-key.pem";
pub const CERT_NAME: &str = "signing-cert.pem";
pub const PASSWORD_NAME: &str = "signing.password";

/// Makes a P-256 key and a self-signed certificate for `name` valid for
/// `days`, and writes them into `dir`: a PKCS#12 file (with `password`, or
/// a new random one written beside it) and the PEM pair. Refuses to write
/// over any of them.
pub fn keygen(
    dir: &Path,
    name: &str,
    organisation: Option<&str>,
    days: u32,
    password: Option<String>,
) -> Result<KeyFiles> {
    if !(1..=3650).contains(&days) {
        return Err(ValidationError::new("days", "a certificate lasts 1 to 3,650 days").into());
    }
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 64 {
        return Err(ValidationError::new("name", "the signer's name is 1 to 64 characters").into());
    }
    if organisation.is_some_and(|o| o.trim().chars().count() > 64) {
        return Err(ValidationError::new("organisation", "at most 64 characters").into());
    }
    std::fs::create_dir_all(dir).map_err(|source| output::OutputError::Io {
        path: dir.to_owned(),
        source,
    })?;
    let paths: Vec<PathBuf> = [PKCS12_NAME, KEY_NAME, CERT_NAME, PASSWORD_NAME]
        .iter()
        .map(|n| dir.join(n))
        .collect();
    if let Some(p) = paths.iter().find(|p| p.exists()) {
        return Err(ValidationError::new(
            "output",
            format!(
                "{} already exists: keygen never writes over a key; choose another folder",
                p.display()
            ),
        )
        .into());
    }
    let made_password = password.is_none();
    let password = password.unwrap_or_else(random_password);
    let g = sign::keygen::generate(&KeyRequest::for_days(name, organisation, days), &password)?;
    let write = |path: &Path, bytes: &[u8], private: bool| -> Result<()> {
        output::write_atomic(path, |f| {
            if private {
                keep_private(f)?;
            }
            std::io::Write::write_all(f, bytes)
        })?;
        Ok(())
    };
    write(&paths[0], &g.pkcs12, true)?;
    write(&paths[1], g.key_pem.as_bytes(), true)?;
    write(&paths[2], g.cert_pem.as_bytes(), false)?;
    if made_password {
        write(&paths[3], format!("{password}\n").as_bytes(), true)?;
    }
    let cert = g.credentials.certificate();
    let expires = chrono::DateTime::<chrono::Utc>::from(
        cert.tbs_certificate.validity.not_after.to_system_time(),
    );
    let shown = |p: &PathBuf| p.display().to_string();
    Ok(KeyFiles {
        pkcs12: shown(&paths[0]),
        key: shown(&paths[1]),
        certificate: shown(&paths[2]),
        password_file: made_password.then(|| shown(&paths[3])),
        subject: g.credentials.subject(),
        fingerprint: g.fingerprint,
        expires: expires.format("%Y-%m-%d").to_string(),
    })
}

/// 24 characters from a 32-letter alphabet: 120 bits.
fn random_password() -> String {
    use rand_core::RngCore;
    const LETTERS: &[u8; 32] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut bytes = [0u8; 24];
    rand_core::OsRng.fill_bytes(&mut bytes);
    bytes
        .iter()
        .map(|b| LETTERS[usize::from(b % 32)] as char)
        .collect()
}

/// A private key's file is readable by its owner only.
#[cfg(unix)]
fn keep_private(f: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    f.set_permissions(std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn keep_private(_: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}
