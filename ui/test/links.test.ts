import { afterEach, describe, expect, it } from "vitest";
import { Editor } from "@tiptap/core";
import { schemaExtensions, editableDoc, linkAllowed } from "../src/schema";
import { cleanPastedHtml } from "../src/paste";

type Json = { type?: string; attrs?: Record<string, unknown>; text?: string; marks?: Json[]; content?: Json[] };

const editors: Editor[] = [];
afterEach(() => {
  editors.splice(0).forEach((e) => e.destroy());
});

function editorWith(content: object): Editor {
  const ed = new Editor({ extensions: schemaExtensions(), content });
  editors.push(ed);
  return ed;
}

/** Each text of the first paragraph with the address it links to, if any. */
function links(ed: Editor): [string | undefined, unknown][] {
  const p = (ed.getJSON() as Json).content?.[0];
  return (p?.content ?? []).map((t) => [t.text, t.marks?.find((m) => m.type === "link")?.attrs?.href]);
}

const para = (text: string) => ({ type: "paragraph", attrs: { numbered: false }, content: [{ type: "text", text }] });

describe("links", () => {
  // The same cases as the core's schema test (src/model/prosemirror.rs).
  const allowed = [
    "https://example.org/a?b=c#d",
    "http://example.org",
    "HTTPS://EXAMPLE.ORG",
    "mailto:cyp@example.gov.uk",
  ];
  const refused = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "file:///etc/passwd",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:x",
    "/relative/path",
    "#_Toc123",
    "https://example.org/\u0000x",
    "tel:0116",
    "ftp://example.org",
  ];

  it("go only to web and e-mail addresses, as the core allows", () => {
    for (const href of allowed) expect(linkAllowed(href), href).toBe(true);
    for (const href of refused) expect(linkAllowed(href), href).toBe(false);
  });

  it("to a script, a file or data are dropped from pasted HTML, their text kept", () => {
    const ed = editorWith({ type: "doc", content: [para("x")] });
    ed.commands.setContent(
      cleanPastedHtml(
        '<p><a href="javascript:alert(1)">a</a> <a href="file:///etc/passwd">b</a> <a href="data:text/html,x">c</a> ' +
          '<a href="#_Toc1">d</a> <a href="https://example.org/">e</a> <a href="mailto:x@example.org">f</a></p>',
      ),
    );
    expect(links(ed)).toEqual([
      ["a b c d ", undefined],
      ["e", "https://example.org/"],
      [" ", undefined],
      ["f", "mailto:x@example.org"],
    ]);
  });

  it("cannot be set to a script, a file or a place in another document", () => {
    const ed = editorWith({ type: "doc", content: [para("click")] });
    ed.commands.selectAll();
    for (const href of ["javascript:alert(1)", "#_Toc1", "file:///C:/x.doc"])
      expect(ed.commands.setLink({ href }), href).toBe(false);
    expect(ed.commands.setLink({ href: "https://example.org" })).toBe(true);
    expect(links(ed)).toEqual([["click", "https://example.org"]]);
  });

  it("are made by pasting an allowed address over selected text, and only then", () => {
    const ed = editorWith({ type: "doc", content: [para("our strategy")] });
    const paste = (text: string) =>
      ed.view.someProp("handlePaste", (f) =>
        f(ed.view, { clipboardData: { getData: () => text } } as unknown as ClipboardEvent, ed.state.doc.slice(0, 0)),
      ) ?? false;
    // Nothing selected: the address is pasted as text, by the editor.
    ed.commands.setTextSelection(1);
    expect(paste("https://example.org")).toBe(false);
    ed.commands.setTextSelection({ from: 5, to: 13 });
    expect(paste("javascript:alert(1)")).toBe(false);
    expect(paste("see https://example.org")).toBe(false);
    expect(links(ed)).toEqual([["our strategy", undefined]]);
    expect(paste(" https://example.org/plan ")).toBe(true);
    expect(links(ed)).toEqual([
      ["our ", undefined],
      ["strategy", "https://example.org/plan"],
    ]);
  });

  it("a section holds from before are dropped when it opens, so it saves again", () => {
    const stored = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          attrs: { numbered: false },
          content: [
            {
              type: "text",
              text: "run",
              marks: [{ type: "bold" }, { type: "link", attrs: { href: "javascript:alert(1)" } }],
            },
            { type: "text", text: " web", marks: [{ type: "link", attrs: { href: "https://example.org" } }] },
          ],
        },
      ],
    };
    const ed = editorWith(editableDoc(stored));
    expect(links(ed)).toEqual([
      ["run", undefined],
      [" web", "https://example.org"],
    ]);
    expect((ed.getJSON() as Json).content?.[0].content?.[0].marks).toEqual([{ type: "bold" }]);
    const clean = { type: "doc", content: [para("no links")] };
    expect(editableDoc(clean)).toBe(clean);
  });
});

describe("pasted table cells", () => {
  it("span at most the table's columns and rows", () => {
    // A span of four billion made the editor's table map stop the page.
    const html = cleanPastedHtml(
      '<table><tr><td colspan="4294967295"><p>wide</p></td><td><p>b</p></td></tr>' +
        '<tr><td colspan="2" rowspan="100"><p>two</p></td></tr></table>',
    );
    expect(html).toContain('<td colspan="2"><p>wide</p></td>');
    expect(html).toContain('<td colspan="2" rowspan="1"><p>two</p></td>');
    const ed = editorWith({ type: "doc", content: [para("x")] });
    ed.commands.setContent(html);
    const cells = ((ed.getJSON() as Json).content?.[0].content ?? []).flatMap((r) => r.content ?? []);
    expect(cells.slice(0, 3).map((c) => c.content?.[0].content?.[0].text)).toEqual(["wide", "b", "two"]);
    expect(cells.length).toBeLessThanOrEqual(4);
  });
});
