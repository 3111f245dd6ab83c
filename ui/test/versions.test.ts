import { describe, expect, it } from "vitest";
import type { Readiness } from "../src/bindings/Readiness";
import type { SignatureCheck } from "../src/bindings/SignatureCheck";
import {
  approvalRequest,
  changesFileName,
  fileName,
  fingerprintGroups,
  isReady,
  readinessSummary,
  recordRows,
  requiredContents,
  shortFingerprint,
  signatureFindings,
  signedBy,
  signingKey,
  stageLabel,
  versionLabel,
  whenKept,
  type ApprovalForm,
  type SigningForm,
} from "../src/lib/versions";

const notReady: Readiness = {
  items: [
    { item: "Every action has a lead", met: true, detail: "all have" },
    { item: "Every indicator has targets", met: false, detail: "15 have none" },
  ],
};
const ready: Readiness = { items: [{ item: "Every action has a lead", met: true, detail: "all have" }] };
const form: ApprovalForm = {
  committee: " Children and Young People's Board ",
  meeting: "20/5/2008",
  resolution: "RESOLVED that the plan be approved.",
  approver: "Cllr Ivan Ould",
  overrideReason: "",
};

describe("versions in words", () => {
  it("names stages, versions, fingerprints and when they were kept", () => {
    expect(stageLabel("consultation_draft")).toBe("Consultation draft");
    expect(stageLabel("annual_review")).toBe("Annual review");
    const v = {
      id: 2,
      stage: "second_draft" as const,
      name: "After consultation",
      created: "2008-03-14T09:05:00+00:00",
      sha256: "648897f9642cd6ff4f41be96f66d49100ad65d2f45928a7d10747ec0274b09da",
      size: 1000,
    };
    expect(versionLabel(v)).toBe("#2 After consultation (Second draft)");
    expect(shortFingerprint(v.sha256)).toBe("6488 97f9 642c");
    expect(whenKept(v.created)).toBe("14 March 2008, 09:05");
    expect(whenKept("yesterday")).toBe("yesterday");
  });

  it("lays out a record's field changes one a row, its name on the first", () => {
    const rows = recordRows([
      {
        change: "changed",
        name: "NI 50",
        fields: [
          { field: "target 2009", from: "10", to: "12" },
          { field: "baseline", from: "", to: "8" },
        ],
      },
      { change: "added", name: "Run a holiday club", fields: [] },
    ]);
    expect(rows.map((r) => [r.name, r.change, r.field, r.first])).toEqual([
      ["NI 50", "Changed", "target 2009", true],
      ["NI 50", "Changed", "baseline", false],
      ["Run a holiday club", "Added", "", true],
    ]);
  });

  it("suggests a file name for the changes without characters a file system refuses", () => {
    expect(changesFileName("First draft: v1 (version 1)", "plan as it is now", "pdf")).toBe(
      "Changes from First draft v1 (version 1) to plan as it is now.pdf",
    );
  });
});

describe("the approval form", () => {
  it("sends a date as ISO and no reason when the checklist is met", () => {
    expect(approvalRequest({ ...form, overrideReason: "ignored" }, ready)).toEqual({
      request: {
        committee: "Children and Young People's Board",
        meeting_date: "2008-05-20",
        resolution: "RESOLVED that the plan be approved.",
        approver: "Cllr Ivan Ould",
        override_reason: null,
      },
    });
  });

  it("needs a reason when the checklist is not met, and sends it", () => {
    const refused = approvalRequest(form, notReady);
    expect("error" in refused && refused.error).toContain("say why");
    const r = approvalRequest({ ...form, overrideReason: " LAA targets come in June. " }, notReady);
    expect("request" in r && r.request.override_reason).toBe("LAA targets come in June.");
  });

  it("refuses a meeting date that is not one, or none", () => {
    const bad = approvalRequest({ ...form, meeting: "31/02/2008" }, ready);
    expect("error" in bad && bad.error).toBe('Meeting date: "31/02/2008" is not a date: type it as dd/mm/yyyy');
    const none = approvalRequest({ ...form, meeting: " " }, ready);
    expect("error" in none && none.error).toContain("type the date of the meeting");
  });

  it("says how many items are not met", () => {
    expect(isReady(null)).toBe(false);
    expect(isReady(ready)).toBe(true);
    expect(readinessSummary(ready)).toBe("Ready for approval: every item is met.");
    expect(readinessSummary(notReady)).toContain("Not ready: 1 item is not met.");
  });
});

describe("the required contents", () => {
  it("are the required_contents items as the checklist names them, in order", () => {
    const item = (id: number, code: string, title: string) => ({ id, code, title });
    const frameworks = [
      { id: 1, key: "ecm_outcomes", name: "Every Child Matters", items: [item(1, "1", "Be healthy")] },
      {
        id: 2,
        key: "required_contents",
        name: "Required contents",
        items: [
          item(2, "1", "1. A statement of local vision for children and young people:"),
          item(3, "2", "Safeguarding"),
          item(4, "3", "2. Not its own number"),
        ],
      },
    ];
    expect(requiredContents(frameworks)).toEqual([
      "A statement of local vision for children and young people",
      "Safeguarding",
      "2. Not its own number",
    ]);
    expect(requiredContents([])).toEqual([]);
  });
});

describe("signing the sign-off", () => {
  const none: SigningForm = { kind: "pkcs12", pkcs12: null, key: null, cert: null, password: "" };

  it("sends the PKCS#12 file or the PEM pair chosen, and no password when none is typed", () => {
    expect(signingKey({ ...none, pkcs12: "/keys/signing.p12", password: "s3cret" })).toEqual({
      key: { kind: "pkcs12", path: "/keys/signing.p12", password: "s3cret" },
    });
    // The PKCS#12 chosen before switching to PEM is not sent.
    expect(signingKey({ ...none, kind: "pem", pkcs12: "/k.p12", key: "/k.pem", cert: "/c.pem" })).toEqual({
      key: { kind: "pem", key: "/k.pem", cert: "/c.pem", password: null },
    });
  });

  it("says which file is still to be chosen", () => {
    expect(signingKey(none)).toEqual({ error: "Choose the PKCS#12 file to sign with, or turn off signing." });
    expect(signingKey({ ...none, kind: "pem", cert: "/c.pem" })).toMatchObject({
      error: expect.stringContaining("private key"),
    });
    expect(signingKey({ ...none, kind: "pem", key: "/k.pem" })).toMatchObject({
      error: expect.stringContaining("certificate"),
    });
  });

  it("names the signer by the certificate's common name, and its whole subject when it says more", () => {
    expect(signedBy("CN=E2E Signer")).toBe("E2E Signer");
    expect(signedBy("CN=Sudha Amin,O=Leicestershire County Council")).toBe(
      "Sudha Amin (CN=Sudha Amin,O=Leicestershire County Council)",
    );
    expect(signedBy("CN=Amin\\, Sudha")).toBe("Amin, Sudha");
    expect(signedBy("O=No Name Ltd")).toBe("O=No Name Ltd");
  });

  it("shows a file by its name", () => {
    expect(fileName("/home/ann/keys/signing.p12")).toBe("signing.p12");
    expect(fileName("C:\\Keys\\board.pfx")).toBe("board.pfx");
  });
});

describe("a signature in words", () => {
  const sha = "0f3c1a2b4d5e6f708192a3b4c5d6e7f8090a1b2c3d4e5f60718293a4b5c6d7e8";
  const good: SignatureCheck = {
    signer: "E2E Signer",
    subject: "CN=E2E Signer",
    issuer: "CN=E2E Signer",
    self_signed: true,
    certificate_sha256: sha,
    signed_at: "2026-12-05 10:41:07 UTC",
    intact: true,
    covers_whole_file: true,
    bytes_after: 0,
    certificate_valid_then: true,
    problem: null,
  };

  it("groups a fingerprint in eights", () => {
    expect(fingerprintGroups(sha)).toBe("0f3c1a2b 4d5e6f70 8192a3b4 c5d6e7f8 090a1b2c 3d4e5f60 718293a4 b5c6d7e8");
  });

  it("reads a valid self-signed signature", () => {
    const f = signatureFindings(good);
    expect(f.signer).toBe("E2E Signer");
    expect(f.signedAt).toBe("2026-12-05 10:41:07 UTC");
    expect(f.signature).toEqual({ text: "Valid", ok: true });
    expect(f.changedAfter).toEqual({ text: "No", ok: true });
    expect(f.certificate.text).toMatch(/^Self-signed/);
    expect(f.fingerprint).toBe(fingerprintGroups(sha));
  });

  it("says what is wrong: bytes added, a broken signature, a certificate not valid then", () => {
    const added = signatureFindings({ ...good, covers_whole_file: false, bytes_after: 1234 });
    expect(added.changedAfter).toEqual({ text: "Yes: 1,234 bytes added", ok: false });
    expect(added.signature.ok).toBe(true);
    const broken = signatureFindings({ ...good, intact: false, problem: "The signed bytes were changed." });
    expect(broken.signature).toEqual({ text: "NOT valid: The signed bytes were changed.", ok: false });
    const issued = signatureFindings({
      ...good,
      self_signed: false,
      issuer: "CN=Council CA",
      certificate_valid_then: false,
    });
    expect(issued.certificate).toEqual({ text: "Issued by CN=Council CA; NOT valid when it was signed", ok: false });
  });

  it("names nothing it could not read", () => {
    const unread = signatureFindings({
      ...good,
      signer: null,
      signed_at: null,
      issuer: null,
      self_signed: false,
      certificate_sha256: null,
      intact: false,
      covers_whole_file: false,
      problem: null,
      certificate_valid_then: null,
    });
    expect([unread.signer, unread.signedAt, unread.changedAfter.text, unread.certificate.text]).toEqual([
      "Unknown",
      "Not said",
      "Cannot be told",
      "Not readable",
    ]);
    expect(unread.signature.text).toBe("NOT valid: it does not match the PDF.");
    expect(unread.fingerprint).toBeNull();
  });
});
