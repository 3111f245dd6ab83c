import { flushSync, mount, unmount } from "svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ApprovalRequest } from "../src/bindings/ApprovalRequest";
import type { Comparison } from "../src/bindings/Comparison";
import type { SigningKey } from "../src/bindings/SigningKey";
import type { PlanStore } from "../src/lib/plan.svelte";

// The Versions view as a user meets it: the versions kept, a comparison with
// its words marked, the approval form that asks why only when the plan is
// not ready, and the sign-off signed with the key chosen.

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
/** What the file dialogs answer, in turn, and what they were opened for. */
const answers: string[] = [];
const dialogs: string[] = [];
const signoffs: [number | null, string, SigningKey | null][] = [];
/** The lists of required contents sent, in turn. */
const contentLists: string[][] = [];
const approval = {
  id: 1,
  version: 3,
  committee: "Board",
  meeting_date: "2008-05-20",
  resolution: "Approved.",
  approver: "Cllr X",
  override_reason: null,
  recorded: "2008-05-21T10:00:00+00:00",
};

vi.mock("../src/api", async (original) => {
  const real = await original<typeof import("../src/api")>();
  return {
    ...real,
    api: {
      versions: vi.fn(async () => [version(1, "First draft"), version(2, "Second draft")]),
      readiness: vi.fn(async () => ({
        items: [{ item: "Every indicator has targets", met: ready, detail: ready ? "all have" : "15 have none" }],
      })),
      approvals: vi.fn(async () => [approval]),
      frameworks: vi.fn(async () => [
        {
          id: 7,
          key: "required_contents",
          name: "Required contents",
          items: [{ id: 1, code: "1", title: "1. A statement of local vision for children and young people:" }],
        },
      ]),
      setRequiredContents: vi.fn(async (items: string[]) => {
        contentLists.push(items);
        if (new Set(items).size < items.length)
          throw { code: "invalid", message: 'contents: item 3: "Vision" is in the list twice', detail: "contents" };
        return {
          items: items.map((item) => ({
            item,
            met: item === "Vision",
            detail: item === "Vision" ? "in Vision" : "none",
          })),
        };
      }),
      chooseFile: vi.fn(async (purpose: string) => {
        dialogs.push(purpose);
        return answers.shift() ?? null;
      }),
      signoff: vi.fn(async (a: number | null, path: string, key: SigningKey | null) => {
        signoffs.push([a, path, key]);
        if (key?.password === "wrong")
          throw { code: "bad_key", message: "/keys/signing.p12: the password does not open it", detail: null };
        return {
          output: path,
          approval,
          version: version(3, "Approved"),
          pdf_sha256: "ab".repeat(32),
          signed_by: key ? "CN=E2E Signer" : null,
          warnings: [],
        };
      }),
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
  answers.length = 0;
  dialogs.length = 0;
  signoffs.length = 0;
  contentLists.length = 0;
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

  it("signs the sign-off with the PKCS#12 file chosen and its password, and says why a key is refused", async () => {
    await show();
    const click = (css: string) => (target.querySelector(css) as HTMLElement).click();
    click("#signoff-sign");
    await until("the key's fields", () => !!target.querySelector("#signing-password"));
    const password = target.querySelector("#signing-password") as HTMLInputElement;
    expect(password.type).toBe("password");
    expect(password.autocomplete).toBe("off");
    expect(target.querySelector("label[for='signing-password']")).not.toBeNull();

    // No file chosen: nothing is asked of the core.
    click("#signoff-write");
    await until("the missing file", () => target.querySelector("#signoff-error")!.textContent!.includes("PKCS#12"));
    expect(dialogs).toEqual([]);

    answers.push("/keys/signing.p12");
    click("#signing-choose-pkcs12");
    await until("the file's name", () => target.querySelector("#signing-pkcs12-name")?.textContent === "signing.p12");
    expect(dialogs).toEqual(["signing_key"]);

    input("#signing-password", "wrong");
    answers.push("/out/signed.pdf");
    click("#signoff-write");
    await until("the refusal", () => target.querySelector("#signoff-error")!.textContent!.includes("does not open"));
    expect(target.querySelector("#signoff-error")!.getAttribute("role")).toBe("alert");
    expect(signoffs).toEqual([
      [null, "/out/signed.pdf", { kind: "pkcs12", path: "/keys/signing.p12", password: "wrong" }],
    ]);
    expect(password.value).toBe("wrong");

    input("#signing-password", "right");
    answers.push("/out/signed.pdf");
    click("#signoff-write");
    await until("the result", () => !!target.querySelector("#signoff-result"));
    expect(signoffs[1][2]).toEqual({ kind: "pkcs12", path: "/keys/signing.p12", password: "right" });
    expect(target.querySelector("#signoff-result")!.textContent).toContain("digitally signed by E2E Signer.");
    expect(target.querySelector("#signoff-error")!.textContent).toBe("");
    // The password is not kept once it has signed.
    expect(password.value).toBe("");
  });

  it("sends a PEM key and its certificate, and no key when signing is off", async () => {
    await show();
    const click = (css: string) => (target.querySelector(css) as HTMLElement).click();
    answers.push("/out/plain.pdf");
    click("#signoff-write");
    await until("the plain sign-off", () => signoffs.length === 1);
    expect(signoffs[0]).toEqual([null, "/out/plain.pdf", null]);

    click("#signoff-sign");
    await until("the key's fields", () => !!target.querySelector("input[name='signing-kind'][value='pem']"));
    click("input[name='signing-kind'][value='pem']");
    await until("the PEM buttons", () => !!target.querySelector("#signing-choose-cert"));
    answers.push("/keys/signing-key.pem", "/keys/signing-cert.pem", "/out/signed.pdf");
    click("#signing-choose-key");
    await until("the key's name", () => target.querySelector("#signing-key-name")?.textContent === "signing-key.pem");
    click("#signing-choose-cert");
    await until(
      "the certificate's name",
      () => target.querySelector("#signing-cert-name")?.textContent === "signing-cert.pem",
    );
    click("#signoff-write");
    await until("the signed sign-off", () => signoffs.length === 2);
    expect(signoffs[1][2]).toEqual({
      kind: "pem",
      key: "/keys/signing-key.pem",
      cert: "/keys/signing-cert.pem",
      password: null,
    });
  });

  it("replaces the required contents with the lines typed, and says in the core's words what it refused", async () => {
    await show();
    const edit = target.querySelector("#contents-edit") as HTMLButtonElement;
    expect(edit.getAttribute("aria-expanded")).toBe("false");
    edit.click();
    await until("the form", () => !!target.querySelector("#contents-items"));
    const items = target.querySelector("#contents-items") as HTMLTextAreaElement;
    expect(edit.getAttribute("aria-expanded")).toBe("true");
    expect(target.querySelector("label[for='contents-items']")).not.toBeNull();
    // Prefilled as the checklist names them, and ready to type in.
    expect(items.value).toBe("A statement of local vision for children and young people");
    expect(document.activeElement).toBe(items);

    input("#contents-items", " Vision\n\nSafeguarding \nVision");
    (target.querySelector("#contents-save") as HTMLButtonElement).click();
    await until("the refusal", () => target.querySelector("#contents-error")!.textContent!.includes("twice"));
    expect(target.querySelector("#contents-error")!.getAttribute("role")).toBe("alert");
    expect(target.querySelector("#contents-error")!.textContent).toBe(
      'contents: item 3: "Vision" is in the list twice',
    );
    expect(contentLists).toEqual([["Vision", "Safeguarding", "Vision"]]);

    input("#contents-items", "Vision\nSafeguarding");
    (target.querySelector("#contents-save") as HTMLButtonElement).click();
    await until("the form closed", () => !target.querySelector("#contents-form"));
    expect(contentLists[1]).toEqual(["Vision", "Safeguarding"]);
    const checklist = target.querySelector("#readiness")!.textContent!;
    expect(checklist).toContain("Safeguarding");
    expect(checklist).not.toContain("indicator");
    await until("focus back on the button", () => document.activeElement === edit);
    expect(edit.getAttribute("aria-expanded")).toBe("false");
  });
});
