import { afterEach, describe, expect, it } from "vitest";
import { Editor } from "@tiptap/core";
import { schemaExtensions, editableDoc, CORE_MARKS, CORE_NODES } from "../src/schema";
import { cleanPastedHtml } from "../src/paste";
import { Autosaver, describe as describeState, type SaveState } from "../src/autosave";
import { countWords, nextLabel } from "../src/editor";

// Editor JSON, loosely typed for digging into nested content in assertions.
type Json = { type?: string; attrs?: Record<string, unknown>; text?: string; marks?: Json[]; content?: Json[] };

// Every editor a test makes is destroyed after it, so that none of
// ProseMirror's DOM-observer timers fires once the test DOM is gone.
const editors: Editor[] = [];
afterEach(() => {
  editors.splice(0).forEach((e) => e.destroy());
});

function editorWith(content: object): Editor {
  const ed = new Editor({ extensions: schemaExtensions(), content });
  editors.push(ed);
  return ed;
}

const para = (text: string, numbered = false) => ({
  type: "paragraph",
  attrs: { numbered },
  content: [{ type: "text", text }],
});

describe("the editor schema", () => {
  it("keeps a table's caption through HTML, as copy and paste carry it", () => {
    const ed = editorWith({
      type: "doc",
      content: [
        {
          type: "table",
          attrs: { caption: "Targets 2008/09" },
          content: [
            {
              type: "tableRow",
              content: [{ type: "tableHeader", attrs: { colspan: 1, rowspan: 1 }, content: [para("Code")] }],
            },
          ],
        },
      ],
    });
    const html = ed.getHTML();
    expect(html).toContain('data-caption="Targets 2008/09"');
    const again = editorWith({ type: "doc", content: [para("x")] });
    again.commands.setContent(html);
    expect((again.getJSON() as Json).content?.[0]?.attrs?.caption).toBe("Targets 2008/09");
    // A table pasted from Word brings its <caption> element, cleaned.
    again.commands.setContent(
      cleanPastedHtml(
        '<table class="MsoTableGrid"><caption style="mso-x: 1"> Budget </caption><tr><th><p>Item</p></th></tr></table>',
      ),
    );
    expect((again.getJSON() as Json).content?.[0]?.attrs?.caption).toBe("Budget");
  });

  it("opens an empty section as one empty paragraph, so commands apply", () => {
    const ed = editorWith(editableDoc({ type: "doc" }));
    expect(ed.state.doc.check()).toBeUndefined();
    expect(ed.commands.insertContent({ type: "pageBreak" })).toBe(true);
    expect((ed.getJSON() as Json).content?.[0]?.type).toBe("pageBreak");
    const full = { type: "doc", content: [para("kept")] };
    expect(editableDoc(full)).toBe(full);
  });

  it("has exactly the core's node and mark names", () => {
    const ed = editorWith({ type: "doc", content: [para("x")] });
    expect(Object.keys(ed.schema.nodes).sort()).toEqual([...CORE_NODES].sort());
    expect(Object.keys(ed.schema.marks).sort()).toEqual([...CORE_MARKS].sort());
  });

  it("round-trips every block kind as the core writes it", () => {
    // The form src/model/prosemirror.rs writes (block_to_json).
    const doc = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Being healthy" }] },
        para("Every child matters.", true),
        {
          type: "paragraph",
          attrs: { numbered: false },
          content: [
            { type: "text", text: "Voice", marks: [{ type: "bold" }, { type: "italic" }] },
            { type: "text", text: "*", marks: [{ type: "footnoteRef", attrs: { id: "f1" } }] },
            { type: "hardBreak" },
            { type: "text", text: "link", marks: [{ type: "link", attrs: { href: "https://example.org" } }] },
          ],
        },
        {
          type: "bulletList",
          content: [
            {
              type: "listItem",
              content: [
                para("one"),
                {
                  type: "orderedList",
                  attrs: { start: 3 },
                  content: [{ type: "listItem", content: [para("nested")] }],
                },
              ],
            },
          ],
        },
        {
          type: "blockquote",
          attrs: { attribution: "Young person, Loughborough" },
          content: [para("We want somewhere to go.")],
        },
        {
          type: "callout",
          attrs: { kind: "next_steps", title: "What we will do next" },
          content: [para("Publish a play strategy.")],
        },
        {
          type: "table",
          attrs: { caption: "Targets" },
          content: [
            {
              type: "tableRow",
              content: [{ type: "tableHeader", attrs: { colspan: 1, rowspan: 1 }, content: [para("Code")] }],
            },
            {
              type: "tableRow",
              content: [{ type: "tableCell", attrs: { colspan: 1, rowspan: 1 }, content: [para("NI 117")] }],
            },
          ],
        },
        { type: "figure", attrs: { asset: "map.png", alt: "Map of the county", caption: "Districts" } },
        { type: "footnote", attrs: { id: "f1" }, content: [{ type: "text", text: "Source: DCSF." }] },
        { type: "pageBreak" },
        { type: "dataBlock", attrs: { source: "actions", filter: { framework: "dcsf_objectives", item: "2" } } },
      ],
    };
    const out = editorWith(doc).getJSON() as Json;
    expect(out.content?.map((n) => n.type)).toEqual(doc.content.map((n) => n.type));
    expect(out.content?.[1]).toEqual(para("Every child matters.", true));
    expect(out.content?.[4].attrs).toEqual({ attribution: "Young person, Loughborough" });
    expect(out.content?.[5].attrs).toEqual({ kind: "next_steps", title: "What we will do next" });
    expect(out.content?.[6].attrs?.caption).toEqual("Targets");
    expect(out.content?.[6].content?.[0].content?.[0].type).toEqual("tableHeader");
    expect(out.content?.[7].attrs).toEqual({ asset: "map.png", alt: "Map of the county", caption: "Districts" });
    expect(out.content?.[8]).toEqual(doc.content[8]);
    expect(out.content?.[10].attrs).toEqual({ source: "actions", filter: { framework: "dcsf_objectives", item: "2" } });
    const marks = out.content?.[2].content?.map((i) => i.marks?.map((m) => m.type) ?? []);
    expect(marks).toEqual([["bold", "italic"], ["footnoteRef"], [], ["link"]]);
  });

  it("cannot put a heading inside a table cell or a quote", () => {
    const { nodes } = editorWith({ type: "doc", content: [para("x")] }).schema;
    for (const container of ["blockquote", "tableCell", "tableHeader", "listItem", "callout"]) {
      expect(nodes[container].contentMatch.matchType(nodes.heading), container).toBeNull();
      expect(nodes[container].contentMatch.matchType(nodes.table), container).toBeNull();
    }
    expect(nodes.blockquote.contentMatch.matchType(nodes.paragraph)).not.toBeNull();
  });

  it("keeps only known marks from pasted HTML", () => {
    const ed = editorWith({ type: "doc", content: [para("x")] });
    ed.commands.setContent(cleanPastedHtml("<p><s>struck</s> <u>under</u> <b>bold</b></p>"));
    const json = JSON.stringify(ed.getJSON());
    expect(json).not.toMatch(/strike|underline/);
    expect(json).toContain('"bold"');
  });
});

describe("paste from Word", () => {
  const word = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{}</style></head><body>
    <!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]-->
    <h1 class=MsoTitle style='color:red'>Being Healthy<o:p></o:p></h1>
    <p class=MsoNormal><span style='font-weight:bold'>Bold</span> and <i>italic</i> <span style='font-family:Wingdings'>text</span></p>
    <p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>·<span>&nbsp;</span></span>First</p>
    <p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>·<span>&nbsp;</span></span>Second</p>
    <table class=MsoTableGrid border=1><tr><td width=100 style='border:solid'><p>Cell</p></td></tr></table>
    <img src="file:///C:/image001.png"></body></html>`;

  it("keeps headings, lists, bold/italic and tables; drops the rest", () => {
    const clean = cleanPastedHtml(word);
    expect(clean).not.toMatch(/Mso|style=|class=|<img|o:p|xml|Wingdings/);
    const ed = editorWith({ type: "doc", content: [para("x")] });
    ed.commands.setContent(clean);
    // (the editor keeps an empty paragraph after a final table so one can type there)
    const types = ed
      .getJSON()
      .content?.map((n) => n.type)
      .slice(0, 4);
    expect(types).toEqual(["heading", "paragraph", "bulletList", "table"]);
    const list = (ed.getJSON() as Json).content?.[2];
    expect(list?.content?.map((li) => li.content?.[0].content?.[0].text)).toEqual(["First", "Second"]);
    const marks = ed.getJSON().content?.[1].content?.map((i) => i.marks?.[0]?.type ?? null);
    expect(marks?.slice(0, 3)).toEqual(["bold", null, "italic"]);
  });
});

describe("autosave", () => {
  it("says Saved only once the last edit is stored", async () => {
    const saved: string[] = [];
    const states: string[] = [];
    let release: () => void = () => undefined;
    const saver = new Autosaver<string>(
      (v) =>
        new Promise<void>((r) => {
          release = () => {
            saved.push(v);
            r();
          };
        }),
      (s: SaveState) => states.push(describeState(s)),
      10,
    );
    saver.edit("a");
    saver.edit("ab");
    const flushing = saver.flush();
    expect(states.at(-1)).toBe("Saving…");
    release();
    await flushing;
    expect(saved).toEqual(["ab"]);
    expect(states.at(-1)).toBe("Saved");
  });

  it("reports why a save failed and keeps the edit to retry", async () => {
    let fail = true;
    const saved: string[] = [];
    const states: string[] = [];
    const saver = new Autosaver<string>(
      async (v) => {
        if (fail) throw { code: "invalid_content", message: "block 2: figure has no alt text" };
        saved.push(v);
      },
      (s) => states.push(describeState(s)),
      10,
    );
    saver.edit("x");
    await saver.flush();
    expect(states.at(-1)).toBe("Not saved: block 2: figure has no alt text");
    fail = false;
    await saver.flush();
    expect(saved).toEqual(["x"]);
    expect(states.at(-1)).toBe("Saved");
  });
});

describe("counts and numbers", () => {
  it("counts words and continues paragraph numbers", () => {
    expect(countWords("  Voice, choice,  safety\nand fulfilment ")).toBe(5);
    expect(countWords("")).toBe(0);
    expect(nextLabel("3.9")).toBe("3.10");
    expect(nextLabel("17")).toBe("18");
    expect(nextLabel("16.")).toBe("17.");
  });
});
