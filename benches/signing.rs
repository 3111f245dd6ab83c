//! Signing speed (issue 16: signing a 60-page PDF < 100 ms on top of the
//! export): the sample plan's signed-off PDF (the whole plan and its
//! sign-off page) written unsigned, the peer, and signed with a P-256 and
//! an RSA-2048 key; and the signature alone, added to the PDF's bytes.

use criterion::{criterion_group, criterion_main, Criterion};
use planwright::api::{self, signing::SignWith};
use planwright::model::approval::ApprovalRequest;
use planwright::sign::{self, KeySource};
use planwright::store::PlanFile;
use planwright::templates;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = PlanFile::create(dir.path().join("sample.plan"), &templates::sample()).unwrap();
    api::approval::approve(
        &mut plan,
        &ApprovalRequest {
            committee: "Children and Young People's Board".into(),
            meeting_date: chrono::NaiveDate::from_ymd_opt(2008, 5, 20).unwrap(),
            resolution: "Approved.".into(),
            approver: "Cllr Ivan Ould".into(),
            override_reason: Some("Benchmark".into()),
        },
    )
    .unwrap();
    let keys = dir.path().join("keys");
    api::signing::keygen(&keys, "Bench Signer", None, 30, Some("pw".into())).unwrap();
    let p256 = SignWith {
        source: KeySource::Pkcs12(keys.join(api::signing::PKCS12_NAME)),
        password: Some("pw".into()),
    };
    let rsa_key = rsa::RsaPrivateKey::new(&mut rand_core::OsRng, 2048).unwrap();
    let rsa_pem = {
        use rsa::pkcs8::EncodePrivateKey;
        rsa_key.to_pkcs8_pem(rsa::pkcs8::LineEnding::LF).unwrap()
    };
    let rsa_dir = dir.path().join("rsa");
    std::fs::create_dir(&rsa_dir).unwrap();
    // An RSA certificate: the P-256 one's subject, self-signed by the RSA key.
    let cert = {
        use std::str::FromStr;
        use x509_cert::builder::{Builder, CertificateBuilder, Profile};
        let signer = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(rsa_key.clone());
        let name = x509_cert::name::Name::from_str("CN=Bench RSA").unwrap();
        let spki =
            x509_cert::spki::SubjectPublicKeyInfoOwned::from_key(rsa_key.to_public_key()).unwrap();
        CertificateBuilder::new(
            Profile::Root,
            x509_cert::serial_number::SerialNumber::from(7u32),
            x509_cert::time::Validity::from_now(std::time::Duration::from_secs(86_400)).unwrap(),
            name,
            spki,
            &signer,
        )
        .unwrap()
        .build::<rsa::pkcs1v15::Signature>()
        .unwrap()
    };
    std::fs::write(rsa_dir.join("k.pem"), rsa_pem.as_bytes()).unwrap();
    std::fs::write(
        rsa_dir.join("c.pem"),
        der::EncodePem::to_pem(&cert, der::pem::LineEnding::LF).unwrap(),
    )
    .unwrap();
    let rsa = SignWith {
        source: KeySource::Pem {
            key: rsa_dir.join("k.pem"),
            cert: rsa_dir.join("c.pem"),
        },
        password: None,
    };
    let out = dir.path().join("signed.pdf");
    let unsigned = api::approval::signoff(&mut plan, None, &out, None).unwrap();
    let pdf = std::fs::read(&out).unwrap();
    let pages = lopdf::Document::load_mem(&pdf).unwrap().get_pages().len();
    println!(
        "the sample's signed-off PDF: {pages} pages, {} KB",
        pdf.len() / 1024
    );
    assert!(pages >= 60, "{pages} pages");
    drop(unsigned);

    let mut g = c.benchmark_group("signing");
    g.sample_size(20);
    g.bench_function("signed-off PDF, unsigned (the peer)", |b| {
        b.iter(|| api::approval::signoff(&mut plan, None, &out, None).unwrap())
    });
    g.bench_function("signed-off PDF, signed with P-256 (PKCS#12)", |b| {
        b.iter(|| api::approval::signoff(&mut plan, None, &out, Some(&p256)).unwrap())
    });
    g.bench_function("signed-off PDF, signed with RSA-2048 (PEM)", |b| {
        b.iter(|| api::approval::signoff(&mut plan, None, &out, Some(&rsa)).unwrap())
    });
    let creds = api::signing::credentials(&p256).unwrap();
    let info = sign::pades::SignatureInfo {
        reason: "Approved".into(),
        location: None,
        time: chrono::Utc::now(),
    };
    g.bench_function("the signature alone (P-256), on the PDF's bytes", |b| {
        b.iter(|| sign::pades::sign(&pdf, &creds, &info).unwrap())
    });
    let creds = api::signing::credentials(&rsa).unwrap();
    g.bench_function("the signature alone (RSA-2048), on the PDF's bytes", |b| {
        b.iter(|| sign::pades::sign(&pdf, &creds, &info).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
