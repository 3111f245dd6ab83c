//! The signer's key and certificate chain, from a PEM pair (key and
//! certificate files) or a PKCS#12 file, checked before anything is
//! signed: the password opens them, the key is the certificate's, and the
//! certificate is valid now.

use std::path::{Path, PathBuf};

use der::{Decode, Encode};
use p256::pkcs8::DecodePrivateKey;
use pkcs8::{EncodePublicKey, PrivateKeyInfo};
use rsa::pkcs1::DecodeRsaPrivateKey;
use sha2::Sha256;
use x509_cert::Certificate;

use super::SignError;

/// The largest key, certificate or PKCS#12 file read: real ones are a few
/// kilobytes, a chain of certificates a few tens.
const MAX_FILE: u64 = 1 << 20;

/// The most certificates taken from a chain.
const MAX_CHAIN: usize = 16;

/// Where the signer's key and certificate come from.
#[derive(Debug, Clone)]
pub enum KeySource {
    /// A PEM (or DER) private key, and a PEM file of the certificate with
    /// any chain after it.
    Pem { key: PathBuf, cert: PathBuf },
    /// A PKCS#12 (.p12/.pfx) file holding both.
    Pkcs12(PathBuf),
}

/// A key that can sign: RSA (2048 bits or more; PKCS#1 v1.5 with SHA-256)
/// or ECDSA on P-256 (with SHA-256), the two that every PDF reader checks.
pub enum SigningKey {
    Rsa(Box<rsa::pkcs1v15::SigningKey<Sha256>>),
    P256(p256::ecdsa::SigningKey),
}

/// A key with its certificate, ready to sign.
pub struct Credentials {
    pub key: SigningKey,
    /// The signer's certificate first, then the rest of its chain.
    pub chain: Vec<Certificate>,
}

impl Credentials {
    pub fn certificate(&self) -> &Certificate {
        &self.chain[0]
    }

    /// The certificate's subject, as a person reads it ("CN=…, O=…").
    pub fn subject(&self) -> String {
        self.certificate().tbs_certificate.subject.to_string()
    }

    /// The signer's name: the certificate's common name, or its subject.
    pub fn signer_name(&self) -> String {
        common_name(&self.certificate().tbs_certificate.subject).unwrap_or_else(|| self.subject())
    }

    /// The signer as a person reads it: "Sudha Amin, Salford City
    /// Council" (the common name and organisation), or the subject.
    pub fn signer_and_organisation(&self) -> String {
        let subject = &self.certificate().tbs_certificate.subject;
        match (
            common_name(subject),
            attribute(subject, const_oid::db::rfc4519::O),
        ) {
            (Some(cn), Some(o)) => format!("{cn}, {o}"),
            (Some(cn), None) => cn,
            _ => self.subject(),
        }
    }
}

/// The common name (CN) of a certificate's subject or issuer.
pub fn common_name(name: &x509_cert::name::Name) -> Option<String> {
    attribute(name, const_oid::db::rfc4519::CN)
}

/// The first value of attribute `oid` in a name, as text.
fn attribute(name: &x509_cert::name::Name, oid: const_oid::ObjectIdentifier) -> Option<String> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|atv| atv.oid == oid)
        .and_then(|atv| std::str::from_utf8(atv.value.value()).ok())
        .map(str::to_owned)
}

/// Reads and checks the signer's key and certificate; `password` opens an
/// encrypted key or a PKCS#12 file, and `now` is when they must be valid.
pub fn load(
    source: &KeySource,
    password: Option<&str>,
    now: std::time::SystemTime,
) -> Result<Credentials, SignError> {
    let (key, chain, key_path, cert_path) = match source {
        KeySource::Pem { key, cert } => {
            let k = read_key(key, &read(key)?, password)?;
            let chain = read_certs(cert, &read(cert)?)?;
            (k, chain, key.clone(), cert.clone())
        }
        KeySource::Pkcs12(path) => {
            let (k, chain) = read_pkcs12(path, &read(path)?, password.unwrap_or(""))?;
            (k, chain, path.clone(), path.clone())
        }
    };
    // The signer's certificate is the one whose public key is the key's;
    // a file may list the chain in any order.
    let public = public_key_der(&key);
    let mut chain = chain;
    let at = chain
        .iter()
        .position(|c| {
            c.tbs_certificate
                .subject_public_key_info
                .to_der()
                .is_ok_and(|d| d == public)
        })
        .ok_or(SignError::Mismatch {
            key: key_path,
            cert: cert_path.clone(),
        })?;
    let own = chain.remove(at);
    chain.insert(0, own);
    let validity = &chain[0].tbs_certificate.validity;
    let subject = chain[0].tbs_certificate.subject.to_string();
    let day = |t: &x509_cert::time::Time| {
        chrono::DateTime::<chrono::Utc>::from(t.to_system_time())
            .format("%-d %B %Y")
            .to_string()
    };
    if now > validity.not_after.to_system_time() {
        return Err(SignError::NotValidNow {
            path: cert_path,
            subject,
            why: format!(
                "expired on {}: renew it, or sign with a current one",
                day(&validity.not_after)
            ),
        });
    }
    if now < validity.not_before.to_system_time() {
        return Err(SignError::NotValidNow {
            path: cert_path,
            subject,
            why: format!("is not valid until {}", day(&validity.not_before)),
        });
    }
    Ok(Credentials { key, chain })
}

fn read(path: &Path) -> Result<Vec<u8>, SignError> {
    let bad = |why: String| SignError::Credentials {
        path: path.to_owned(),
        why,
    };
    let meta = std::fs::metadata(path).map_err(|e| bad(format!("cannot be read ({e})")))?;
    if !meta.is_file() {
        return Err(bad("is not a file".into()));
    }
    if meta.len() > MAX_FILE {
        return Err(bad(
            "is larger than 1 MB: it is not a key or certificate file".into(),
        ));
    }
    std::fs::read(path).map_err(|e| bad(format!("cannot be read ({e})")))
}

/// A private key in PEM (PKCS#8, encrypted PKCS#8, PKCS#1 RSA or SEC1 EC)
/// or DER (PKCS#8).
fn read_key(path: &Path, bytes: &[u8], password: Option<&str>) -> Result<SigningKey, SignError> {
    let bad = |why: &str| SignError::Credentials {
        path: path.to_owned(),
        why: why.to_owned(),
    };
    let (label, der) = match der::pem::decode_vec(bytes) {
        Ok((label, der)) => (label.to_owned(), der),
        Err(_) if bytes.first() == Some(&0x30) => ("PRIVATE KEY".to_owned(), bytes.to_vec()),
        Err(_) => return Err(bad("is not a private key (PEM or DER)")),
    };
    match label.as_str() {
        "PRIVATE KEY" => pkcs8_key(path, &der),
        "ENCRYPTED PRIVATE KEY" => {
            let password = password
                .ok_or_else(|| bad("the key is encrypted: give its password (--password-file)"))?;
            let info = pkcs8::EncryptedPrivateKeyInfo::try_from(der.as_slice())
                .map_err(|_| bad("is not an encrypted private key"))?;
            let plain = info.decrypt(password).map_err(|_| {
                bad("the password is wrong, or the key's encryption is not one we know")
            })?;
            pkcs8_key(path, plain.as_bytes())
        }
        "RSA PRIVATE KEY" => rsa::RsaPrivateKey::from_pkcs1_der(&der)
            .map_err(|_| bad("is not an RSA private key"))
            .and_then(|k| rsa_key(path, k)),
        "EC PRIVATE KEY" => p256::SecretKey::from_sec1_der(&der)
            .map(|k| SigningKey::P256(k.into()))
            .map_err(|_| bad("is not a P-256 private key: only RSA and P-256 keys can sign")),
        other => Err(bad(&format!("holds a \"{other}\", not a private key"))),
    }
}

fn pkcs8_key(path: &Path, der: &[u8]) -> Result<SigningKey, SignError> {
    let bad = |why: &str| SignError::Credentials {
        path: path.to_owned(),
        why: why.to_owned(),
    };
    let info = PrivateKeyInfo::try_from(der).map_err(|_| bad("is not a private key"))?;
    match info.algorithm.oid {
        const_oid::db::rfc5912::RSA_ENCRYPTION => rsa::RsaPrivateKey::from_pkcs8_der(der)
            .map_err(|_| bad("is not a readable RSA key"))
            .and_then(|k| rsa_key(path, k)),
        const_oid::db::rfc5912::ID_EC_PUBLIC_KEY => p256::SecretKey::from_pkcs8_der(der)
            .map(|k| SigningKey::P256(k.into()))
            .map_err(|_| {
                bad("is an elliptic-curve key not on P-256: only RSA and P-256 keys can sign")
            }),
        _ => Err(bad(
            "is a kind of key that cannot sign a PDF here: use RSA or P-256",
        )),
    }
}

fn rsa_key(path: &Path, key: rsa::RsaPrivateKey) -> Result<SigningKey, SignError> {
    use rsa::traits::PublicKeyParts;
    if key.size() < 256 {
        return Err(SignError::Credentials {
            path: path.to_owned(),
            why: format!(
                "is a {}-bit RSA key: a signature needs 2048 bits or more",
                key.size() * 8
            ),
        });
    }
    Ok(SigningKey::Rsa(Box::new(
        rsa::pkcs1v15::SigningKey::<Sha256>::new(key),
    )))
}

/// The certificates in a PEM file (the signer's and any chain), or one
/// DER certificate.
fn read_certs(path: &Path, bytes: &[u8]) -> Result<Vec<Certificate>, SignError> {
    let bad = |why: &str| SignError::Credentials {
        path: path.to_owned(),
        why: why.to_owned(),
    };
    let certs = if bytes.first() == Some(&0x30) {
        vec![Certificate::from_der(bytes).map_err(|_| bad("is not a certificate"))?]
    } else {
        Certificate::load_pem_chain(bytes).map_err(|_| bad("is not a certificate (PEM)"))?
    };
    if certs.is_empty() {
        return Err(bad("holds no certificate"));
    }
    if certs.len() > MAX_CHAIN {
        return Err(bad("holds more than 16 certificates"));
    }
    Ok(certs)
}

fn read_pkcs12(
    path: &Path,
    bytes: &[u8],
    password: &str,
) -> Result<(SigningKey, Vec<Certificate>), SignError> {
    let bad = |why: &str| SignError::Credentials {
        path: path.to_owned(),
        why: why.to_owned(),
    };
    let store = p12_keystore::KeyStore::from_pkcs12(bytes, password).map_err(|e| match e {
        p12_keystore::error::Error::MacError(_) => {
            bad("the password is wrong (the PKCS#12 file's check failed)")
        }
        _ if bytes.first() != Some(&0x30) => bad("is not a PKCS#12 (.p12 or .pfx) file"),
        _ => {
            bad("cannot be opened: the password is wrong, or it is not a PKCS#12 file we can read")
        }
    })?;
    let (_, chain) = store
        .private_key_chain()
        .ok_or_else(|| bad("holds no private key"))?;
    let key = pkcs8_key(path, chain.key())?;
    let certs = chain
        .chain()
        .iter()
        .take(MAX_CHAIN)
        .map(|c| {
            Certificate::from_der(c.as_der())
                .map_err(|_| bad("holds a certificate that cannot be read"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if certs.is_empty() {
        return Err(bad("holds no certificate for its key"));
    }
    Ok((key, certs))
}

/// The key's public half as a certificate holds it (SubjectPublicKeyInfo).
fn public_key_der(key: &SigningKey) -> Vec<u8> {
    let der = match key {
        SigningKey::Rsa(k) => {
            use rsa::signature::Keypair;
            k.verifying_key().to_public_key_der()
        }
        SigningKey::P256(k) => k.verifying_key().to_public_key_der(),
    };
    der.map(|d| d.as_bytes().to_vec()).unwrap_or_default()
}
