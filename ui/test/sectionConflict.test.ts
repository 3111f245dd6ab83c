import { afterEach, describe, expect, it, vi } from "vitest";

// The app's commands, as the editor calls them: one save refused because
// someone else saved the section first, then the recovery.
const calls: string[] = [];
const mine = "Typed in this window.";
const theirs = "Saved in another window.";
const para = (text: string) => ({ type: "paragraph", attrs: { numbered: false }, content: [{ type: "text", text }] });
const view = (version: string, content: object[]) => ({
  section: { id: 7, chapter: 1, position: 0, title: null },
  doc: { type: "doc", content },
  labels: content.map(() => null),
  words: 3,
  version,
});

vi.mock("../src/api", async (original) => {
  const real = await original<typeof import("../src/api")>();
  return {
    ...real,
    api: {
      sectionSave: vi.fn(async (_id: number, _doc: unknown, base: string) => {
        calls.push(`save over ${base}`);
        throw {
          code: "conflict",
          message:
            'section "Opening" was changed in another window or program after you opened it; your edit was not saved over it',
          detail: null,
        };
      }),
      sectionRecover: vi.fn(async (_id: number, doc: { content: object[] }) => {
        calls.push("recover");
        return view("v2", [
          para(theirs),
          {
            type: "callout",
            attrs: { kind: "info", title: "Your edit that could not be saved" },
            content: doc.content,
          },
        ]);
      }),
      assetUrl: vi.fn(async () => null),
    },
  };
});

const { SectionEditor } = await import("../src/editor");

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const e of open.splice(0)) await e.close().catch(() => undefined);
});

describe("a section saved elsewhere meanwhile", () => {
  it("sends the version it started from, then shows theirs with this edit kept in a box and says so", async () => {
    const mount = document.createElement("div");
    document.body.append(mount);
    const states: string[] = [];
    const ed = new SectionEditor(mount, view("v1", [para("Opening.")]), {
      onWords: () => undefined,
      onSaveState: (s) => states.push(s.kind),
    });
    open.push(ed);
    const bar = ed.toolbar();
    ed.editor.commands.insertContentAt(ed.editor.state.doc.content.size, para(mine));
    await ed.saver.flush();
    expect(calls).toEqual(["save over v1", "recover"]);
    const text = ed.editor.getText();
    expect(text).toContain(theirs);
    expect(text).toContain(mine);
    expect(mount.querySelector("aside.callout")?.textContent).toContain(mine);
    expect(bar.querySelector("#toolbar-error")?.textContent).toContain("changed in another window or program");
    expect(states.at(-1)).toBe("saved");
  });
});
