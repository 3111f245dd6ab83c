// How the Versions view reads versions, comparisons and approvals: a
// version's name and fingerprint in a list, what a comparison's changes are
// called, the approval form checked before it is sent, and what a
// verification found.

import type { ApprovalRequest } from "../bindings/ApprovalRequest";
import type { Change } from "../bindings/Change";
import type { Readiness } from "../bindings/Readiness";
import type { RecordChange } from "../bindings/RecordChange";
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
