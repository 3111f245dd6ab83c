// One section of a committee report as an editor field: TipTap on the
// plan's closed schema (so numbered paragraphs, lists and the rest are the
// same blocks as in the plan's sections), with a small toolbar. Saving is
// the report's: the field only says when it changed and when it was left.

import { Editor } from "@tiptap/core";
import { h } from "./dom";
import { cleanPastedHtml } from "./paste";
import { numbering, refreshNumbers } from "./numbering";
import { buttonMaker, chainOn } from "./toolbar";
import { editableDoc, schemaExtensions } from "./schema";

export interface FieldHost {
  /** The text changed. */
  onChange(): void;
  /** The field lost the focus: a moment to save. */
  onBlur(): void;
}

export class ReportField {
  readonly editor: Editor;
  /** The numbers of the numbered paragraphs, as the report's template
   * numbers them (from the core, after each save). */
  private labels: string[] = [];

  constructor(mount: HTMLElement, content: unknown, label: string, host: FieldHost) {
    this.editor = new Editor({
      element: mount,
      extensions: [...schemaExtensions(), numbering(() => this.labels)],
      content: editableDoc(content),
      editorProps: {
        attributes: {
          class: "prose report-prose",
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": label,
          spellcheck: "true",
        },
        transformPastedHTML: cleanPastedHtml,
      },
      onUpdate: () => host.onChange(),
      onBlur: () => host.onBlur(),
    });
  }

  /** The document as the report keeps it: a field with no text is a
   * section with no blocks, which the core counts as empty. */
  doc(): unknown {
    if (this.editor.isEmpty) return { type: "doc", content: [] };
    return this.editor.getJSON();
  }

  /** Shows `labels` beside the numbered paragraphs. */
  setNumbers(labels: string[]): void {
    this.labels = labels;
    refreshNumbers(this.editor);
  }

  destroy(): void {
    this.editor.destroy();
  }

  /** Bold, italic, numbered paragraph, lists, undo and redo, for this field. */
  toolbar(name: string): HTMLElement {
    const ed = this.editor;
    const c = chainOn(ed);
    const btn = buttonMaker(ed, name);
    return h(
      "div",
      { class: "toolbar field-toolbar", role: "toolbar", "aria-label": `Formatting: ${name}` },
      btn(
        "B",
        "Bold",
        () => c().toggleBold().run(),
        () => ed.isActive("bold"),
      ),
      btn(
        "I",
        "Italic",
        () => c().toggleItalic().run(),
        () => ed.isActive("italic"),
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
      btn(
        "• List",
        "Bulleted list",
        () => c().toggleBulletList().run(),
        () => ed.isActive("bulletList"),
      ),
      btn(
        "1. List",
        // The visible text within the name, as speech input expects.
        "1. List (numbered)",
        () => c().toggleOrderedList().run(),
        () => ed.isActive("orderedList"),
      ),
      h("span", { class: "sep" }),
      btn("↶", "Undo", () => c().undo().run()),
      btn("↷", "Redo", () => c().redo().run()),
    );
  }
}
