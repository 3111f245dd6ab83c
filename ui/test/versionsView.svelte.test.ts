import { flushSync, mount, unmount } from "svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ApprovalRequest } from "../src/bindings/ApprovalRequest";
import type { Comparison } from "../src/bindings/Comparison";
import type { PlanStore } from "../src/lib/plan.svelte";

// The Versions view as a user meets it: the versions kept, a comparison with
// its words marked, and the approval form that asks why only when the plan
// is not ready.

const version = (id: number, name: string) => ({
  id,
  stage: "consultation_draft" as const,
  name,
  created: "2008-03-14T09:05:00+00:00",
  sha256: "648897f9642cd6ff4f41be96f66d49100ad65d2f45928a7d10747ec0274b09da",
  size: 1000,
});
const comparison: Comparison = {
  from: "First draft (version 1)",
  to: "plan as it is now",
  diff: {
    chapters: [
      {
        change: "changed",
        title: "Being Healthy",
        from: 2,
        to: 2,
        sections: [
          {
            change: "changed",
            title: "Reducing Obesity",
            paragraphs: [
              {
                change: "changed",
                words: [
                  { kind: "same", text: "Leicestershire and Rutland " },
                  { kind: "deleted", text: "Primary" },
                  { kind: "inserted", text: "Integrated" },
                  { kind: "same", text: " Care Board." },
                ],
              },
            ],
          },
        ],
      },
    ],
    actions: [{ change: "changed", name: "Run a holiday club", fields: [{ field: "lead", from: "A", to: "B" }] }],
    indicators: [],
  },
};
let ready = false;
const approved: ApprovalRequest[] = [];
const diffs: [string, string][] = [];

vi.mock("../src/api", async (original) => {
  const real = await original<typeof import("../src/api")>();
  return {
    ...real,
    api: {
      versions: vi.fn(async () => [version(1, "First draft"), version(2, "Second draft")]),
      readiness: vi.fn(async () => ({
        items: [{ item: "Every indicator has targets", met: ready, detail: ready ? "all have" : "15 have none" }],
      })),
      approvals: vi.fn(async () => []),
      versionDiff: vi.fn(async (from: string, to: string) => {
        diffs.push([from, to]);
        return comparison;
      }),
      approve: vi.fn(async (request: ApprovalRequest) => {
        approved.push(request);
        throw { code: "refused", message: "stop here", detail: null };
      }),
    },
  };
});

const { default: Versions } = await import("../src/views/Versions.svelte");

const plan = { summary: { file_name: "sample.plan" } } as unknown as PlanStore;
let target: HTMLElement;
let app: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (app) unmount(app);
  app = null;
  target?.remove();
  approved.length = 0;
  diffs.length = 0;
});

async function until(what: string, check: () => boolean) {
  for (let i = 0; i < 200; i++) {
    flushSync();
    if (check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function show() {
  target = document.createElement("div");
  document.body.append(target);
  app = mount(Versions, { target, props: { plan, opened: () => undefined } });
  await until("the versions", () => target.querySelectorAll("#version-list tr[data-version-id]").length === 2);
  await until("the checklist", () => !!target.querySelector("#readiness li"));
}

const input = (css: string, value: string) => {
  const el = target.querySelector(css) as HTMLInputElement | HTMLTextAreaElement;
  el.value = value;
  el.dispatchEvent(new Event("input", { bubbles: true }));
};

describe("the Versions view", () => {
  it("lists the versions and compares the latest with the plan as it is now, its words marked", async () => {
    await show();
    const row = target.querySelector("#version-list tr[data-version-id='1']")!;
    expect(row.textContent).toContain("Consultation draft");
    expect(row.textContent).toContain("6488 97f9 642c");
    expect(row.textContent).toContain("14 March 2008, 09:05");
    (target.querySelector("#compare-go") as HTMLButtonElement).click();
    await until("the comparison", () => !!target.querySelector("#version-diff"));
    expect(diffs).toEqual([["2", "current"]]);
    const p = target.querySelector(".diff-paragraph")!;
    expect(p.querySelector("ins")?.textContent).toBe("[added: Integrated]");
    expect(p.querySelector("del")?.textContent).toBe("[deleted: Primary]");
    expect(p.textContent).toBe("Leicestershire and Rutland [deleted: Primary][added: Integrated] Care Board.");
    expect(target.querySelector("#diff-actions")?.textContent).toContain("Run a holiday club");
  });

  it("asks why the plan is approved only when the checklist is not met", async () => {
    ready = false;
    await show();
    expect(target.querySelector("#readiness")?.textContent).toContain("Not met:");
    input("#approve-committee", "Board");
    input("#approve-meeting", "20/05/2008");
    input("#approve-resolution", "Approved.");
    input("#approve-approver", "Cllr X");
    (target.querySelector("#approve-go") as HTMLButtonElement).click();
    await until("the refusal", () => (target.querySelector("#approve-error")?.textContent ?? "").includes("say why"));
    expect(approved).toEqual([]);
    input("#approve-override", "LAA targets come in June.");
    (target.querySelector("#approve-go") as HTMLButtonElement).click();
    await until("the request", () => approved.length === 1);
    expect(approved[0]).toMatchObject({ meeting_date: "2008-05-20", override_reason: "LAA targets come in June." });
    await until("the core's answer", () => target.querySelector("#approve-error")?.textContent === "stop here");
  });

  it("has no reason to give when the checklist is met", async () => {
    ready = true;
    await show();
    expect(target.querySelector("#approve-override")).toBeNull();
    expect(target.querySelector("#readiness")?.textContent).toContain("Met:");
  });
});
