// How the Versions view reads versions, comparisons and approvals: a
// version's name and fingerprint in a list, what a comparison's changes are
// called, the approval form checked before it is sent, the key a sign-off
// is signed with, and what a verification found.

import type { ApprovalRequest } from "../bindings/ApprovalRequest";
import type { Change } from "../bindings/Change";
import type { Framework } from "../bindings/Framework";
import type { Readiness } from "../bindings/Readiness";
import type { RecordChange } from "../bindings/RecordChange";
import type { SignatureCheck } from "../bindings/SignatureCheck";
import type { SigningKey } from "../bindings/SigningKey";
import type { Verification } from "../bindings/Verification";
import type { Version } from "../bindings/Version";
import type { VersionStage } from "../bindings/VersionStage";
import { VERSION_STAGES } from "../bindings/choices";
import { typedDate } from "./reports";

/** A version, or the plan as it is now, as the compare pickers name them
 * and the commands take them: "3" or "current". */
export type Which = string;
export const CURRENT: Which = "current";

/** A stage in words: "Consultation draft". */
export function stageLabel(stage: VersionStage): string {
  return VERSION_STAGES.find(([s]) => s === stage)?.[1] ?? stage.replace(/_/g, " ");
}

/** The first 12 hex digits of a fingerprint, in groups of four a person can
 * read aloud: "6488 97f9 642c". */
export function shortFingerprint(sha256: string): string {
  return (sha256.slice(0, 12).match(/.{1,4}/g) ?? []).join(" ");
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** When a version was kept (RFC 3339), as the clock where it was kept said
 * it: "5 December 2026, 08:08". Anything else as it is. */
export function whenKept(rfc3339: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(rfc3339);
  if (!m) return rfc3339;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}, ${m[4]}:${m[5]}`;
}

/** A version as the pickers list it: "#2 Second draft (Consultation draft)". */
export function versionLabel(v: Version): string {
  return `#${v.id} ${v.name} (${stageLabel(v.stage)})`;
}

/** A chapter's, section's or record's change in words. */
export function changeLabel(change: Change): string {
  return { added: "Added", removed: "Removed", moved: "Moved", changed: "Changed" }[change];
}

/** A record's changes as table rows: one for each field that changed, or
 * one saying it was added, removed or moved. */
export function recordRows(
  records: RecordChange[],
): { name: string; change: string; field: string; from: string; to: string; first: boolean }[] {
  return records.flatMap((r) => {
    const change = changeLabel(r.change);
    if (r.fields.length === 0) return [{ name: r.name, change, field: "", from: "", to: "", first: true }];
    return r.fields.map((f, i) => ({ name: r.name, change, field: f.field, from: f.from, to: f.to, first: i === 0 }));
  });
}

/** A file name for "Changes since…" from the comparison's ends: no
 * characters a file system refuses. */
export function changesFileName(from: string, to: string, ext: string): string {
  const safe = (s: string) =>
    s
      .replace(/[\\/:*?"<>|]+/g, " ")
      .replace(/\s+/g, " ")
      .trim();
  return `Changes from ${safe(from)} to ${safe(to)}.${ext}`;
}

/** Whether every item of the checklist is met (not while it is loading). */
export function isReady(readiness: Readiness | null): boolean {
  return readiness !== null && readiness.items.every((i) => i.met);
}

/** What the approval form holds, as typed. */
export interface ApprovalForm {
  committee: string;
  meeting: string;
  resolution: string;
  approver: string;
  overrideReason: string;
}

/** The form as the approve command takes it, or what is wrong with it: the
 * meeting date is dd/mm/yyyy, and a reason is needed (and sent) only when
 * the plan is not ready. The core checks the rest. */
export function approvalRequest(
  form: ApprovalForm,
  readiness: Readiness | null,
): { request: ApprovalRequest } | { error: string } {
  const date = typedDate(form.meeting);
  if ("error" in date) return { error: `Meeting date: ${date.error}` };
  if (date.iso === null) return { error: "Meeting date: type the date of the meeting as dd/mm/yyyy" };
  const ready = isReady(readiness);
  const reason = form.overrideReason.trim();
  if (!ready && reason === "")
    return { error: "The checklist is not met: say why the plan is approved as it is, or complete it first." };
  return {
    request: {
      committee: form.committee.trim(),
      meeting_date: date.iso,
      resolution: form.resolution.trim(),
      approver: form.approver.trim(),
      override_reason: ready ? null : reason,
    },
  };
}

/** The plan's required contents as the checklist names them (without
 * their "1. " and a closing colon), to edit one a line. */
export function requiredContents(frameworks: Framework[]): string[] {
  const list = frameworks.find((f) => f.key === "required_contents")?.items ?? [];
  return list.map((i) =>
    (i.title.startsWith(`${i.code}. `) ? i.title.slice(i.code.length + 2) : i.title).replace(/:$/, ""),
  );
}

/** How many of the checklist's items are not met, in words. */
export function readinessSummary(r: Readiness): string {
  const unmet = r.items.filter((i) => !i.met).length;
  if (unmet === 0) return "Ready for approval: every item is met.";
  return `Not ready: ${unmet === 1 ? "1 item is" : `${unmet} items are`} not met. Approval needs them, or a recorded reason to go ahead.`;
}

/** The verdict on a verified PDF, in one sentence. */
export function verdict(v: Verification): string {
  return v.valid
    ? "Verified: this is the plan's signed-off PDF, unchanged."
    : "Not verified: this is not the plan's signed-off PDF as it was written.";
}

/** A chosen file's name, without its folder. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** What the sign-off's "Sign digitally" part holds: the files chosen (full
 * paths, as the dialog granted them) and the password as typed. */
export interface SigningForm {
  kind: "pkcs12" | "pem";
  pkcs12: string | null;
  key: string | null;
  cert: string | null;
  password: string;
}

/** The key as the signoff command takes it, or which file is still to be
 * chosen. No password is sent as none: an unencrypted PEM key needs none. */
export function signingKey(f: SigningForm): { key: SigningKey } | { error: string } {
  const password = f.password === "" ? null : f.password;
  if (f.kind === "pkcs12") {
    if (f.pkcs12 === null) return { error: "Choose the PKCS#12 file to sign with, or turn off signing." };
    return { key: { kind: "pkcs12", path: f.pkcs12, password } };
  }
  if (f.key === null) return { error: "Choose the private key to sign with, or turn off signing." };
  if (f.cert === null) return { error: "Choose the key's certificate, or turn off signing." };
  return { key: { kind: "pem", key: f.key, cert: f.cert, password } };
}

/** Who a certificate's subject (RFC 4514, "CN=Ann Lee,O=Council") names:
 * its common name, and the whole subject when it says more. */
export function signedBy(subject: string): string {
  const cn = /(?:^|,)\s*CN=((?:\\.|[^,\\])*)/i.exec(subject)?.[1].replace(/\\(.)/g, "$1");
  if (!cn) return subject;
  return /^CN=/i.test(subject) && !/,/.test(subject.replace(/\\,/g, "")) ? cn : `${cn} (${subject})`;
}

/** A fingerprint in groups of eight hex digits, to compare by eye with the
 * one the signer gives. */
export function fingerprintGroups(sha256: string): string {
  return (sha256.match(/.{1,8}/g) ?? []).join(" ");
}

/** One of a signature's findings in words, and whether it is good news. */
export interface Finding {
  text: string;
  ok: boolean;
}

/** A signature as the Verify card lists it. */
export interface SignatureFindings {
  signer: string;
  signedAt: string;
  signature: Finding;
  changedAfter: Finding;
  certificate: Finding;
  /** The certificate's SHA-256 in groups of eight, when it could be read. */
  fingerprint: string | null;
}

/** What a signature check found, a term at a time. */
export function signatureFindings(s: SignatureCheck): SignatureFindings {
  const bytes = `${s.bytes_after.toLocaleString("en-GB")} ${s.bytes_after === 1 ? "byte" : "bytes"}`;
  let certificate = s.self_signed
    ? "Self-signed: it shows who signed only if its fingerprint is the one the signer gives you"
    : s.issuer
      ? `Issued by ${s.issuer}`
      : "Not readable";
  const validThen = s.certificate_valid_then !== false;
  if (!validThen) certificate += "; NOT valid when it was signed";
  return {
    signer: s.signer ?? "Unknown",
    signedAt: s.signed_at ?? "Not said",
    signature: s.intact
      ? { text: "Valid", ok: true }
      : { text: `NOT valid: ${s.problem ?? "it does not match the PDF."}`, ok: false },
    changedAfter: s.covers_whole_file
      ? { text: "No", ok: true }
      : { text: s.bytes_after > 0 ? `Yes: ${bytes} added` : "Cannot be told", ok: false },
    certificate: { text: certificate, ok: validThen && (s.self_signed || s.issuer !== null) },
    fingerprint: s.certificate_sha256 === null ? null : fingerprintGroups(s.certificate_sha256),
  };
}
