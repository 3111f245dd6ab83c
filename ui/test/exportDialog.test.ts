import { describe, expect, it } from "vitest";
import { chosenChapters, exportDialog } from "../src/exportDialog";
import type { OutlineChapter } from "../src/bindings/OutlineChapter";

// jsdom may lack modal dialogs; the dialog only needs them to open and close.
const proto = HTMLDialogElement.prototype as unknown as Record<string, unknown>;
proto.showModal ??= function (this: HTMLDialogElement) {
  this.setAttribute("open", "");
};
proto.close ??= function (this: HTMLDialogElement) {
  this.removeAttribute("open");
};

function chapter(id: number, title: string, number: number | null): OutlineChapter {
  return {
    chapter: { id, title, position: id, numbered: number !== null },
    number,
    sections: [],
  } as unknown as OutlineChapter;
}

const outline = [chapter(1, "Welcome", null), chapter(2, "Summary", 1), chapter(3, "Being Healthy", 2)];

describe("export dialog", () => {
  it("asks for the whole plan only when every chapter is ticked", () => {
    const box = (checked: boolean) => ({ checked });
    expect(chosenChapters([box(true), box(true), box(true)])).toBeNull();
    expect(chosenChapters([box(false), box(true), box(true)])).toEqual([2, 3]);
    expect(chosenChapters([box(false), box(false)])).toEqual([]);
  });

  it("lists the chapters by number and gives the ticked ones and the version", async () => {
    const asked = exportDialog(outline, null);
    const labels = [...document.querySelectorAll("#export-dialog .export-chapters li")].map((l) => l.textContent);
    expect(labels).toEqual(["Welcome", "1 Summary", "2 Being Healthy"]);
    (document.querySelector("input[value=draft]") as HTMLInputElement).click();
    (document.getElementById("export-chapter-1") as HTMLInputElement).click();
    const all = document.getElementById("export-all") as HTMLInputElement;
    expect(all.checked).toBe(false);
    expect(all.indeterminate).toBe(true);
    (document.getElementById("export-go") as HTMLButtonElement).click();
    expect(await asked).toEqual({ format: "pdf", draft: true, chapters: [2, 3], appendix: null });
    expect(document.getElementById("export-dialog")).toBeNull();
  });

  it("will not export nothing", async () => {
    const asked = exportDialog(outline, null);
    const all = document.getElementById("export-all") as HTMLInputElement;
    all.click();
    const go = document.getElementById("export-go") as HTMLButtonElement;
    expect(go.disabled).toBe(true);
    expect(document.getElementById("export-hint")!.textContent).toBe("Pick at least one chapter.");
    all.click();
    expect(go.disabled).toBe(false);
    go.click();
    expect(await asked).toEqual({ format: "pdf", draft: false, chapters: null, appendix: null });
  });

  it("offers a web page as well as a PDF", async () => {
    const asked = exportDialog(outline, null);
    (document.querySelector("input[name=export-format][value=html]") as HTMLInputElement).click();
    (document.getElementById("export-go") as HTMLButtonElement).click();
    expect(await asked).toEqual({ format: "html", draft: false, chapters: null, appendix: null });
  });

  it("offers a Word document", async () => {
    const asked = exportDialog(outline, null);
    (document.querySelector("input[name=export-format][value=docx]") as HTMLInputElement).click();
    (document.getElementById("export-go") as HTMLButtonElement).click();
    expect(await asked).toEqual({ format: "docx", draft: false, chapters: null, appendix: null });
  });

  it("offers the action plan appendix, grouped and with the columns asked for, instead of chapters", async () => {
    const asked = exportDialog(outline, null);
    const options = document.querySelector("#export-dialog .export-actions") as HTMLFieldSetElement;
    const chapters = document.querySelector("#export-dialog .export-chapters") as HTMLFieldSetElement;
    expect(options.hidden).toBe(true);
    (document.getElementById("export-all") as HTMLInputElement).click();
    const action = document.querySelector("input[name=export-what][value=actions]") as HTMLInputElement;
    action.click();
    expect(options.hidden).toBe(false);
    expect(chapters.disabled).toBe(true);
    // No chapter ticked does not matter to the appendix.
    expect((document.getElementById("export-go") as HTMLButtonElement).disabled).toBe(false);
    (document.getElementById("export-group-by") as HTMLSelectElement).value = "lead";
    (document.getElementById("export-col-status") as HTMLInputElement).click();
    (document.getElementById("export-go") as HTMLButtonElement).click();
    expect(await asked).toEqual({
      format: "pdf",
      draft: false,
      chapters: null,
      appendix: { kind: "actions", group_by: "lead", columns: { timescale: false, outcome: false, status: true } },
    });
  });

  it("offers the indicator appendix", async () => {
    const asked = exportDialog(outline, null);
    (document.querySelector("input[name=export-what][value=indicators]") as HTMLInputElement).click();
    (document.getElementById("export-go") as HTMLButtonElement).click();
    expect(await asked).toEqual({ format: "pdf", draft: false, chapters: null, appendix: { kind: "indicators" } });
  });

  it("offers the glossary appendix", async () => {
    const asked = exportDialog(outline, null);
    (document.querySelector("input[name=export-what][value=glossary]") as HTMLInputElement).click();
    expect((document.querySelector("#export-dialog .export-actions") as HTMLFieldSetElement).hidden).toBe(true);
    (document.getElementById("export-go") as HTMLButtonElement).click();
    expect(await asked).toEqual({ format: "pdf", draft: false, chapters: null, appendix: { kind: "glossary" } });
  });

  it("names the plan's logo, which is set in Properties", async () => {
    const asked = exportDialog(outline, "crest.png");
    expect(document.getElementById("export-logo-name")!.textContent).toBe("crest.png");
    (document.getElementById("export-go") as HTMLButtonElement).click();
    expect(await asked).toEqual({ format: "pdf", draft: false, chapters: null, appendix: null });
    void exportDialog(outline, null);
    expect(document.getElementById("export-logo-name")!.textContent).toBe("None");
    (document.getElementById("export-cancel") as HTMLButtonElement).click();
  });
});
