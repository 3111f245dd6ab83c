//! `readiness`, `approve`, `signoff`, `keygen` and `verify`: the plan
//! checked before its committee, the approval recorded, the signed-off PDF
//! written (digitally signed with a key), a key to try signing with, and a
//! PDF checked: its signature, and against the plan.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;
use planwright::api;
use planwright::api::signing::SignWith;
use planwright::model::approval::{ApprovalRequest, Publication, Route};
use planwright::model::Id;
use planwright::sign::KeySource;

use super::{open, open_read_only, Failure, Out, Outcome};

#[derive(Args)]
pub struct ReadinessArgs {
    file: PathBuf,
    /// Replace the required contents with the authority's own list, one
    /// --contents for each, in order; each is then found in a chapter or
    /// section whose title contains it.
    #[arg(long)]
    contents: Vec<String>,
}

#[derive(Args)]
pub struct ApproveArgs {
    file: PathBuf,
    /// "Children and Young People's Executive".
    #[arg(long)]
    committee: String,
    /// The meeting's date, YYYY-MM-DD.
    #[arg(long)]
    date: NaiveDate,
    /// The minute or resolution, as recorded.
    #[arg(long)]
    resolution: String,
    /// Who approved it.
    #[arg(long)]
    approver: String,
    /// Why it is approved with the readiness checklist not met.
    #[arg(long)]
    override_reason: Option<String>,
}

#[derive(Args)]
pub struct SignoffArgs {
    file: PathBuf,
    #[arg(short = 'o', long = "output")]
    output: PathBuf,
    /// The approval to sign off (the latest when not given).
    #[arg(long)]
    approval: Option<Id>,
    /// Sign it digitally (PAdES) with this private key (PEM) and --cert.
    #[arg(long, requires = "cert", conflicts_with = "p12")]
    key: Option<PathBuf>,
    /// The key's certificate (PEM), with any chain after it.
    #[arg(long, requires = "key")]
    cert: Option<PathBuf>,
    /// Sign it digitally with the key and certificate in this PKCS#12
    /// (.p12 or .pfx) file.
    #[arg(long)]
    p12: Option<PathBuf>,
    /// A file whose first line is the password of the key or PKCS#12 file.
    #[arg(long)]
    password_file: Option<PathBuf>,
}

#[derive(Args)]
pub struct KeygenArgs {
    /// The folder to write signing.p12, signing-key.pem and
    /// signing-cert.pem in (and signing.password, unless --password-file).
    #[arg(short = 'o', long = "output")]
    output: PathBuf,
    /// The signer's name, as the certificate gives it.
    #[arg(long, default_value = "Planwright test signer")]
    name: String,
    /// The signer's organisation.
    #[arg(long)]
    organisation: Option<String>,
    /// How many days the certificate lasts.
    #[arg(long, default_value_t = 365)]
    days: u32,
    /// A file whose first line is the password for the PKCS#12 file (a new
    /// one is made and written beside it otherwise).
    #[arg(long)]
    password_file: Option<PathBuf>,
}

#[derive(Args)]
pub struct PublishArgs {
    file: PathBuf,
    /// website, libraries, partners or other.
    #[arg(long, required_unless_present = "list")]
    route: Option<Route>,
    /// The web address, the libraries, the partners it was sent to.
    #[arg(long = "where", required_unless_present = "list")]
    place: Option<String>,
    /// When, YYYY-MM-DD.
    #[arg(long, required_unless_present = "list")]
    date: Option<NaiveDate>,
    /// List where and when it was published instead.
    #[arg(long, conflicts_with_all = ["route", "place", "date"])]
    list: bool,
}

#[derive(Args)]
pub struct VerifyArgs {
    /// The PDF to check. It is only read.
    pdf: PathBuf,
    /// The plan to check it against.
    #[arg(long)]
    plan: Option<PathBuf>,
}

pub fn readiness(a: ReadinessArgs, out: &Out) -> Outcome {
    let r = if a.contents.is_empty() {
        api::approval::readiness(&open_read_only(&a.file)?)?
    } else {
        api::approval::set_required_contents(&mut open(&a.file)?, &a.contents)?
    };
    out.show(&r, || {
        let mut t = String::new();
        for i in &r.items {
            t += &format!(
                "[{}] {}: {}\n",
                if i.met { "x" } else { " " },
                i.item,
                i.detail
            );
        }
        t += if r.ready() {
            "Ready for approval."
        } else {
            "Not ready: approval needs the items above, or a recorded reason to go ahead."
        };
        t
    });
    Ok(())
}

pub fn approve(a: ApproveArgs, out: &Out) -> Outcome {
    let mut plan = open(&a.file)?;
    let done = api::approval::approve(
        &mut plan,
        &ApprovalRequest {
            committee: a.committee,
            meeting_date: a.date,
            resolution: a.resolution,
            approver: a.approver,
            override_reason: a.override_reason,
        },
    )?;
    out.show(&done, || {
        format!(
            "Recorded approval {} by {}: the plan is kept as version #{} \"{}\", sha256 {}",
            done.approval.id,
            done.approval.committee,
            done.version.id,
            done.version.name,
            done.version.sha256
        )
    });
    Ok(())
}

pub fn signoff(a: SignoffArgs, out: &Out) -> Outcome {
    let password = a
        .password_file
        .as_deref()
        .map(api::signing::read_password)
        .transpose()?;
    let source = match (a.key, a.cert, a.p12) {
        (Some(key), Some(cert), _) => Some(KeySource::Pem { key, cert }),
        (_, _, Some(p12)) => Some(KeySource::Pkcs12(p12)),
        _ => None,
    };
    let sign = source.map(|source| SignWith { source, password });
    let mut plan = open(&a.file)?;
    let done = api::approval::signoff(&mut plan, a.approval, &a.output, sign.as_ref())?;
    super::export::warn(&done.warnings);
    out.show(&done, || {
        format!(
            "Wrote {}: version #{} \"{}\" with its sign-off page{} (PDF sha256 {})",
            done.output,
            done.version.id,
            done.version.name,
            done.signed_by
                .as_deref()
                .map(|s| format!(", digitally signed by {s}"))
                .unwrap_or_default(),
            done.pdf_sha256
        )
    });
    Ok(())
}

pub fn keygen(a: KeygenArgs, out: &Out) -> Outcome {
    let password = a
        .password_file
        .as_deref()
        .map(api::signing::read_password)
        .transpose()?;
    let k = api::signing::keygen(
        &a.output,
        &a.name,
        a.organisation.as_deref(),
        a.days,
        password,
    )?;
    out.show(&k, || {
        let mut t = format!(
            "Wrote {}, {} and {}\nCertificate: {} (self-signed), until {}\nFingerprint (SHA-256): {}",
            k.pkcs12, k.key, k.certificate, k.subject, k.expires, k.fingerprint
        );
        if let Some(p) = &k.password_file {
            t += &format!("\nThe PKCS#12 file's password is in {p}");
        }
        t += "\nA self-signed certificate shows a PDF unchanged since signing, not who signed it: sign for real with your authority's certificate.";
        t
    });
    Ok(())
}

pub fn publish(a: PublishArgs, out: &Out) -> Outcome {
    let show = |out: &Out, list: &[Publication]| {
        out.show(&list, || {
            if list.is_empty() {
                return "Not published yet.".into();
            }
            list.iter()
                .map(|p| format!("{} — {}: {}", p.published, p.route.as_str(), p.place))
                .collect::<Vec<_>>()
                .join("\n")
        })
    };
    match (a.route, a.place, a.date) {
        (Some(route), Some(place), Some(date)) if !a.list => {
            let p = api::approval::publish(&mut open(&a.file)?, route, &place, date)?;
            out.show(&p, || {
                format!(
                    "Recorded: published on {} ({}), {}",
                    p.route.as_str(),
                    p.place,
                    p.published
                )
            });
        }
        _ => show(
            out,
            &api::approval::publications(&open_read_only(&a.file)?)?,
        ),
    }
    Ok(())
}

/// Exits 0 only when the PDF is the plan's sign-off, unchanged.
pub fn verify(a: VerifyArgs, out: &Out) -> Outcome {
    let plan = a.plan.as_deref().map(open_read_only).transpose()?;
    let v = api::approval::verify(&a.pdf, plan.as_ref())?;
    out.show(&v, || v.said.join("\n"));
    if v.valid {
        Ok(())
    } else {
        Err(Failure::user(format!(
            "{}: not verified{}",
            a.pdf.display(),
            if a.plan.is_none() && !v.digitally_signed {
                " (give --plan to check it against the plan)"
            } else {
                ""
            }
        )))
    }
}
