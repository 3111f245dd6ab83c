//! A key and self-signed certificate to try signing with: ECDSA P-256, in
//! a PKCS#12 file and as a PEM pair. A self-signed certificate proves a PDF
//! unchanged since it was signed, not who signed it; a council signs with
//! the certificate its own authority issues.

use std::str::FromStr;
use std::time::{Duration, SystemTime};

use der::EncodePem;
use p256::pkcs8::EncodePrivateKey;
use rand_core::{OsRng, RngCore};
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::{Time, Validity};

use super::credentials::{Credentials, SigningKey};
use super::SignError;

/// What the certificate says and how long it lasts.
#[derive(Debug, Clone)]
pub struct KeyRequest {
    /// The signer's name: the certificate's common name.
    pub name: String,
    /// The signer's organisation, if any.
    pub organisation: Option<String>,
    pub not_before: SystemTime,
    pub not_after: SystemTime,
}

impl KeyRequest {
    /// Valid from now for `days`.
    pub fn for_days(name: &str, organisation: Option<&str>, days: u32) -> Self {
        let now = SystemTime::now();
        Self {
            name: name.to_owned(),
            organisation: organisation.map(str::to_owned),
            not_before: now,
            not_after: now + Duration::from_secs(u64::from(days) * 86_400),
        }
    }
}

/// A generated key with its certificate, and the files that hold them.
pub struct Generated {
    pub credentials: Credentials,
    /// The PKCS#12 file, encrypted with the password given (AES-256, with
    /// an HMAC-SHA-256 check).
    pub pkcs12: Vec<u8>,
    /// The private key, unencrypted PKCS#8 PEM: keep it private.
    pub key_pem: String,
    pub cert_pem: String,
    /// The SHA-256 of the certificate, for recipients to compare.
    pub fingerprint: String,
}

/// Makes a new P-256 key and a self-signed certificate for it.
pub fn generate(req: &KeyRequest, password: &str) -> Result<Generated, SignError> {
    let fail = SignError::Keygen;
    let mut subject = format!("CN={}", escape(req.name.trim()));
    if let Some(o) = req
        .organisation
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
    {
        subject.push_str(&format!(",O={}", escape(o)));
    }
    let subject = Name::from_str(&subject).map_err(|e| fail(format!("the name: {e}")))?;
    let key = p256::ecdsa::SigningKey::random(&mut OsRng);
    let spki = SubjectPublicKeyInfoOwned::from_key(*key.verifying_key())
        .map_err(|e| fail(format!("the public key: {e}")))?;
    // A positive 63-bit serial: unique enough for a certificate to try
    // signing with, and never read as negative.
    let serial = SerialNumber::from(OsRng.next_u64() >> 1 | 1);
    let time = |t: SystemTime| Time::try_from(t).map_err(|e| fail(format!("the validity: {e}")));
    let validity = Validity {
        not_before: time(req.not_before)?,
        not_after: time(req.not_after)?,
    };
    let builder = CertificateBuilder::new(
        Profile::Leaf {
            issuer: subject.clone(),
            enable_key_agreement: false,
            enable_key_encipherment: false,
        },
        serial,
        validity,
        subject,
        spki,
        &key,
    )
    .map_err(|e| fail(format!("the certificate: {e}")))?;
    let cert = builder
        .build::<p256::ecdsa::DerSignature>()
        .map_err(|e| fail(format!("the certificate: {e}")))?;
    let cert_der = der::Encode::to_der(&cert).map_err(|e| fail(e.to_string()))?;
    let key_der = key
        .to_pkcs8_der()
        .map_err(|e| fail(format!("the key: {e}")))?;
    let key_pem = key
        .to_pkcs8_pem(der::pem::LineEnding::LF)
        .map_err(|e| fail(format!("the key: {e}")))?
        .to_string();
    let cert_pem = cert
        .to_pem(der::pem::LineEnding::LF)
        .map_err(|e| fail(format!("the certificate: {e}")))?;
    let fingerprint = crate::store::versions::sha256_hex(&cert_der);
    let mut store = p12_keystore::KeyStore::new();
    let p12_cert = p12_keystore::Certificate::from_der(&cert_der)
        .map_err(|e| fail(format!("the PKCS#12 file: {e}")))?;
    store.add_entry(
        "planwright",
        p12_keystore::KeyStoreEntry::PrivateKeyChain(p12_keystore::PrivateKeyChain::new(
            key_der.as_bytes(),
            &fingerprint.as_bytes()[..20],
            [p12_cert],
        )),
    );
    let pkcs12 = store
        .writer(password)
        .write()
        .map_err(|e| fail(format!("the PKCS#12 file: {e}")))?;
    Ok(Generated {
        credentials: Credentials {
            key: SigningKey::P256(key),
            chain: vec![cert],
        },
        pkcs12,
        key_pem,
        cert_pem,
        fingerprint,
    })
}

/// A value for an RFC 4514 name: its special characters escaped.
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for (i, c) in value.chars().enumerate() {
        let leading = i == 0 && (c == ' ' || c == '#');
        if leading || matches!(c, ',' | '+' | '"' | '\\' | '<' | '>' | ';' | '=') {
            out.push('\\');
        }
        if c.is_control() {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_key_reads_back_from_its_pkcs12_with_its_password() {
        let g = generate(
            &KeyRequest::for_days(
                "Jane Smith, Head of Policy",
                Some("Salford City Council"),
                30,
            ),
            "correct horse",
        )
        .unwrap();
        assert_eq!(g.credentials.signer_name(), "Jane Smith, Head of Policy");
        let dir = tempfile::tempdir().unwrap();
        let p12 = dir.path().join("k.p12");
        std::fs::write(&p12, &g.pkcs12).unwrap();
        let c = super::super::credentials::load(
            &super::super::KeySource::Pkcs12(p12.clone()),
            Some("correct horse"),
            SystemTime::now(),
        )
        .unwrap();
        assert_eq!(c.subject(), g.credentials.subject());
        let wrong = super::super::credentials::load(
            &super::super::KeySource::Pkcs12(p12),
            Some("wrong"),
            SystemTime::now(),
        )
        .err()
        .unwrap()
        .to_string();
        assert!(wrong.contains("password is wrong"), "{wrong}");
    }
}
