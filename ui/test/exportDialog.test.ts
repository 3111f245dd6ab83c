import { describe, expect, it } from "vitest";
import { chosenChapters, exportDialog } from "../src/exportDialog";
import type { OutlineChapter } from "../src/bindings/OutlineChapter";

// jsdom may lack modal dialogs; the dialog only needs them to open and close.
const proto = HTMLDialogElement.prototype as unknown as Record<string, unknown>;
proto.showModal ??= function (this: HTMLDialogElement) { this.setAttribute("open", ""); };
proto.close ??= function (this: HTMLDialogElement) { this.removeAttribute("open"); };

function chapter(id: number, title: string, number: number | null): OutlineChapter {
  return { chapter: { id, title, position: id, numbered: number !== null }, number, sections: [] } as unknown as OutlineChapter;
}

const outline = [chapter(1, "Welcome", null), chapter(2, "Summary", 1), chapter(3, "Being Healthy", 2)];
const noLogo = { logo: null, pick: async () => null };

describe("export dialog", () => {
  it("asks for the whole plan only when every chapter is ticked", () => {
    const box = (checked: boolean) => ({ checked });
    expect(chosenChapters([box(true), box(true), box(true)])).toBeNull();
    expect(chosenChapters([box(false), box(true), box(true)])).toEqual([2, 3]);
    expect(chosenChapters([box(false), box(false)])).toEqual([]);
  });

  it("lists the chapters by number and gives the ticked ones and the version", async () => {
    const asked = exportDialog(outline, noLogo);
    const labels = [...document.querySelectorAll("#export-dialog .export-chapters li")].map((l) => l.textContent);
    expect(labels).toEqual(["Welcome", "1 Summary", "2 Being Healthy"]);
    (document.querySelector("input[value=draft]") as HTMLInputElement).click();
    (document.getElementById("export-chapter-1") as HTMLInputElement).click();
    const all = document.getElementById("export-all") as HTMLInputElement;
    expect(all.checked).toBe(false);
    expect(all.indeterminate).toBe(true);
    (document.getElementById("export-go") as HTMLButtonElement).click();
    expect(await asked).toEqual({ draft: true, chapters: [2, 3], logo: null });
    expect(document.getElementById("export-dialog")).toBeNull();
  });

  it("will not export nothing", async () => {
    const asked = exportDialog(outline, noLogo);
    const all = document.getElementById("export-all") as HTMLInputElement;
    all.click();
    const go = document.getElementById("export-go") as HTMLButtonElement;
    expect(go.disabled).toBe(true);
    expect(document.getElementById("export-hint")!.textContent).toBe("Pick at least one chapter.");
    all.click();
    expect(go.disabled).toBe(false);
    go.click();
    expect(await asked).toEqual({ draft: false, chapters: null, logo: null });
  });

  it("offers the last logo, and lets it be changed or removed", async () => {
    const picks = ["/home/me/crest.png"];
    let asked = exportDialog(outline, { logo: "/home/me/old logo.jpg", pick: async () => picks.shift() ?? null });
    const name = () => document.getElementById("export-logo-name")!.textContent;
    expect(name()).toBe("old logo.jpg");
    (document.getElementById("export-logo-choose") as HTMLButtonElement).click();
    await Promise.resolve(); await Promise.resolve();
    expect(name()).toBe("crest.png");
    (document.getElementById("export-go") as HTMLButtonElement).click();
    expect((await asked)?.logo).toBe("/home/me/crest.png");

    asked = exportDialog(outline, { logo: "/home/me/crest.png", pick: async () => null });
    const remove = document.getElementById("export-logo-remove") as HTMLButtonElement;
    remove.click();
    expect(name()).toBe("None");
    expect(remove.disabled).toBe(true);
    (document.getElementById("export-go") as HTMLButtonElement).click();
    expect((await asked)?.logo).toBeNull();
  });
});
