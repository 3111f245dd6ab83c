//! Digital signatures on signed-off PDFs: a PAdES B-B signature (ETSI EN
//! 319 142-1, a detached CAdES signature in the PDF's signature dictionary)
//! added as an incremental update, so the tagged PDF underneath stays byte
//! for byte what it was; the keys and certificates a signer brings (PEM or
//! PKCS#12) or makes to try it; and the check of a signed PDF.

pub mod check;
pub mod credentials;
pub mod keygen;
pub mod pades;

use std::path::PathBuf;

use thiserror::Error;

pub use credentials::{Credentials, KeySource};

#[derive(Debug, Error)]
pub enum SignError {
    /// A key, certificate or PKCS#12 file that cannot be read: missing,
    /// too large, the wrong password, not a key, a key of a kind we cannot
    /// sign with.
    #[error("{}: {why}", path.display())]
    Credentials { path: PathBuf, why: String },
    #[error(
        "the key in {} is not the key of the certificate in {}: give the key the certificate was made for",
        key.display(),
        cert.display()
    )]
    Mismatch { key: PathBuf, cert: PathBuf },
    /// Outside its validity: a signature made with it would not be valid.
    #[error("{}: the certificate \"{subject}\" {why}", path.display())]
    NotValidNow {
        path: PathBuf,
        subject: String,
        why: String,
    },
    /// The PDF to sign could not be read or updated.
    #[error("the PDF could not be signed: {0}")]
    Pdf(String),
    /// A key or certificate could not be made.
    #[error("the key could not be made: {0}")]
    Keygen(String),
}

impl SignError {
    /// The file the error is about, if any.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            SignError::Credentials { path, .. } | SignError::NotValidNow { path, .. } => Some(path),
            SignError::Mismatch { key, .. } => Some(key),
            SignError::Pdf(_) | SignError::Keygen(_) => None,
        }
    }
}
