//! Approval and sign-off: whether the plan is ready, a committee's
//! approval recorded against a frozen version, the signed-off PDF (the
//! approved version's PDF with a sign-off page giving the approval and the
//! version's fingerprint), digitally signed (PAdES B-B) when the user gives
//! a key and certificate, and checking a PDF: its signature, and against
//! the plan's record.

use std::io::Write as _;
use std::path::Path;

use serde::Serialize;

use super::signing::{self, SignWith};
use super::Result;
use crate::compose::{self, DocBlock, DocCell, DocChapter, DocTable, Span};
use crate::export::{output, pdf};
use crate::model::approval::{Approval, ApprovalRequest, Publication, Route};
use crate::model::version::{Version, VersionStage};
use crate::model::{Id, PlanStatus, ValidationError};
use crate::readiness::{self, Readiness};
use crate::sign::check::SignatureCheck;
use crate::sign::{self as signature, Credentials};
use crate::store::{self, PlanFile, StoreError};

/// What must be so before the plan is approved, and whether it is.
pub fn readiness(plan: &PlanFile) -> Result<Readiness> {
    Ok(plan.read(readiness::readiness)?)
}

/// The most items an authority's list holds, and the longest item.
const MAX_LIST_ITEMS: usize = readiness::MAX_REQUIRED_ITEMS;
const MAX_ITEM_CHARS: usize = 1000;

/// An authority's own list (required contents, required consultees),
/// checked: 1 to 40 items, each 1 to 1,000 characters (seed 004's longest
/// is over 400), none twice; numbered
/// from 1 in the order given.
pub(super) fn authority_list(field: &str, items: &[String]) -> Result<Vec<(String, String)>> {
    let bad = |why: String| -> super::ApiError { ValidationError::new(field, why).into() };
    if items.is_empty() || items.len() > MAX_LIST_ITEMS {
        return Err(bad(format!("the list holds 1 to {MAX_LIST_ITEMS} items")));
    }
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(items.len());
    for (n, item) in items.iter().enumerate() {
        let item = item.trim();
        if item.is_empty() || item.chars().count() > MAX_ITEM_CHARS {
            return Err(bad(format!(
                "item {}: an item is 1 to 1,000 characters",
                n + 1
            )));
        }
        if !seen.insert(item.to_lowercase()) {
            return Err(bad(format!(
                "item {}: \"{item}\" is in the list twice",
                n + 1
            )));
        }
        out.push(((n + 1).to_string(), item.to_owned()));
    }
    Ok(out)
}

/// Replaces the plan's required contents with its authority's own list;
/// returns the readiness checklist as it now is. Each item is found in a
/// chapter or section whose title contains it (or is contained in it).
/// How the plan is checked, not its content: an approved plan stays so.
pub fn set_required_contents(plan: &mut PlanFile, items: &[String]) -> Result<Readiness> {
    let items = authority_list("contents", items)?;
    Ok(plan.write(|tx| {
        store::frameworks::replace_items(tx, "required_contents", &items)?;
        readiness::readiness(tx)
    })?)
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Approved {
    pub approval: Approval,
    /// The version approved, kept as the plan is now.
    pub version: Version,
    pub readiness: Readiness,
}

fn now() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// Records the committee's approval of the plan as it is now, in one
/// change: the plan is kept as an approved version (frozen: later edits
/// are a new draft of it), the approval recorded against it, and the
/// plan's status set to approved. Refused, and nothing changed, when the
/// readiness checklist is not met and no reason to go ahead is given.
pub fn approve(plan: &mut PlanFile, req: &ApprovalRequest) -> Result<Approved> {
    req.validate()?;
    let recorded = now();
    Ok(plan.write(|tx| {
        let ready = readiness::readiness(tx)?;
        if !ready.ready() && req.override_reason.is_none() {
            return Err(StoreError::Refused(format!(
                "the plan is not ready for approval: {}; complete them, or record why it is \
                 approved as it is (--override-reason)",
                ready.unmet().join("; ")
            )));
        }
        let name = format!(
            "Approved by {}, {}",
            req.committee.trim(),
            req.meeting_date.format("%-d %B %Y")
        );
        let version = store::versions::snapshot(tx, VersionStage::Approved, &name, &recorded)?;
        let approval = store::approvals::insert(tx, version.id, req, &recorded)?;
        let mut info = store::plan_info::get(tx)?;
        info.status = PlanStatus::Approved;
        store::plan_info::put(tx, &info)?;
        Ok(Approved {
            approval,
            version,
            readiness: ready,
        })
    })?)
}

pub fn approvals(plan: &PlanFile) -> Result<Vec<Approval>> {
    Ok(plan.read(store::approvals::list)?)
}

/// Records where and when the latest approved plan was published; the
/// plan's status becomes published.
pub fn publish(
    plan: &mut PlanFile,
    route: Route,
    place: &str,
    published: chrono::NaiveDate,
) -> Result<Publication> {
    Ok(plan.write(|tx| {
        let approval = store::approvals::list(tx)?.pop().ok_or_else(|| {
            StoreError::Refused(
                "the plan has not been approved yet: a plan is published once approved (planwright approve)"
                    .into(),
            )
        })?;
        let p = store::approvals::add_publication(tx, approval.id, route, place, published)?;
        let mut info = store::plan_info::get(tx)?;
        info.status = PlanStatus::Published;
        store::plan_info::put(tx, &info)?;
        Ok(p)
    })?)
}

pub fn publications(plan: &PlanFile) -> Result<Vec<Publication>> {
    Ok(plan.read(store::approvals::publications)?)
}

/// What a sign-off wrote.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignedOff {
    pub output: String,
    pub approval: Approval,
    pub version: Version,
    /// The SHA-256 of the PDF's bytes, as the plan records it.
    pub pdf_sha256: String,
    /// Who it is digitally signed by (the certificate's subject), when a
    /// key was given.
    pub signed_by: Option<String>,
    pub warnings: Vec<String>,
}

/// The keywords a signed-off PDF carries: the version and its fingerprint.
fn fingerprint_keywords(v: &Version) -> String {
    format!("planwright-version:{} sha256:{}", v.id, v.sha256)
}

/// A sign-off composed and ready to write: [`prepare_signoff`] reads the
/// plan, [`SignoffJob::write`] lays out, signs and writes the PDF without
/// it (a large plan takes a while, and the app's other commands need the
/// plan meanwhile), and [`record_signoff`] records the PDF in the plan.
pub struct SignoffJob {
    doc: compose::Document,
    approval: Approval,
    version: Version,
    credentials: Option<Credentials>,
    output: std::path::PathBuf,
    /// The approved version as a plan of its own, which the composed
    /// document's pictures are read from; gone when the job is.
    _then: tempfile::TempDir,
}

/// A sign-off PDF written, to record.
pub struct SignoffWritten {
    done: SignedOff,
}

/// Checks the output and the key (before anything is composed), and
/// composes the sign-off of approval `approval` (the latest when None):
/// the approved version as it was, then a sign-off page.
pub fn prepare_signoff(
    plan: &PlanFile,
    approval: Option<Id>,
    output: &Path,
    sign: Option<&SignWith>,
) -> Result<SignoffJob> {
    output::check_target(output, plan.path())?;
    let credentials = sign.map(signing::credentials).transpose()?;
    let approval = match approval {
        Some(id) => plan.read(|c| store::approvals::get(c, id))?,
        None => plan
            .read(store::approvals::list)?
            .pop()
            .ok_or_else(|| StoreError::Refused("the plan has not been approved yet: record its approval first (planwright approve)".into()))?,
    };
    let (version, bundle) = plan.read(|c| store::versions::bundle_of(c, approval.version))?;
    let dir = tempfile::tempdir().map_err(|source| output::OutputError::Io {
        path: std::env::temp_dir(),
        source,
    })?;
    let then = plan.copy_with(dir.path().join("approved.plan"), &bundle)?;
    let signed = chrono::Local::now().date_naive();
    let mut doc = compose::compose(
        &then,
        &compose::ComposeOptions {
            date: Some(signed),
            ..Default::default()
        },
    )?;
    doc.meta.status = "Approved".into();
    doc.meta.keywords = Some(fingerprint_keywords(&version));
    let anchor = "signoff".to_owned();
    doc.contents.push(compose::ContentsEntry {
        level: 1,
        label: None,
        title: "Sign-off".into(),
        anchor: anchor.clone(),
    });
    doc.chapters.push(signoff_page(
        &doc.meta,
        &approval,
        &version,
        signed,
        credentials.as_ref(),
        anchor,
    ));
    Ok(SignoffJob {
        doc,
        approval,
        version,
        credentials,
        output: output.to_path_buf(),
        _then: dir,
    })
}

impl SignoffJob {
    /// Lays out the PDF, signs it when a key was given, and writes it
    /// whole or not at all.
    pub fn write(self) -> Result<SignoffWritten> {
        let pdf::Exported {
            pdf: mut bytes,
            warnings,
        } = pdf::render(&self.doc, None)?;
        if let Some(c) = &self.credentials {
            bytes = signature::pades::sign(
                &bytes,
                c,
                &signature::pades::SignatureInfo {
                    reason: format!(
                        "Approved by {} on {}",
                        self.approval.committee,
                        self.approval.meeting_date.format("%-d %B %Y")
                    ),
                    location: Some(self.doc.meta.authority.clone()).filter(|a| !a.is_empty()),
                    time: chrono::Utc::now(),
                },
            )?;
        }
        output::write_atomic(&self.output, |f| f.write_all(&bytes))?;
        Ok(SignoffWritten {
            done: SignedOff {
                output: self.output.display().to_string(),
                approval: self.approval,
                version: self.version,
                pdf_sha256: store::versions::sha256_hex(&bytes),
                signed_by: self.credentials.as_ref().map(Credentials::subject),
                warnings,
            },
        })
    }
}

/// Records the written sign-off's SHA-256 in the plan, so `verify` can
/// tell the PDF unchanged.
pub fn record_signoff(plan: &mut PlanFile, written: SignoffWritten) -> Result<SignedOff> {
    let d = written.done;
    plan.write(|tx| store::approvals::record_signoff(tx, d.approval.id, &d.pdf_sha256, &now()))?;
    Ok(d)
}

/// Writes the signed-off PDF at `output` and records it: [`prepare_signoff`],
/// [`SignoffJob::write`], [`record_signoff`]. The key is checked before
/// anything is composed, and nothing is written unless all of it worked.
pub fn signoff(
    plan: &mut PlanFile,
    approval: Option<Id>,
    output: &Path,
    sign: Option<&SignWith>,
) -> Result<SignedOff> {
    let written = prepare_signoff(plan, approval, output, sign)?.write()?;
    record_signoff(plan, written)
}

fn signoff_page(
    meta: &compose::Meta,
    a: &Approval,
    v: &Version,
    signed: chrono::NaiveDate,
    signer: Option<&Credentials>,
    anchor: String,
) -> DocChapter {
    let row = |k: &str, v: String| vec![DocCell::text(k, true), DocCell::text(v, false)];
    let mut rows = vec![
        row("Plan", meta.title_line()),
        row("Authority", meta.authority.clone()),
        row("Version", format!("{} (version {})", v.name, v.id)),
        row("Stage", v.stage.label().to_owned()),
        row("Kept", when_kept(&v.created)),
        row("Approved by", a.committee.clone()),
        row("Meeting", a.meeting_date.format("%-d %B %Y").to_string()),
        row("Resolution", a.resolution.clone()),
        row("Approver", a.approver.clone()),
        row("Signed off", signed.format("%-d %B %Y").to_string()),
        row(
            "Fingerprint (SHA-256 of the version)",
            grouped_hex(&v.sha256),
        ),
    ];
    if let Some(c) = signer {
        let cert = der::Encode::to_der(c.certificate())
            .map(|d| store::versions::sha256_hex(&d))
            .unwrap_or_default();
        rows.push(row("Digitally signed by", c.signer_and_organisation()));
        rows.push(row("Signer's certificate (SHA-256)", grouped_hex(&cert)));
    }
    if let Some(r) = &a.override_reason {
        rows.insert(
            9,
            row("Approved with the checklist not met because", r.clone()),
        );
    }
    DocChapter {
        label: None,
        anchor,
        number: None,
        title: "Sign-off".into(),
        blocks: vec![
            DocBlock::Paragraph {
                label: None,
                content: vec![Span::plain(if signer.is_some() {
                    "This is the plan as its committee approved it, digitally signed: a PDF \
                     reader's signature panel shows who signed it and whether anything has \
                     changed since. The fingerprint below is taken of the approved version's \
                     content, which the plan file keeps, so anyone with the plan can also \
                     check the PDF with: planwright verify THIS.pdf --plan THE.plan"
                } else {
                    "This is the plan as its committee approved it. The fingerprint below is \
                     taken of the approved version's content; the plan file keeps the version \
                     and this PDF's own fingerprint, so anyone with the plan can check the PDF \
                     with: planwright verify THIS.pdf --plan THE.plan"
                })],
            },
            DocBlock::Table(DocTable {
                caption: Some("The approval".into()),
                header_rows: 0,
                rows,
            }),
        ],
    }
}

/// "5 December 2026, 10:13 UTC" for a version's RFC 3339 time (as it is,
/// should it not be one).
fn when_kept(created: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(created)
        .map(|t| {
            t.with_timezone(&chrono::Utc)
                .format("%-d %B %Y, %H:%M UTC")
                .to_string()
        })
        .unwrap_or_else(|_| created.to_owned())
}

/// "648897f9 642cd6ff …": a fingerprint in groups of eight, which a person
/// can read aloud and compare, and which wraps between groups.
fn grouped_hex(hex: &str) -> String {
    hex.as_bytes()
        .chunks(8)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What `verify` found.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Verification {
    pub file: String,
    /// It holds a digital signature.
    pub digitally_signed: bool,
    /// Each signature, checked.
    pub signatures: Vec<SignatureCheck>,
    /// The version it says it is a sign-off of, and that version's
    /// fingerprint, from its keywords.
    pub version: Option<Id>,
    pub version_sha256: Option<String>,
    /// With a plan: its bytes are the sign-off PDF the plan recorded.
    pub unchanged: Option<bool>,
    /// With a plan: the version it names is the plan's, approved, with the
    /// same fingerprint.
    pub matches_approved_version: Option<bool>,
    /// Valid and unchanged: what `verify` exits 0 for. With the plan, the
    /// sign-off it recorded, of its approved version (and any signature
    /// valid); without, a sign-off whose signature is valid and covers the
    /// whole file.
    pub valid: bool,
    /// What was found, a sentence each.
    pub said: Vec<String>,
}

/// The largest PDF verified.
const MAX_PDF_BYTES: u64 = 512 << 20;

/// Checks the PDF at `file`: its digital signatures, what sign-off it
/// claims to be, and, with the plan, whether it is that sign-off
/// unchanged.
pub fn verify(file: &Path, plan: Option<&PlanFile>) -> Result<Verification> {
    let bytes = super::import::read(file, MAX_PDF_BYTES)?;
    let bad = |why: &str| -> super::ApiError {
        ValidationError::new("pdf", format!("{}: {why}", file.display())).into()
    };
    if bytes.len() as u64 > MAX_PDF_BYTES {
        return Err(bad("it is larger than 512 MB"));
    }
    if !bytes.starts_with(b"%PDF-") {
        return Err(bad("it is not a PDF"));
    }
    let signatures = signature::check::signatures(&bytes);
    let mut said = Vec::new();
    // A signed PDF damaged past reading is still reported on: its
    // signature says it was changed.
    let doc = match lopdf::Document::load_mem(&bytes) {
        Ok(doc) => Some(doc),
        Err(e) if signatures.is_empty() => {
            return Err(bad(&format!(
                "it cannot be read as a PDF ({e}); it may be cut short or damaged"
            )))
        }
        Err(e) => {
            said.push(format!(
                "It cannot be read as a PDF ({e}): it was damaged or changed."
            ));
            None
        }
    };
    let keywords = doc.as_ref().and_then(info_keywords).unwrap_or_default();
    let mut version = None;
    let mut version_sha256 = None;
    for word in keywords.split_whitespace() {
        if let Some(id) = word.strip_prefix("planwright-version:") {
            version = id.parse().ok();
        } else if let Some(h) = word.strip_prefix("sha256:") {
            version_sha256 = Some(h.to_owned());
        }
    }
    match (version, &version_sha256) {
        (Some(v), Some(h)) => said.push(format!(
            "It says it is the sign-off of version {v} of a plan, fingerprint {h}."
        )),
        // Unreadable: said so above.
        _ if doc.is_none() => {}
        _ => said.push("It is not a Planwright sign-off: it names no approved version.".into()),
    }
    if signatures.is_empty() {
        said.push("It has no digital signature.".into());
    }
    for sig in &signatures {
        said.extend(signature_said(sig));
    }
    let signatures_ok = !signatures.is_empty()
        && signatures
            .iter()
            .all(|s| s.valid() && s.certificate_valid_then != Some(false));
    let sha = store::versions::sha256_hex(&bytes);
    let (mut unchanged, mut matches) = (None, None);
    if let Some(plan) = plan {
        let record = plan.read(|c| store::approvals::signoff_of(c, &sha))?;
        unchanged = Some(record.is_some());
        match &record {
            Some((approval, written)) => said.push(format!(
                "Unchanged: it is the sign-off PDF the plan wrote on {written} of approval {approval}."
            )),
            None => said.push(
                "Changed, or not this plan's: the plan has no record of a sign-off PDF with these bytes."
                    .into(),
            ),
        }
        if let (Some(v), Some(h)) = (version, &version_sha256) {
            let found = plan.read(|c| {
                Ok(store::versions::list(c)?
                    .into_iter()
                    .find(|x| x.id == v && x.stage == VersionStage::Approved))
            })?;
            let ok = found.as_ref().is_some_and(|x| &x.sha256 == h);
            matches = Some(ok);
            said.push(match found {
                Some(x) if ok => format!(
                    "It matches the plan's approved version {} (\"{}\").",
                    x.id, x.name
                ),
                Some(x) => format!(
                    "Its fingerprint does not match the plan's approved version {} (\"{}\").",
                    x.id, x.name
                ),
                None => format!("The plan has no approved version {v}."),
            });
        }
    } else if signatures.is_empty() {
        said.push(
            "Whether it was changed cannot be told without a signature or the plan: give --plan."
                .into(),
        );
    }
    let valid = match plan {
        Some(_) => {
            unchanged == Some(true)
                && matches == Some(true)
                && (signatures.is_empty() || signatures_ok)
        }
        None => signatures_ok && version.is_some(),
    };
    Ok(Verification {
        file: file.display().to_string(),
        digitally_signed: !signatures.is_empty(),
        signatures,
        version,
        version_sha256,
        unchanged,
        matches_approved_version: matches,
        valid,
        said,
    })
}

/// The Keywords of a PDF's document information, where a sign-off names
/// its version.
fn info_keywords(doc: &lopdf::Document) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?.as_reference().ok()?;
    let keywords = doc.get_dictionary(info).ok()?.get(b"Keywords").ok()?;
    lopdf::decode_text_string(keywords).ok()
}

/// What a signature check found, in sentences.
fn signature_said(sig: &SignatureCheck) -> Vec<String> {
    let who = sig.signer.as_deref().unwrap_or("an unknown signer");
    let when = sig
        .signed_at
        .as_deref()
        .map(|t| format!(" on {t}"))
        .unwrap_or_default();
    let mut out = vec![match (sig.intact, sig.covers_whole_file) {
        (true, true) => format!(
            "Digitally signed by {who}{when}: the signature is valid and nothing has changed since it was signed."
        ),
        (true, false) => format!(
            "Digitally signed by {who}{when}, but changed after signing: {} bytes were added after the signature (what it signed is intact).",
            sig.bytes_after
        ),
        (false, _) => format!(
            "The digital signature by {who} is not valid: {}",
            sig.problem.as_deref().unwrap_or("it does not match the PDF.")
        ),
    }];
    if sig.certificate_valid_then == Some(false) {
        out.push("The signer's certificate was not valid when the PDF says it was signed.".into());
    }
    if sig.self_signed {
        out.push(format!(
            "Its certificate is self-signed, so it shows the PDF unchanged since signing, not who signed it: compare the certificate's fingerprint {} with the one the signer gives you.",
            sig.certificate_sha256.as_deref().unwrap_or("?")
        ));
    } else if let Some(issuer) = &sig.issuer {
        out.push(format!(
            "Its certificate was issued by {issuer}; whether that issuer is trusted is for your PDF reader's trust list to say."
        ));
    }
    out
}
