import { afterEach, describe, expect, it } from "vitest";
import { ReportField } from "../src/reportEditor";

const para = (text: string, numbered = false) => ({
  type: "paragraph",
  attrs: { numbered },
  content: [{ type: "text", text }],
});

const open: ReportField[] = [];
afterEach(() => {
  for (const f of open.splice(0)) f.destroy();
  document.body.replaceChildren();
});

function field(content: unknown, events: string[] = []) {
  const mount = document.createElement("div");
  document.body.append(mount);
  const f = new ReportField(mount, content, "Background: text", {
    onChange: () => events.push("change"),
    onBlur: () => events.push("blur"),
  });
  open.push(f);
  return f;
}

describe("a report section's field", () => {
  it("holds the section's blocks, numbered paragraphs kept, and says when they change", () => {
    const events: string[] = [];
    const f = field({ type: "doc", content: [para("The plan is ready.", true)] }, events);
    expect(f.doc()).toEqual({ type: "doc", content: [para("The plan is ready.", true)] });
    f.editor.commands.insertContentAt(f.editor.state.doc.content.size, para("More."));
    expect(events).toEqual(["change"]);
    expect((f.doc() as { content: unknown[] }).content).toHaveLength(2);
  });

  it("opens an empty section and gives back no blocks for a field with no text, which the core counts as empty", () => {
    const f = field({ type: "doc", content: [] });
    expect(f.editor.getText()).toBe("");
    expect(f.doc()).toEqual({ type: "doc", content: [] });
    f.editor.commands.setContent({ type: "doc", content: [para("Words")] });
    f.editor.commands.clearContent();
    expect(f.doc()).toEqual({ type: "doc", content: [] });
  });

  it("labels its text and its toolbar with the section's name", () => {
    const f = field({ type: "doc", content: [] });
    expect(document.querySelector(".ProseMirror")?.getAttribute("aria-label")).toBe("Background: text");
    const bar = f.toolbar("Background");
    expect(bar.getAttribute("aria-label")).toBe("Formatting: Background");
    const bullets = [...bar.querySelectorAll("button")].find((b) => b.textContent === "• List");
    bullets?.click();
    expect(f.editor.isActive("bulletList")).toBe(true);
  });
});
