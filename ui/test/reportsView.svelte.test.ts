import type { Editor } from "@tiptap/core";
import { flushSync, mount, unmount } from "svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ReportBody } from "../src/api";
import type { Report } from "../src/bindings/Report";
import type { ReportTemplate } from "../src/bindings/ReportTemplate";
import type { PlanStore } from "../src/lib/plan.svelte";

// The report editor as a user meets it: open a report, change a field and
// a section, and every save sends the whole report as it now is, even the
// one still to come when the view is left.

const para = (text: string) => ({ type: "paragraph", attrs: { numbered: true }, content: [{ type: "text", text }] });
const report: Report = {
  id: 1,
  template: "leicestershire",
  title: "The Children’s Plan",
  committee: "Children and Young People’s Executive",
  meeting_date: "2008-02-08",
  report_of: "",
  author: "Sudha Amin",
  contact: "",
  date: null,
  status: "final",
  exempt: null,
  sections: [
    { key: "purpose", title: "Purpose of the Report", content: { type: "doc", content: [para("What it is for.")] } },
    { key: "author", title: "Officer to contact", content: { type: "doc", content: [] } },
  ],
  appendices: [],
};
const template: ReportTemplate = {
  key: "leicestershire",
  name: "Leicestershire County Council",
  authority: "",
  numbering: "continuous",
  page_numbers: "continuous",
  font: "Arial",
  font_size: 12,
  logo: false,
  sections: [
    {
      key: "purpose",
      title: "Purpose of the Report",
      kind: "text",
      required: true,
      numbered: true,
      restart: false,
      part: null,
      hint: "What the report is for.",
    },
    {
      key: "author",
      title: "Officer to contact",
      kind: "contact",
      required: true,
      numbered: false,
      restart: false,
      part: null,
      hint: "",
    },
  ],
};

const saved: ReportBody[] = [];
/** Resolves the save in flight, when a test holds it. */
let release: (() => void) | null = null;
let hold = false;

vi.mock("../src/api", async (original) => {
  const real = await original<typeof import("../src/api")>();
  return {
    ...real,
    api: {
      reports: vi.fn(async () => [
        {
          id: 1,
          title: report.title,
          committee: report.committee,
          meeting_date: report.meeting_date,
          template: "leicestershire",
          status: "final",
          sections: 2,
          appendices: 0,
          exempt: false,
        },
      ]),
      reportTemplates: vi.fn(async () => [template]),
      reportGet: vi.fn(async () => ({
        report,
        template,
        warnings: [],
        appendix_list: [],
        numbers: [{ key: "purpose", labels: ["16."] }],
      })),
      reportSave: vi.fn(async (_id: number, body: ReportBody) => {
        saved.push(structuredClone(body));
        if (hold) await new Promise<void>((r) => (release = r));
        const empty = (body.sections[0].content as { content: unknown[] }).content.length === 0;
        return {
          report: { id: 1, ...body },
          template,
          warnings: empty ? ['The report\'s "Purpose of the Report" section is empty.'] : [],
          appendix_list: [],
          numbers: [{ key: "purpose", labels: empty ? [] : ["3."] }],
        };
      }),
    },
  };
});

const { default: Reports } = await import("../src/views/Reports.svelte");

const plan = { outline: { use: () => () => undefined, value: [] } } as unknown as PlanStore;
let target: HTMLElement;
let app: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (app) unmount(app);
  app = null;
  target?.remove();
  saved.length = 0;
  hold = false;
});

async function until(what: string, check: () => boolean) {
  for (let i = 0; i < 200; i++) {
    flushSync();
    if (check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function openReport() {
  target = document.createElement("div");
  document.body.append(target);
  const states: string[] = [];
  app = mount(Reports, { target, props: { plan, onSaveState: (s) => states.push(s.kind), onEditor: () => undefined } });
  await until("the list", () => !!target.querySelector(".report-open"));
  (target.querySelector(".report-open") as HTMLButtonElement).click();
  await until("the editor", () => !!target.querySelector(".report-section[data-key='purpose'] .ProseMirror"));
  const dom = target.querySelector(".report-section[data-key='purpose'] .ProseMirror") as HTMLElement & {
    editor: Editor;
  };
  return { editor: dom.editor, states };
}

describe("the report editor", () => {
  it("shows each section's title and hint, and what a contact section will print", async () => {
    await openReport();
    const purpose = target.querySelector(".report-section[data-key='purpose']")!;
    expect((purpose.querySelector("input.section-title") as HTMLInputElement).value).toBe("Purpose of the Report");
    expect(purpose.textContent).toContain("What the report is for.");
    // Its numbered paragraph has the number the template gives it.
    expect(purpose.querySelector(".ProseMirror p")?.getAttribute("data-num")).toBe("16.");
    const contact = target.querySelector(".report-section[data-key='author']")!;
    expect(contact.querySelector(".ProseMirror")).toBeNull();
    expect(contact.querySelector(".filled")?.textContent).toContain("Sudha Amin");
  });

  it("saves the whole report, without its id, with a head field and a section as changed", async () => {
    await openReport();
    const committee = target.querySelector("#report-committee") as HTMLInputElement;
    committee.value = "Cabinet";
    committee.dispatchEvent(new Event("input", { bubbles: true }));
    committee.dispatchEvent(new Event("blur"));
    await until("a save", () => saved.length === 1);
    expect("id" in saved[0]).toBe(false);
    expect(saved[0].committee).toBe("Cabinet");
    expect(saved[0].sections.map((s) => s.key)).toEqual(["purpose", "author"]);
    // The numbers the save brings are drawn.
    await until(
      "the new number",
      () =>
        target.querySelector(".report-section[data-key='purpose'] .ProseMirror p")?.getAttribute("data-num") === "3.",
    );
  });

  it("shows the warning the save brings when a required section is emptied", async () => {
    const { editor } = await openReport();
    editor.commands.clearContent(true);
    editor.view.dom.dispatchEvent(new Event("blur"));
    await until("the save", () => saved.length > 0);
    expect(saved[saved.length - 1].sections[0].content).toEqual({ type: "doc", content: [] });
    await until("the warning", () =>
      (target.querySelector("#report-warnings")?.textContent ?? "").includes("section is empty"),
    );
  });

  it("sends a section's last text when the view goes with a save still to come", async () => {
    const { editor } = await openReport();
    hold = true;
    const committee = target.querySelector("#report-committee") as HTMLInputElement;
    committee.value = "Cabinet";
    committee.dispatchEvent(new Event("input", { bubbles: true }));
    committee.dispatchEvent(new Event("blur"));
    await until("a save in flight", () => saved.length === 1);
    // Typed while that save runs, then the view is left.
    editor.commands.insertContentAt(editor.state.doc.content.size, para("Typed last."));
    unmount(app!);
    app = null;
    release?.();
    hold = false;
    await until("the last save", () => saved.length === 2);
    expect(JSON.stringify(saved[1].sections[0].content)).toContain("Typed last.");
    expect(saved[1].committee).toBe("Cabinet");
  });
});
