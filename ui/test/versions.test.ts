import { describe, expect, it } from "vitest";
import type { Readiness } from "../src/bindings/Readiness";
import {
  approvalRequest,
  changesFileName,
  isReady,
  readinessSummary,
  recordRows,
  shortFingerprint,
  stageLabel,
  versionLabel,
  whenKept,
  type ApprovalForm,
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
