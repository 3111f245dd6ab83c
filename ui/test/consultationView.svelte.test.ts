import { flushSync, mount, unmount } from "svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Respond } from "../src/bindings/Respond";
import type { Response as ConsultationResponse } from "../src/bindings/Response";
import type { PlanStore } from "../src/lib/plan.svelte";

// The Consultation view as a user meets it: the required consultees heard
// from, a response logged about a section, what changed saved once, and
// publication offered only once the plan is approved.

const responses: ConsultationResponse[] = [];
const logged: Respond[] = [];
const outcomes: [number, string][] = [];
/** The lists of required consultees sent, in turn. */
const consulteeLists: string[][] = [];

vi.mock("../src/api", async (original) => {
  const real = await original<typeof import("../src/api")>();
  return {
    ...real,
    api: {
      consultationRounds: vi.fn(async () => [
        { id: 1, name: "Consultation on the first draft", opens: "2008-03-07", closes: "2008-03-14" },
      ]),
      consultees: vi.fn(async () => [
        { kind: "required", key: "1", name: "The partners within the Children's Trust" },
        { kind: "required", key: "9", name: "The Local Safeguarding Children Board" },
        { kind: "organisation", key: "Barnardo's", name: "Barnardo's" },
      ]),
      consultationResponses: vi.fn(async () => structuredClone(responses)),
      actions: vi.fn(async () => []),
      approvals: vi.fn(async () => []),
      publications: vi.fn(async () => []),
      consultationRespond: vi.fn(async (r: Respond) => {
        logged.push(r);
        const shown = {
          id: responses.length + 1,
          round: r.round,
          consultee_kind: "required" as const,
          consultee: r.consultee,
          from: "The Local Safeguarding Children Board",
          received: r.received,
          about: 'section "Be Healthy" of chapter "Summary"',
          said: r.said,
          outcome: "",
        };
        responses.push(shown);
        return shown;
      }),
      consultationOutcome: vi.fn(async (id: number, outcome: string) => {
        outcomes.push([id, outcome]);
      }),
      setRequiredConsultees: vi.fn(async (names: string[]) => {
        consulteeLists.push(names);
        if (names.some((n) => n.length > 1000))
          throw {
            code: "invalid",
            message: "consultees: item 2: an item is 1 to 1,000 characters",
            detail: "consultees",
          };
        return names.map((name, n) => ({ kind: "required", key: String(n + 1), name }));
      }),
    },
  };
});

const { default: Consultation } = await import("../src/views/Consultation.svelte");

const outline = [
  {
    chapter: { id: 2, title: "Summary", numbered: true },
    number: 1,
    sections: [{ section: { id: 23, chapter: 2, title: "Be Healthy" }, blocks: 1, words: 10 }],
  },
];
const plan = {
  summary: { file_name: "sample.plan" },
  outline: { value: outline, use: () => () => undefined },
} as unknown as PlanStore;
let target: HTMLElement;
let app: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (app) unmount(app);
  app = null;
  target?.remove();
  responses.length = 0;
  logged.length = 0;
  outcomes.length = 0;
  consulteeLists.length = 0;
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
  app = mount(Consultation, { target, props: { plan } });
  await until("the rounds", () => !!target.querySelector("#round-list tr[data-round-id='1']"));
  await until("the consultees", () => target.querySelectorAll("#consultees li").length === 2);
}

const set = (css: string, value: string, event = "input") => {
  const el = target.querySelector(css) as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
  el.value = value;
  el.dispatchEvent(new Event(event, { bubbles: true }));
  flushSync();
};
const click = (css: string) => {
  (target.querySelector(css) as HTMLElement).click();
  flushSync();
};

describe("the Consultation view", () => {
  it("logs a response about a section and marks its consultee as heard from", async () => {
    await show();
    expect(target.querySelector("#consultees-summary")?.textContent).toContain("0 of 2 required consultees");
    set("#response-from", "required:9", "change");
    click("#about-section");
    set("#response-section", "23", "change");
    set("#response-said", "More play areas near schools.");
    set("#response-received", "10/03/2008");
    click("#response-log-go");
    await until("the response listed", () => !!target.querySelector(".response[data-response-id='1']"));
    expect(logged).toEqual([
      {
        round: 1,
        consultee: "9",
        received: "2008-03-10",
        about: { kind: "section", id: 23 },
        said: "More play areas near schools.",
        outcome: "",
      },
    ]);
    expect(target.querySelector("#consultees li[data-consultee='9']")?.textContent).toContain("Responded:");
    expect(target.querySelector("#consultees li[data-consultee='1']")?.textContent).toContain("Not yet heard from:");
    expect(target.querySelector("#response-said")).toHaveProperty("value", "");
  });

  it("saves what changed once, whether left or saved with the button", async () => {
    responses.push({
      id: 4,
      round: 1,
      consultee_kind: "other",
      consultee: "Youth Forum",
      from: "Youth Forum",
      received: null,
      about: "",
      said: "Say more about transport.",
      outcome: "",
    });
    await show();
    await until("the response", () => !!target.querySelector("#outcome-4"));
    expect(target.querySelector(".response .response-subject")?.textContent).toBe("About: The whole plan");
    set("#outcome-4", "A paragraph on transport added to chapter 3.");
    set("#outcome-4", "A paragraph on transport added to chapter 3.", "change");
    click("#outcome-save-4");
    await until("saved", () => target.querySelector("#outcome-status-4")?.textContent === "Saved.");
    expect(outcomes).toEqual([[4, "A paragraph on transport added to chapter 3."]]);
  });

  it("offers publication only once the plan is approved", async () => {
    await show();
    expect(target.querySelector("#publication-note")?.textContent).toContain("published once approved");
    expect(target.querySelector("#publish-go")).toHaveProperty("disabled", true);
  });

  it("replaces the required consultees with the lines typed, and says in the core's words what it refused", async () => {
    await show();
    const edit = target.querySelector("#consultees-edit") as HTMLButtonElement;
    expect(edit.disabled).toBe(false);
    click("#consultees-edit");
    await until("the form", () => !!target.querySelector("#consultees-names"));
    const names = target.querySelector("#consultees-names") as HTMLTextAreaElement;
    expect(names.value).toBe("The partners within the Children's Trust\nThe Local Safeguarding Children Board");
    expect(target.querySelector("label[for='consultees-names']")).not.toBeNull();

    set("#consultees-names", `Schools Forum\n${"x".repeat(1001)}`);
    click("#consultees-save");
    await until("the refusal", () => target.querySelector("#consultees-error")!.textContent!.includes("1,000"));
    expect(target.querySelector("#consultees-error")!.getAttribute("role")).toBe("alert");
    expect(target.querySelector("#consultees-error")!.textContent).toBe(
      "consultees: item 2: an item is 1 to 1,000 characters",
    );

    set("#consultees-names", "  Schools Forum\n\nYouth Council  \n");
    click("#consultees-save");
    await until("the form closed", () => !target.querySelector("#consultees-form"));
    expect(consulteeLists[1]).toEqual(["Schools Forum", "Youth Council"]);
    expect(target.querySelector("#consultees li[data-consultee='1']")?.textContent).toContain("1. Schools Forum");
    expect(target.querySelector("#consultees li[data-consultee='2']")?.textContent).toContain("2. Youth Council");
    await until("focus back on the button", () => document.activeElement === edit);
  });

  it("fixes the list, saying why, once a required consultee has responded", async () => {
    responses.push({
      id: 5,
      round: 1,
      consultee_kind: "required",
      consultee: "9",
      from: "The Local Safeguarding Children Board",
      received: null,
      about: "",
      said: "Fine.",
      outcome: "",
    });
    await show();
    await until("the Board heard from", () => !!target.querySelector("#consultees li[data-consultee='9'].met"));
    const edit = target.querySelector("#consultees-edit") as HTMLButtonElement;
    expect(edit.disabled).toBe(true);
    expect(edit.getAttribute("aria-describedby")).toBe("consultees-fixed");
    expect(target.querySelector("#consultees-fixed")?.textContent).toContain("responses name them by number");
  });
});
