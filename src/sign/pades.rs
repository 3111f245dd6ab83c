//! Signs a PDF with a PAdES B-B signature: an invisible signature field
//! and its signature dictionary appended as an incremental update (the
//! bytes before it stay as they were, so the tags, bookmarks and XMP the
//! PDF/UA export wrote are untouched), then a detached CMS signature over
//! every byte of the file but the signature itself.

use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier};
use const_oid::ObjectIdentifier;
use der::asn1::SetOfVec;
use der::{Decode, Encode};
use lopdf::{dictionary, Object, StringFormat};
use sha2::{Digest, Sha256};
use x509_cert::attr::{Attribute, AttributeValue};
use x509_cert::spki::AlgorithmIdentifierOwned;

use super::credentials::{Credentials, SigningKey};
use super::SignError;

/// Room kept for the CMS signature: the signer's certificate and a chain
/// of a few more fit in 16 KB (written as 32 KB of hex).
pub const CONTENTS_BYTES: usize = 16 * 1024;

/// A ByteRange placeholder number, as wide as any real offset written
/// over it.
const PLACEHOLDER: i64 = 9_999_999_999;

/// ESS signing-certificate-v2 (RFC 5035): binds the signature to the
/// signer's certificate, as PAdES B-B requires.
const SIGNING_CERTIFICATE_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");

/// What the signature dictionary says besides the signature.
#[derive(Debug, Clone)]
pub struct SignatureInfo {
    /// Why it was signed ("Approved by … on …").
    pub reason: String,
    pub location: Option<String>,
    /// When: the dictionary's /M, the signing time PAdES B-B uses.
    pub time: chrono::DateTime<chrono::Utc>,
}

/// The PDF at `pdf`, signed.
pub fn sign(pdf: &[u8], creds: &Credentials, info: &SignatureInfo) -> Result<Vec<u8>, SignError> {
    let fail = |what: &str, e: &dyn std::fmt::Display| SignError::Pdf(format!("{what}: {e}"));
    let prev = lopdf::Document::load_mem(pdf).map_err(|e| fail("it cannot be read", &e))?;
    let root = prev
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| fail("it has no catalog", &e))?;
    // The widget goes on the last page: the sign-off page.
    let page = *prev
        .get_pages()
        .values()
        .next_back()
        .ok_or_else(|| SignError::Pdf("it has no pages".into()))?;
    let mut inc = lopdf::IncrementalDocument::create_from(pdf.to_vec(), prev);
    let name = creds.signer_name();
    let mut sig = dictionary! {
        "Type" => "Sig",
        "Filter" => "Adobe.PPKLite",
        "SubFilter" => "ETSI.CAdES.detached",
        "ByteRange" => vec![Object::Integer(0), PLACEHOLDER.into(), PLACEHOLDER.into(), PLACEHOLDER.into()],
        "Contents" => Object::String(vec![0; CONTENTS_BYTES], StringFormat::Hexadecimal),
        "M" => Object::string_literal(info.time.format("D:%Y%m%d%H%M%S+00'00'").to_string()),
        "Name" => lopdf::text_string(&name),
        "Reason" => lopdf::text_string(&info.reason),
    };
    if let Some(l) = &info.location {
        sig.set("Location", lopdf::text_string(l));
    }
    let doc = &mut inc.new_document;
    let sig_id = doc.add_object(sig);
    // An invisible field: zero-sized and hidden, so it needs no place in
    // the reading order (PDF/UA tags only annotations a reader can see),
    // with the accessible name (/TU) PDF/UA asks every field for.
    let field_id = doc.add_object(dictionary! {
        "Type" => "Annot",
        "Subtype" => "Widget",
        "FT" => "Sig",
        "T" => Object::string_literal("Approval signature"),
        "TU" => lopdf::text_string(&format!("Digital signature of {name}")),
        "V" => sig_id,
        "F" => 2 | 128,
        "Rect" => vec![0.into(), 0.into(), 0.into(), 0.into()],
        "P" => page,
    });
    add_annotation(&mut inc, page, field_id).map_err(|e| fail("its last page", &e))?;
    add_field(&mut inc, root, field_id).map_err(|e| fail("its catalog", &e))?;
    let mut out = Vec::with_capacity(pdf.len() + 2 * CONTENTS_BYTES + 4096);
    inc.save_to(&mut out).map_err(|e| fail("the update", &e))?;

    let (start, end) = placeholders(&out, pdf.len())?;
    let range = [0, start, end, out.len() - end];
    write_byte_range(&mut out, pdf.len(), range)?;
    let mut hash = Sha256::new();
    hash.update(&out[..start]);
    hash.update(&out[end..]);
    let digest = hash.finalize();
    let cms = cms_signature(creds, &digest)?;
    if cms.len() > CONTENTS_BYTES {
        return Err(SignError::Pdf(format!(
            "the signature with its certificates takes {} bytes, more than the {} kept for it: sign with a shorter chain",
            cms.len(),
            CONTENTS_BYTES
        )));
    }
    let hex: String = cms.iter().map(|b| format!("{b:02X}")).collect();
    out[start + 1..start + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(out)
}

/// Adds the widget to the page's /Annots (an array in the page, or one of
/// its own).
fn add_annotation(
    inc: &mut lopdf::IncrementalDocument,
    page: lopdf::ObjectId,
    widget: lopdf::ObjectId,
) -> lopdf::Result<()> {
    inc.opt_clone_object_to_new_document(page)?;
    let annots = inc
        .new_document
        .get_object(page)?
        .as_dict()?
        .get(b"Annots")
        .ok()
        .cloned();
    match annots {
        Some(Object::Reference(id)) => {
            inc.opt_clone_object_to_new_document(id)?;
            inc.new_document
                .get_object_mut(id)?
                .as_array_mut()?
                .push(widget.into());
        }
        Some(Object::Array(mut list)) => {
            list.push(widget.into());
            inc.new_document
                .get_object_mut(page)?
                .as_dict_mut()?
                .set("Annots", list);
        }
        _ => inc
            .new_document
            .get_object_mut(page)?
            .as_dict_mut()?
            .set("Annots", vec![Object::from(widget)]),
    }
    Ok(())
}

/// Adds the field to the catalog's interactive form, making one if the
/// PDF has none, and marks the document as signed (/SigFlags 3: holds
/// signatures, to be changed only by appending).
fn add_field(
    inc: &mut lopdf::IncrementalDocument,
    root: lopdf::ObjectId,
    field: lopdf::ObjectId,
) -> lopdf::Result<()> {
    inc.opt_clone_object_to_new_document(root)?;
    let form = inc
        .new_document
        .get_object(root)?
        .as_dict()?
        .get(b"AcroForm")
        .ok()
        .cloned();
    let mut form = match form {
        Some(Object::Reference(id)) => {
            inc.opt_clone_object_to_new_document(id)?;
            let d = inc.new_document.get_object(id)?.as_dict()?.clone();
            inc.new_document.objects.remove(&id);
            d
        }
        Some(Object::Dictionary(d)) => d,
        _ => lopdf::Dictionary::new(),
    };
    let mut fields = form
        .get(b"Fields")
        .and_then(Object::as_array)
        .cloned()
        .unwrap_or_default();
    fields.push(field.into());
    form.set("Fields", fields);
    form.set("SigFlags", 3);
    inc.new_document
        .get_object_mut(root)?
        .as_dict_mut()?
        .set("AcroForm", form);
    Ok(())
}

/// Where the /Contents placeholder's hex string starts ('<') and ends
/// (after '>') in the update written after `from`.
fn placeholders(out: &[u8], from: usize) -> Result<(usize, usize), SignError> {
    let zeros = vec![b'0'; 2 * CONTENTS_BYTES];
    let at = find(&out[from..], &zeros)
        .map(|i| i + from)
        .filter(|&i| i > 0 && out[i - 1] == b'<' && out.get(i + zeros.len()) == Some(&b'>'))
        .ok_or_else(|| SignError::Pdf("the signature's place was not written".into()))?;
    Ok((at - 1, at + zeros.len() + 1))
}

/// Writes the real ByteRange over its placeholder, padded to its width.
fn write_byte_range(out: &mut [u8], from: usize, range: [usize; 4]) -> Result<(), SignError> {
    let lost = || SignError::Pdf("the signature's byte range was not written".into());
    let key = find(&out[from..], b"/ByteRange").ok_or_else(lost)? + from;
    let open = find(&out[key..], b"[").ok_or_else(lost)? + key;
    let close = find(&out[open..], b"]").ok_or_else(lost)? + open;
    let text = format!("{} {} {} {}", range[0], range[1], range[2], range[3]);
    let room = close - open - 1;
    if text.len() > room {
        return Err(lost());
    }
    let slot = &mut out[open + 1..close];
    slot.fill(b' ');
    slot[..text.len()].copy_from_slice(text.as_bytes());
    Ok(())
}

/// Where `needle` first is in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// The detached CMS SignedData over `digest`: content-type,
/// message-digest and signing-certificate-v2 signed, the chain included.
fn cms_signature(creds: &Credentials, digest: &[u8]) -> Result<Vec<u8>, SignError> {
    let fail = |e: &dyn std::fmt::Display| SignError::Pdf(format!("the signature: {e}"));
    let cert = creds.certificate();
    let eci = EncapsulatedContentInfo {
        econtent_type: const_oid::db::rfc5911::ID_DATA,
        econtent: None,
    };
    let sha256 = AlgorithmIdentifierOwned {
        oid: const_oid::db::rfc5912::ID_SHA_256,
        parameters: None,
    };
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: cert.tbs_certificate.issuer.clone(),
        serial_number: cert.tbs_certificate.serial_number.clone(),
    });
    let cert_hash = Sha256::digest(cert.to_der().map_err(|e| fail(&e))?);
    let attr = signing_certificate_v2(&cert_hash).map_err(|e| fail(&e))?;
    let mut signed = SignedDataBuilder::new(&eci);
    signed
        .add_digest_algorithm(sha256.clone())
        .map_err(|e| fail(&e))?;
    for c in &creds.chain {
        signed
            .add_certificate(CertificateChoices::Certificate(c.clone()))
            .map_err(|e| fail(&e))?;
    }
    match &creds.key {
        SigningKey::Rsa(key) => {
            let mut si = SignerInfoBuilder::new(key.as_ref(), sid, sha256, &eci, Some(digest))
                .map_err(|e| fail(&e))?;
            si.add_signed_attribute(attr).map_err(|e| fail(&e))?;
            signed
                .add_signer_info::<_, rsa::pkcs1v15::Signature>(si)
                .map_err(|e| fail(&e))?;
        }
        SigningKey::P256(key) => {
            let mut si = SignerInfoBuilder::new(key, sid, sha256, &eci, Some(digest))
                .map_err(|e| fail(&e))?;
            si.add_signed_attribute(attr).map_err(|e| fail(&e))?;
            signed
                .add_signer_info::<_, p256::ecdsa::DerSignature>(si)
                .map_err(|e| fail(&e))?;
        }
    }
    signed
        .build()
        .map_err(|e| fail(&e))?
        .to_der()
        .map_err(|e| fail(&e))
}

/// SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 },
/// with one ESSCertIDv2 ::= SEQUENCE { certHash OCTET STRING } (its hash
/// algorithm left out: SHA-256 is the default). Written as bytes: with a
/// 32-byte hash every length is fixed and short.
fn signing_certificate_v2(cert_hash: &[u8]) -> der::Result<Attribute> {
    if cert_hash.len() != 32 {
        return Err(der::ErrorKind::Length {
            tag: der::Tag::OctetString,
        }
        .into());
    }
    let mut value = vec![0x30, 0x26, 0x30, 0x24, 0x30, 0x22, 0x04, 0x20];
    value.extend_from_slice(cert_hash);
    Ok(Attribute {
        oid: SIGNING_CERTIFICATE_V2,
        values: SetOfVec::try_from(vec![AttributeValue::from_der(&value)?])?,
    })
}
