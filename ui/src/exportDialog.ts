// The Export dialog: PDF, Word document or web page, the plan (all or some chapters) or
// its action plan appendix, final or draft. The title page carries the
// plan's own logo, set in Properties.

import type { Appendix } from "./bindings/Appendix";
import type { GroupBy } from "./bindings/GroupBy";
import type { OutlineChapter } from "./bindings/OutlineChapter";
import { h } from "./dom";

export type ExportFormat = "pdf" | "docx" | "html";

export interface ExportChoice {
  format: ExportFormat;
  draft: boolean;
  /** 1-based chapter positions, or null for the whole plan (always null
   * for an appendix). */
  chapters: number[] | null;
  /** An appendix made from the plan's data, instead of the plan. */
  appendix: Appendix | null;
}

/** What `boxes` (one per chapter, in order) ask for: null when every chapter
 * is ticked, an empty list when none is. */
export function chosenChapters(boxes: { checked: boolean }[]): number[] | null {
  const picked = boxes.flatMap((b, i) => (b.checked ? [i + 1] : []));
  return picked.length === boxes.length ? null : picked;
}

function chapterLabel(c: OutlineChapter): string {
  return c.number === null ? c.chapter.title : `${c.number} ${c.chapter.title}`;
}

/** Asks how to export; null if cancelled. `logo` is the file name of the
 * plan's logo, if it has one. */
export function exportDialog(outline: OutlineChapter[], logo: string | null): Promise<ExportChoice | null> {
  return new Promise((resolve) => {
    const radio = (name: string, value: string, label: string, checked: boolean) =>
      h("label", { class: "choice" }, h("input", { type: "radio", name, value, checked }), label);
    const kind = (value: string, label: string, checked: boolean) => radio("export-kind", value, label, checked);
    const format = (value: ExportFormat, label: string, checked: boolean) =>
      radio("export-format", value, label, checked);
    const boxes = outline.map((_, i) =>
      h("input", { type: "checkbox", id: `export-chapter-${i + 1}`, checked: true, onchange: () => update() }),
    );
    const all = h("input", {
      type: "checkbox",
      id: "export-all",
      checked: true,
      onchange: () => {
        boxes.forEach((b) => {
          b.checked = all.checked;
        });
        update();
      },
    });
    const go = h("button", { type: "submit", class: "primary", id: "export-go" }, "Export…");
    const hint = h("p", { class: "field-error", id: "export-hint", role: "alert" });
    const what = (value: string, label: string, checked: boolean) =>
      h(
        "label",
        { class: "choice" },
        h("input", { type: "radio", name: "export-what", value, checked, onchange: () => update() }),
        label,
      );
    const groupBy = h(
      "select",
      { id: "export-group-by" },
      h("option", { value: "objective" }, "objective"),
      h("option", { value: "lead" }, "lead"),
      h("option", { value: "outcome" }, "outcome"),
    );
    const column = (id: string, label: string) =>
      h("label", { class: "choice" }, h("input", { type: "checkbox", id }), label);
    const actionOptions = h(
      "fieldset",
      { class: "export-actions" },
      h("legend", {}, "Action plan"),
      h("label", { for: "export-group-by" }, "Actions under each ", groupBy),
      column("export-col-timescale", "Timescale column"),
      column("export-col-outcome", "Outcome column"),
      column("export-col-status", "Status column"),
    );
    const chapterChoice = h("fieldset", { class: "export-chapters" });
    const whatPicked = () =>
      (form.querySelector("input[name=export-what]:checked") as HTMLInputElement | null)?.value ?? "plan";
    const update = () => {
      const n = boxes.filter((b) => b.checked).length;
      all.checked = n === boxes.length;
      all.indeterminate = n > 0 && n < boxes.length;
      // The appendix is made from the plan's actions, not its chapters.
      const appendix = whatPicked() !== "plan";
      chapterChoice.disabled = appendix;
      chapterChoice.hidden = appendix;
      actionOptions.hidden = whatPicked() !== "actions";
      go.disabled = !appendix && n === 0;
      hint.textContent = !appendix && n === 0 ? "Pick at least one chapter." : "";
    };
    const form = h(
      "form",
      { method: "dialog", class: "export-form" },
      // Side by side, so the dialog fits a small laptop's screen.
      h(
        "div",
        { class: "export-row" },
        h(
          "fieldset",
          {},
          h("legend", {}, "Format"),
          format("pdf", "PDF", true),
          format("docx", "Word (.docx)", false),
          format("html", "Web page (HTML)", false),
        ),
        h(
          "fieldset",
          {},
          h("legend", {}, "Version"),
          kind("final", "Final", true),
          kind("draft", "Draft (“not for publication”)", false),
        ),
      ),
      h(
        "fieldset",
        {},
        h("legend", {}, "What"),
        what("plan", "The plan", true),
        what("actions", "Action plan appendix: the actions in a table", false),
        what("indicators", "Indicator appendix: baselines, targets, actuals", false),
        what("glossary", "Glossary appendix", false),
      ),
      actionOptions,
      chapterChoice,
      h(
        "p",
        {},
        "Logo on the title page: ",
        h("span", { id: "export-logo-name" }, logo ?? "None"),
        h("span", { class: "muted" }, " (set in Properties)"),
      ),
      hint,
      h(
        "div",
        { class: "row end" },
        h("button", { type: "button", id: "export-cancel", onclick: () => done(null) }, "Cancel"),
        go,
      ),
    );
    chapterChoice.append(
      h("legend", {}, "Chapters"),
      h("label", { class: "choice" }, all, "The whole plan"),
      h(
        "ul",
        {},
        outline.map((c, i) =>
          h("li", {}, h("label", { class: "choice", for: boxes[i].id }, boxes[i], chapterLabel(c))),
        ),
      ),
    );
    update();
    const dlg = h("dialog", { class: "modal", id: "export-dialog", "aria-label": "Export" }, form);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const picked = (name: string) =>
        (form.querySelector(`input[name=${name}]:checked`) as HTMLInputElement | null)?.value;
      const ticked = (id: string) => (form.querySelector(`#${id}`) as HTMLInputElement).checked;
      const picks: Record<string, Appendix | null> = {
        plan: null,
        actions: {
          kind: "actions",
          group_by: groupBy.value as GroupBy,
          columns: {
            timescale: ticked("export-col-timescale"),
            outcome: ticked("export-col-outcome"),
            status: ticked("export-col-status"),
          },
        },
        indicators: { kind: "indicators" },
        glossary: { kind: "glossary" },
      };
      const appendix = picks[whatPicked()] ?? null;
      const chapters = appendix ? null : chosenChapters(boxes);
      if (chapters && chapters.length === 0) return;
      const draft = picked("export-kind") === "draft";
      const formats: Record<string, ExportFormat> = { pdf: "pdf", docx: "docx", html: "html" };
      done({ format: formats[picked("export-format") ?? "pdf"] ?? "pdf", draft, chapters, appendix });
    });
    const done = (v: ExportChoice | null) => {
      dlg.close();
      dlg.remove();
      resolve(v);
    };
    dlg.addEventListener("cancel", () => done(null));
    document.body.append(dlg);
    dlg.showModal();
    go.focus();
  });
}
