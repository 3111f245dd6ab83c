//! Checks the digital signatures in a PDF from its bytes alone: each
//! signature's byte range, the digest of those bytes against the one the
//! signer signed, the signature against the signer's certificate, and
//! whether anything was written after the signature.
//!
//! The signature's place is found by scanning for /ByteRange rather than
//! by parsing the PDF, so a PDF damaged after signing is still reported
//! as changed, not just unreadable.

use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::{Decode, Encode};
use serde::Serialize;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;

use super::credentials::common_name;

/// The most signatures looked at in one PDF.
const MAX_SIGNATURES: usize = 16;

/// The largest signature read, as hex: a signature with a long chain of
/// certificates and revocation data is tens of kilobytes, not megabytes.
const MAX_SIGNATURE_HEX: usize = 2 << 20;

/// One signature and what was found of it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignatureCheck {
    /// The signer's name (the certificate's common name), when the
    /// signature could be read.
    pub signer: Option<String>,
    /// The certificate's subject and issuer.
    pub subject: Option<String>,
    pub issuer: Option<String>,
    pub self_signed: bool,
    /// The SHA-256 of the signer's certificate, to compare with the one
    /// the signer gives.
    pub certificate_sha256: Option<String>,
    /// When it says it was signed (the signature dictionary's /M), as
    /// "2026-12-05 10:41:07 UTC".
    pub signed_at: Option<String>,
    /// The signed bytes are the ones signed, and the signature over them
    /// is the certificate's key's.
    pub intact: bool,
    /// The signature covers the whole file: nothing was added after it.
    pub covers_whole_file: bool,
    /// Bytes after the signed range (an update appended after signing).
    pub bytes_after: u64,
    /// The certificate was valid when it says it was signed.
    pub certificate_valid_then: Option<bool>,
    /// What is wrong, in a sentence, when it is not intact.
    pub problem: Option<String>,
}

impl SignatureCheck {
    /// Intact and nothing added after it.
    pub fn valid(&self) -> bool {
        self.intact && self.covers_whole_file
    }
}

/// Every signature in the PDF's bytes, in the order they were written.
pub fn signatures(pdf: &[u8]) -> Vec<SignatureCheck> {
    let mut out = Vec::new();
    let mut from = 0;
    while out.len() < MAX_SIGNATURES {
        let Some(at) = find(&pdf[from..], b"/ByteRange").map(|i| i + from) else {
            break;
        };
        from = at + 10;
        if let Some(range) = byte_range(&pdf[from..]) {
            out.push(check_one(pdf, at, range));
        }
    }
    out
}

fn check_one(pdf: &[u8], at: usize, range: [u64; 4]) -> SignatureCheck {
    let mut c = SignatureCheck {
        signer: None,
        subject: None,
        issuer: None,
        self_signed: false,
        certificate_sha256: None,
        signed_at: None,
        intact: false,
        covers_whole_file: false,
        bytes_after: 0,
        certificate_valid_then: None,
        problem: None,
    };
    let len = pdf.len() as u64;
    let [a, b, c_start, c_len] = range;
    let end = c_start.saturating_add(c_len);
    if a != 0 || b > c_start || end > len {
        c.problem = Some(if end > len {
            "The file is shorter than the signature says: it was cut short after signing.".into()
        } else {
            "Its byte range is not one a signature can have.".into()
        });
        return c;
    }
    c.signed_at = signed_at(pdf, at, c_start as usize);
    c.bytes_after = len - end;
    c.covers_whole_file = c.bytes_after == 0;
    let (b, c_start, end) = (b as usize, c_start as usize, end as usize);
    let gap = &pdf[b..c_start];
    let Some(cms) = Some(gap)
        .filter(|g| g.len() <= MAX_SIGNATURE_HEX)
        .and_then(|g| g.strip_prefix(b"<"))
        .and_then(|g| g.strip_suffix(b">"))
        .and_then(unhex)
    else {
        c.problem = Some("The signature's place does not hold a signature.".into());
        return c;
    };
    let mut hash = Sha256::new();
    hash.update(&pdf[..b]);
    hash.update(&pdf[c_start..end]);
    let digest = hash.finalize();
    match verify_cms(&cms, &digest, &mut c) {
        Ok(()) => c.intact = true,
        Err(why) => c.problem = Some(why),
    }
    c
}

/// The CMS SignedData in `der` (zero-padded), checked against `digest`.
fn verify_cms(der: &[u8], digest: &[u8], c: &mut SignatureCheck) -> Result<(), String> {
    let unreadable =
        || "The signature cannot be read: it is damaged or not a CMS signature.".to_owned();
    let mut reader = der::SliceReader::new(der).map_err(|_| unreadable())?;
    // The hex string is zero-padded after the DER: read one value, not all.
    let info = ContentInfo::decode(&mut reader).map_err(|_| unreadable())?;
    let signed: SignedData = info.content.decode_as().map_err(|_| unreadable())?;
    let si = signed.signer_infos.0.iter().next().ok_or_else(unreadable)?;
    let certs: Vec<&Certificate> = signed
        .certificates
        .as_ref()
        .map(|s| {
            s.0.iter()
                .filter_map(|c| match c {
                    cms::cert::CertificateChoices::Certificate(c) => Some(c),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let cert = certs
        .into_iter()
        .find(|cert| is_signer(cert, si))
        .ok_or("The signature does not include its signer's certificate.")?;
    let tbs = &cert.tbs_certificate;
    c.signer = common_name(&tbs.subject).or_else(|| Some(tbs.subject.to_string()));
    c.subject = Some(tbs.subject.to_string());
    c.issuer = Some(tbs.issuer.to_string());
    c.self_signed = tbs.subject == tbs.issuer;
    c.certificate_sha256 = cert
        .to_der()
        .ok()
        .map(|d| crate::store::versions::sha256_hex(&d));
    if let Some(when) = &c.signed_at {
        if let Ok(t) = chrono::NaiveDateTime::parse_from_str(when, "%Y-%m-%d %H:%M:%S UTC") {
            let t = std::time::SystemTime::from(t.and_utc());
            c.certificate_valid_then = Some(
                t >= tbs.validity.not_before.to_system_time()
                    && t <= tbs.validity.not_after.to_system_time(),
            );
        }
    }
    if si.digest_alg.oid != const_oid::db::rfc5912::ID_SHA_256 {
        return Err(
            "It is signed with a digest other than SHA-256, which Planwright does not check."
                .into(),
        );
    }
    let attrs = si
        .signed_attrs
        .as_ref()
        .ok_or("The signature signs no attributes, so it does not say what it signed.")?;
    let said = attrs
        .iter()
        .find(|a| a.oid == const_oid::db::rfc5911::ID_MESSAGE_DIGEST)
        .and_then(|a| a.values.iter().next())
        .and_then(|v| v.decode_as::<der::asn1::OctetString>().ok())
        .ok_or("The signature does not say what digest it signed.")?;
    if said.as_bytes() != digest {
        return Err(
            "The PDF's signed bytes are not the ones signed: it was changed after signing.".into(),
        );
    }
    let message = attrs.to_der().map_err(|_| unreadable())?;
    let spki = tbs
        .subject_public_key_info
        .to_der()
        .map_err(|_| unreadable())?;
    let sig = si.signature.as_bytes();
    let bad =
        || "The signature is not the certificate's key's: it was forged or damaged.".to_owned();
    match si.signature_algorithm.oid {
        // OpenSSL and others name RSA signatures by the key's algorithm.
        const_oid::db::rfc5912::SHA_256_WITH_RSA_ENCRYPTION
        | const_oid::db::rfc5912::RSA_ENCRYPTION => {
            use rsa::pkcs8::DecodePublicKey;
            use rsa::signature::Verifier;
            let key = rsa::RsaPublicKey::from_public_key_der(&spki).map_err(|_| unreadable())?;
            let sig = rsa::pkcs1v15::Signature::try_from(sig).map_err(|_| bad())?;
            rsa::pkcs1v15::VerifyingKey::<Sha256>::new(key)
                .verify(&message, &sig)
                .map_err(|_| bad())
        }
        const_oid::db::rfc5912::ECDSA_WITH_SHA_256 => {
            use p256::pkcs8::DecodePublicKey;
            use p256::ecdsa::signature::Verifier;
            let key = p256::ecdsa::VerifyingKey::from_public_key_der(&spki)
                .map_err(|_| "The signer's key is not one Planwright can check (RSA or P-256).".to_owned())?;
            let sig = p256::ecdsa::DerSignature::try_from(sig).map_err(|_| bad())?;
            key.verify(&message, &sig).map_err(|_| bad())
        }
        _ => Err("It is signed with an algorithm Planwright does not check (RSA or ECDSA P-256 with SHA-256).".into()),
    }
}

fn is_signer(cert: &Certificate, si: &SignerInfo) -> bool {
    match &si.sid {
        SignerIdentifier::IssuerAndSerialNumber(id) => {
            cert.tbs_certificate.issuer == id.issuer
                && cert.tbs_certificate.serial_number == id.serial_number
        }
        SignerIdentifier::SubjectKeyIdentifier(ski) => cert
            .tbs_certificate
            .extensions
            .iter()
            .flatten()
            .find(|e| e.extn_id == const_oid::db::rfc5280::ID_CE_SUBJECT_KEY_IDENTIFIER)
            .and_then(|e| der::asn1::OctetString::from_der(e.extn_value.as_bytes()).ok())
            .is_some_and(|v| v.as_bytes() == ski.0.as_bytes()),
    }
}

/// `[0 123 456 789]` after /ByteRange: four whole numbers.
fn byte_range(after: &[u8]) -> Option<[u64; 4]> {
    let text = after.get(..after.len().min(128))?;
    let open = text.iter().position(|&b| b == b'[')?;
    if !text[..open].iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    let close = text[open..].iter().position(|&b| b == b']')? + open;
    let inner = std::str::from_utf8(&text[open + 1..close]).ok()?;
    let nums: Vec<u64> = inner
        .split_ascii_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    nums.try_into().ok()
}

/// The /M of the signature dictionary holding the /ByteRange at `at`,
/// looked for from 512 bytes before it to 512 after its /Contents (which
/// ends at `after`): "D:20261205104107+00'00'" as "2026-12-05 10:41:07 UTC".
fn signed_at(pdf: &[u8], at: usize, after: usize) -> Option<String> {
    let lo = at.saturating_sub(512);
    let hi = (after.max(at) + 512).min(pdf.len());
    let near = &pdf[lo..hi];
    let m = find(near, b"/M(D:").or_else(|| find(near, b"/M (D:"))?;
    let start = m + find(&near[m..], b"D:")? + 2;
    let digits: String = near[start..].iter().take(14).map(|&b| b as char).collect();
    if digits.len() != 14 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let t = chrono::NaiveDateTime::parse_from_str(&digits, "%Y%m%d%H%M%S").ok()?;
    Some(t.format("%Y-%m-%d %H:%M:%S UTC").to_string())
}

fn unhex(hex: &[u8]) -> Option<Vec<u8>> {
    let digits: Vec<u8> = hex
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    if !digits.len().is_multiple_of(2) {
        return None;
    }
    digits
        .chunks(2)
        .map(|p| {
            let s = std::str::from_utf8(p).ok()?;
            u8::from_str_radix(s, 16).ok()
        })
        .collect()
}

/// Where `needle` first is in `hay` (memchr's SIMD search: a PDF to
/// verify may be 512 MB).
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pdf_with(range: &str, contents: &str) -> Vec<u8> {
        let mut pdf = b"%PDF-1.7\n1 0 obj\n<</Type/Sig/ByteRange".to_vec();
        pdf.extend_from_slice(range.as_bytes());
        pdf.extend_from_slice(b"/Contents");
        pdf.extend_from_slice(contents.as_bytes());
        pdf.extend_from_slice(b">>\nendobj\n%%EOF\n");
        pdf
    }

    #[test]
    fn a_byte_range_past_the_end_of_the_file_is_a_file_cut_short() {
        let sigs = signatures(&pdf_with("[0 10 20 999999999]", "<00>"));
        assert_eq!(sigs.len(), 1);
        assert!(!sigs[0].valid());
        assert!(sigs[0].problem.as_deref().unwrap().contains("cut short"));
    }

    #[test]
    fn a_range_whose_gap_is_not_a_hex_string_holds_no_signature() {
        let head = b"%PDF-1.7\n1 0 obj\n<</Type/Sig/ByteRange[0 40 44 20]/Contents".len();
        let pdf = pdf_with(&format!("[0 {head} {} 20]", head + 4), "(abc)");
        let sigs = signatures(&pdf);
        assert!(!sigs[0].intact);
        assert!(sigs[0].problem.is_some(), "{:?}", sigs[0]);
    }

    proptest::proptest! {
        /// Any bytes around any byte range: a verdict, never a panic.
        #[test]
        fn any_bytes_with_a_byte_range_get_a_verdict(
            before in proptest::collection::vec(proptest::num::u8::ANY, 0..64),
            range in proptest::array::uniform4(0u64..300),
            contents in "[<>0-9A-Fa-f ]{0,80}",
            after in proptest::collection::vec(proptest::num::u8::ANY, 0..64),
        ) {
            let mut pdf = before;
            pdf.extend_from_slice(
                format!("/ByteRange[{} {} {} {}]/Contents{contents}", range[0], range[1], range[2], range[3]).as_bytes(),
            );
            pdf.extend_from_slice(&after);
            for s in signatures(&pdf) {
                proptest::prop_assert!(!s.intact || s.problem.is_none());
            }
        }
    }

    #[test]
    fn junk_after_byte_range_and_a_garbage_signature_are_named_not_panicked_on() {
        assert!(signatures(b"/ByteRange").is_empty());
        assert!(signatures(b"/ByteRange [1 2 3]").is_empty());
        assert!(signatures(b"/ByteRange [a b c d]").is_empty());
        let pdf = pdf_with("[0 0 0 0]", "<3003020100>");
        let sigs = signatures(&pdf);
        assert!(!sigs[0].intact, "{:?}", sigs[0]);
    }
}
