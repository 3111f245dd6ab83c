// The section editor: TipTap on the closed schema, a toolbar, paragraph
// numbers in the margin, live data blocks, word count and autosave.

import { Editor } from "@tiptap/core";
import { api, asAppError } from "./api";
import { nextLabel, numbering, refreshNumbers } from "./numbering";
import { buttonMaker, chainOn } from "./toolbar";
import { Autosaver, describe, type SaveState } from "./autosave";
import { choiceDialog, h, promptDialog, promptOptionalDialog } from "./dom";
import { cleanPastedHtml } from "./paste";
import { schemaExtensions, editableDoc, DataBlock, Figure, CALLOUT_KINDS, CALLOUT_LABELS } from "./schema";
import type { SectionView } from "./bindings/SectionView";
import type { ActionView } from "./bindings/ActionView";
import type { Indicator } from "./bindings/Indicator";

export function countWords(text: string): number {
  const t = text.trim();
  return t ? t.split(/\s+/).length : 0;
}

/** An indicator's trend chart, drawn by the core as exports draw it. */
async function renderChart(dom: HTMLElement, code: string) {
  const caption = h("div", { class: "data-caption" }, `Chart of ${code} (live from the indicator's figures)`);
  try {
    const svg = await api.indicatorChart(code);
    if (svg === null) {
      dom.replaceChildren(
        caption,
        h("p", { class: "muted" }, `${code} has no figures yet: record them in Indicators.`),
      );
      return;
    }
    // Parsed as SVG, never as HTML: the core escapes the plan's text in it.
    const parsed = new DOMParser().parseFromString(svg, "image/svg+xml").documentElement;
    dom.replaceChildren(caption, document.importNode(parsed, true));
  } catch (e) {
    dom.replaceChildren(caption, h("p", { class: "field-error" }, asAppError(e).message));
  }
}

/** A live table of actions or indicators inside the text. */
const LiveDataBlock = DataBlock.extend({
  addNodeView() {
    return ({ node }) => {
      const dom = h("div", { class: "data-block", contenteditable: "false", "data-source": node.attrs.source });
      void renderData(dom, node.attrs.source, node.attrs.filter ?? {});
      return { dom };
    };
  },
});

async function renderData(dom: HTMLElement, source: string, filter: Record<string, unknown>) {
  if (source === "indicator_chart") return renderChart(dom, String(filter.code ?? ""));
  const caption = h(
    "div",
    { class: "data-caption" },
    source === "actions" ? "Actions (live from the plan's actions)" : "Indicators (live from the plan's indicators)",
  );
  try {
    if (source === "actions") {
      const rows: ActionView[] = await api.actions(filter);
      dom.replaceChildren(
        caption,
        h(
          "table",
          {},
          h("thead", {}, h("tr", {}, h("th", {}, "Activity"), h("th", {}, "Responsibility"), h("th", {}, "By"))),
          h(
            "tbody",
            {},
            rows.length === 0
              ? h("tr", {}, h("td", { colspan: 3 }, "No actions match."))
              : rows.map((a) =>
                  h(
                    "tr",
                    {},
                    h("td", {}, a.activity),
                    h("td", {}, [a.lead_organisation_name, a.lead_person_name].filter(Boolean).join(". ")),
                    h("td", {}, a.end ?? ""),
                  ),
                ),
          ),
        ),
      );
    } else {
      const rows: Indicator[] = await api.indicators(filter);
      dom.replaceChildren(
        caption,
        h(
          "table",
          {},
          h("thead", {}, h("tr", {}, h("th", {}, "Code"), h("th", {}, "Indicator"), h("th", {}, "Targets"))),
          h(
            "tbody",
            {},
            rows.map((i) =>
              h(
                "tr",
                {},
                h("td", {}, i.code),
                h("td", {}, i.title),
                h("td", {}, i.targets.map((t) => `${t.year}: ${t.value}${i.unit ?? ""}`).join(", ")),
              ),
            ),
          ),
        ),
      );
    }
  } catch (e) {
    dom.replaceChildren(
      caption,
      h("p", { class: "error" }, `Could not show the table: ${(e as { message?: string }).message ?? e}`),
    );
  }
}

/** A figure with its alt text and caption edited in place. */
const EditableFigure = Figure.extend({
  addNodeView() {
    return ({ node, getPos, editor }) => {
      const set = (attr: string, value: string) => {
        const pos = getPos();
        if (typeof pos !== "number") return;
        editor
          .chain()
          .command(({ tr }) => {
            tr.setNodeAttribute(pos, attr, value.trim() || null);
            return true;
          })
          .run();
      };
      const alt = h("input", {
        type: "text",
        value: node.attrs.alt ?? "",
        "aria-label": "Alt text (required)",
        placeholder: "Describe the image (required)",
        class: node.attrs.alt ? "" : "invalid",
      });
      const caption = h("input", {
        type: "text",
        value: node.attrs.caption ?? "",
        "aria-label": "Caption",
        placeholder: "Caption",
      });
      alt.addEventListener("change", () => set("alt", alt.value));
      caption.addEventListener("change", () => set("caption", caption.value));
      const img = h("img", { class: "figure-image", alt: node.attrs.alt ?? "" });
      if (node.attrs.asset)
        void api.assetUrl(node.attrs.asset).then(
          (url) => {
            if (url) img.src = url;
          },
          () => undefined,
        );
      alt.addEventListener("input", () => {
        img.alt = alt.value;
        alt.classList.toggle("invalid", !alt.value.trim());
      });
      const dom = h(
        "figure",
        { class: "figure", contenteditable: "false" },
        img,
        h("label", {}, "Alt text ", alt),
        h("label", {}, "Caption ", caption),
      );
      return { dom, stopEvent: (e: Event) => e.target === alt || e.target === caption, ignoreMutation: () => true };
    };
  },
});

export interface SectionEditorHost {
  /** Called with the section's word count when it changes. */
  onWords(words: number): void;
  onSaveState(s: SaveState): void;
}

export class SectionEditor {
  readonly editor: Editor;
  // Holds how to get the document, not the document: serialising a long
  // section on every keystroke would cost more than the keystroke itself.
  readonly saver: Autosaver<() => unknown>;
  private wordsTimer: ReturnType<typeof setTimeout> | null = null;
  /** Problems the toolbar reports: a figure that could not be added, a conflict. */
  private readonly problem = h("span", { class: "error small", role: "alert", id: "toolbar-error" });
  private labels: string[];
  private closing: Promise<void> | null = null;

  constructor(
    mount: HTMLElement,
    private view: SectionView,
    host: SectionEditorHost,
  ) {
    this.labels = view.labels.filter((l): l is string => l !== null);
    this.saver = new Autosaver<() => unknown>(
      async (produce) => {
        const doc = produce();
        let saved: SectionView;
        try {
          saved = await api.sectionSave(this.view.section.id, doc, this.view.version);
        } catch (e) {
          if (asAppError(e).code !== "conflict") throw e;
          // Someone else saved this section first: show theirs, with this
          // edit kept in a box at the end, and say so.
          saved = await api.sectionRecover(this.view.section.id, doc);
          if (!this.editor.isDestroyed) this.editor.commands.setContent(editableDoc(saved.doc), { emitUpdate: false });
          this.problem.textContent = `${asAppError(e).message}. Your edit is kept in the box at the end of the section.`;
        }
        this.view = saved;
        this.labels = saved.labels.filter((l): l is string => l !== null);
        if (!this.editor.isDestroyed) refreshNumbers(this.editor);
      },
      (s) => host.onSaveState(s),
    );

    const extensions = schemaExtensions().filter((e) => e.name !== "dataBlock" && e.name !== "figure");
    this.editor = new Editor({
      element: mount,
      extensions: [...extensions, LiveDataBlock, EditableFigure, numbering(() => this.labels)],
      content: editableDoc(view.doc),
      editorProps: {
        attributes: {
          class: "prose",
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": "Section text",
          spellcheck: "true",
        },
        transformPastedHTML: cleanPastedHtml,
      },
      onUpdate: ({ editor }) => {
        this.saver.edit(() => editor.getJSON());
        // The count follows typing a moment later, not on every key.
        this.wordsTimer ??= setTimeout(() => {
          this.wordsTimer = null;
          if (!editor.isDestroyed) host.onWords(countWords(editor.getText({ blockSeparator: " " })));
        }, 300);
      },
      onBlur: () => void this.saver.flush(),
    });
    host.onWords(view.words);
  }

  /** The section it edits. */
  get sectionId(): number {
    return this.view.section.id;
  }

  /** Saves what it holds and closes; the same promise however often it is
   * called (the window closing and the view going can both ask). */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.saver.flush();
      if (this.wordsTimer) clearTimeout(this.wordsTimer);
      this.editor.destroy();
    })();
    return this.closing;
  }

  /** Shows the `nth` (from 0) occurrence of `text` in top-level block
   * `block`: selected, scrolled to and highlighted, without taking the
   * focus (typing stays where it was). False if it is not in that block's
   * text. */
  reveal(block: number, text: string, nth: number): boolean {
    const doc = this.editor.state.doc;
    if (block >= doc.childCount || text === "") return false;
    let start = 0;
    for (let i = 0; i < block; i++) start += doc.child(i).nodeSize;
    let seen = 0;
    let found = -1;
    doc.child(block).descendants((node, pos) => {
      if (found >= 0) return false;
      if (!node.isText || !node.text) return true;
      for (let at = node.text.indexOf(text); at >= 0; at = node.text.indexOf(text, at + text.length)) {
        if (seen++ === nth) {
          found = start + 1 + pos + at;
          break;
        }
      }
      return false;
    });
    if (found < 0) return false;
    const [from, to] = [found, found + text.length];
    this.editor.chain().setTextSelection({ from, to }).scrollIntoView().run();
    // The selection shows only in a focused editor; a highlight shows anyway.
    const a = this.editor.view.domAtPos(from);
    const b = this.editor.view.domAtPos(to);
    const range = document.createRange();
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset);
    CSS.highlights?.set("find-match", new Highlight(range));
    return true;
  }

  toolbar(): HTMLElement {
    const ed = this.editor;
    const btn = buttonMaker(ed);
    const problem = this.problem;
    const c = chainOn(ed);
    return h(
      "div",
      { class: "toolbar", role: "toolbar", "aria-label": "Formatting" },
      btn(
        "B",
        "Bold (Ctrl+B)",
        () => c().toggleBold().run(),
        () => ed.isActive("bold"),
      ),
      btn(
        "I",
        "Italic (Ctrl+I)",
        () => c().toggleItalic().run(),
        () => ed.isActive("italic"),
      ),
      h("span", { class: "sep" }),
      btn(
        "H1",
        "Heading 1 (Ctrl+Alt+1)",
        () => c().toggleHeading({ level: 1 }).run(),
        () => ed.isActive("heading", { level: 1 }),
      ),
      btn(
        "H2",
        "Heading 2 (Ctrl+Alt+2)",
        () => c().toggleHeading({ level: 2 }).run(),
        () => ed.isActive("heading", { level: 2 }),
      ),
      btn(
        "H3",
        "Heading 3 (Ctrl+Alt+3)",
        () => c().toggleHeading({ level: 3 }).run(),
        () => ed.isActive("heading", { level: 3 }),
      ),
      btn(
        "¶#",
        "Numbered paragraph",
        () => {
          const on = ed.getAttributes("paragraph").numbered;
          c().setParagraph().updateAttributes("paragraph", { numbered: !on }).run();
        },
        () => ed.isActive("paragraph", { numbered: true }),
      ),
      h("span", { class: "sep" }),
      btn(
        "• List",
        "Bulleted list (Ctrl+Shift+8)",
        () => c().toggleBulletList().run(),
        () => ed.isActive("bulletList"),
      ),
      btn(
        "1. List",
        "Numbered list (Ctrl+Shift+7)",
        () => c().toggleOrderedList().run(),
        () => ed.isActive("orderedList"),
      ),
      btn(
        "❝ Quote",
        "Quote",
        async () => {
          if (ed.isActive("blockquote")) {
            c().lift("blockquote").run();
            return;
          }
          const who = await promptDialog("Who said it? (attribution, optional)");
          c().wrapIn("blockquote", { attribution: who }).run();
        },
        () => ed.isActive("blockquote"),
      ),
      btn("Box", "Callout box: case study, next steps or information", async () => {
        const kind = await choiceDialog(
          "Kind of box",
          CALLOUT_KINDS.map((k) => [k, CALLOUT_LABELS[k]]),
          "case_study",
        );
        if (!kind) return;
        const title = await promptDialog("Title of the box (optional)");
        c().wrapIn("callout", { kind, title }).run();
      }),
      btn("Table", "Insert a table with a header row", () =>
        c().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
      ),
      btn("Caption", "Caption of the table the cursor is in", async () => {
        if (!ed.isActive("table")) {
          problem.textContent = "Put the cursor in a table to give it a caption.";
          return;
        }
        problem.textContent = "";
        const caption = await promptOptionalDialog(
          "Table caption (empty for none)",
          ed.getAttributes("table").caption ?? "",
        );
        if (caption !== null)
          c()
            .updateAttributes("table", { caption: caption || null })
            .run();
      }),
      btn("Figure", "Insert a figure (alt text required)", async () => {
        try {
          const file = await api.chooseFile("figure");
          if (file === null) return;
          const asset = await api.assetImport(file);
          problem.textContent = "";
          c()
            .insertContent({ type: "figure", attrs: { asset, alt: null } })
            .run();
        } catch (e) {
          problem.textContent = (e as { message?: string }).message ?? String(e);
        }
      }),
      btn("Footnote", "Insert a footnote", () => {
        const id = `fn${Date.now().toString(36)}`;
        c()
          .insertContent([{ type: "text", text: "*", marks: [{ type: "footnoteRef", attrs: { id } }] }])
          .run();
        const end = ed.state.doc.content.size;
        ed.chain()
          .insertContentAt(end, { type: "footnote", attrs: { id }, content: [{ type: "text", text: "Footnote text" }] })
          .run();
      }),
      btn("Page break", "Insert a page break", () => c().insertContent({ type: "pageBreak" }).run()),
      btn("Actions table", "Insert a live table of the plan's actions", () =>
        c()
          .insertContent({ type: "dataBlock", attrs: { source: "actions", filter: {} } })
          .run(),
      ),
      btn("Indicators table", "Insert a live table of the plan's indicators", () =>
        c()
          .insertContent({ type: "dataBlock", attrs: { source: "indicators", filter: {} } })
          .run(),
      ),
      btn("Indicator chart", "Insert a live chart of one indicator's baseline, targets and actuals", async () => {
        const list = await api.indicators({});
        if (list.length === 0) {
          problem.textContent = "The plan has no indicators yet: add them in Indicators, then chart one.";
          return;
        }
        problem.textContent = "";
        const code = await choiceDialog(
          "Chart of indicator",
          list.map((i) => [i.code, `${i.code} ${i.title}`]),
        );
        if (!code) return;
        c()
          .insertContent({ type: "dataBlock", attrs: { source: "indicator_chart", filter: { code } } })
          .run();
      }),
      h("span", { class: "sep" }),
      btn("↶", "Undo (Ctrl+Z)", () => c().undo().run()),
      btn("↷", "Redo (Ctrl+Y)", () => c().redo().run()),
      problem,
    );
  }
}

export { describe };

export { nextLabel };
