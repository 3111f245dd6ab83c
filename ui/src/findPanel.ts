// Find and replace across the whole plan: every match listed with where it
// is, Next and Previous to go through them in the editor, and Replace all
// in one change that can be undone.

import { api } from "./api";
import { h } from "./dom";
import type { AppError } from "./bindings/AppError";
import type { FindQuery } from "./bindings/FindQuery";
import type { FindResult } from "./bindings/FindResult";

export interface FindHost {
  /** Saves what the editor holds, so the search sees it. */
  flush: () => Promise<void>;
  /** Opens `section` in the editor with the `nth` occurrence of `text` in
   * its top-level block `block` selected. */
  go: (section: number, block: number, text: string, nth: number) => Promise<void>;
  /** Shows the sections again after Undo put them back outside the editor
   * (Replace all itself says what it changed: see lib/stale.ts). */
  reload: () => Promise<void>;
}

/** Opens the find panel (one at a time). */
export function findPanel(host: FindHost): void {
  document.getElementById("find-dialog")?.remove();
  const text = h("input", {
    id: "find-text",
    type: "search",
    "aria-label": "Find",
    placeholder: "Find in the whole plan",
  });
  const withText = h("input", {
    id: "replace-text",
    type: "text",
    "aria-label": "Replace with",
    placeholder: "Replace with",
  });
  const matchCase = h("input", { id: "find-case", type: "checkbox" });
  const wholeWords = h("input", { id: "find-words", type: "checkbox" });
  const status = h("p", { id: "find-status", role: "status", "aria-live": "polite" });
  const results = h("ol", { class: "find-results", id: "find-results" });
  const undo = h("button", { type: "button", id: "find-undo", hidden: true }, "Undo replace");
  let result: FindResult | null = null;
  let at = -1;

  const query = (): FindQuery => ({ text: text.value, match_case: matchCase.checked, whole_words: wholeWords.checked });
  const fail = (e: unknown) => {
    status.textContent = (e as AppError).message;
  };

  async function search() {
    try {
      await host.flush();
      result = await api.find(query());
      at = -1;
      const shown = result.found.length;
      status.textContent =
        result.total === 0
          ? "Not found."
          : `${result.total} match${result.total === 1 ? "" : "es"}${result.total > shown ? ` (the first ${shown} listed)` : ""}.`;
      results.replaceChildren(
        ...result.found.map((f, i) =>
          h(
            "li",
            {},
            h(
              "button",
              { type: "button", class: "link find-hit", "data-index": i, onclick: () => void go(i) },
              h("span", { class: "muted small" }, f.place),
              " ",
              `…${f.before}`,
              h("mark", {}, f.matched),
              `${f.after}…`,
            ),
          ),
        ),
      );
    } catch (e) {
      fail(e);
    }
  }

  async function go(i: number) {
    if (!result || result.found.length === 0) return;
    at = (i + result.found.length) % result.found.length;
    results.querySelectorAll(".find-hit").forEach((b, j) => b.setAttribute("aria-current", String(j === at)));
    status.textContent = `Match ${at + 1} of ${result.total}.`;
    const f = result.found[at];
    // Earlier matches of the same text in the same block: this is the next.
    const nth = result.found
      .slice(0, at)
      .filter((g) => g.section === f.section && g.block === f.block && g.matched === f.matched).length;
    // The match is shown in the editor, but typing stays here: Enter must go
    // on to the next match, never replace this one.
    const back = document.activeElement instanceof HTMLElement ? document.activeElement : text;
    await host.go(f.section, f.block, f.matched, nth);
    back.focus();
  }

  async function replaceAll() {
    await search();
    if (!result || result.total === 0) return;
    // What the changed sections held, to put back on Undo: known only when
    // every match is listed.
    const sections = [...new Set(result.found.map((f) => f.section))];
    const complete = result.total === result.found.length;
    const before = complete ? await Promise.all(sections.map((id) => api.sectionGet(id))) : [];
    try {
      const done = await api.replaceAll(query(), withText.value);
      status.textContent = `Replaced ${done.count} match${done.count === 1 ? "" : "es"} in ${done.sections.length} section${done.sections.length === 1 ? "" : "s"}.`;
      results.replaceChildren();
      result = null;
      undo.hidden = !complete;
      undo.onclick = () =>
        void (async () => {
          try {
            for (const old of before) {
              const now = await api.sectionGet(old.section.id);
              await api.sectionSave(old.section.id, old.doc, now.version);
            }
            undo.hidden = true;
            status.textContent = "Put back as it was.";
            await host.reload();
          } catch (e) {
            fail(e);
          }
        })();
    } catch (e) {
      fail(e);
    }
  }

  const form = h(
    "form",
    { class: "find-form" },
    h("div", { class: "row" }, text, h("button", { type: "submit", class: "primary", id: "find-go" }, "Find")),
    h(
      "div",
      { class: "row" },
      h("label", { class: "choice" }, matchCase, "Match case"),
      h("label", { class: "choice" }, wholeWords, "Whole words"),
      h(
        "button",
        { type: "button", id: "find-prev", title: "Previous match (Shift+Enter)", onclick: () => void go(at - 1) },
        "Previous",
      ),
      h(
        "button",
        { type: "button", id: "find-next", title: "Next match (Enter)", onclick: () => void go(at + 1) },
        "Next",
      ),
    ),
    h(
      "div",
      { class: "row" },
      withText,
      h("button", { type: "button", id: "replace-all", onclick: () => void replaceAll() }, "Replace all"),
      undo,
    ),
    status,
    results,
    h(
      "div",
      { class: "row end" },
      h("button", { type: "button", id: "find-close", onclick: () => dlg.remove() }, "Close"),
    ),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    // Enter searches, then steps through the matches; Shift+Enter steps back.
    if (result === null) void search();
    else void go(at + 1);
  });
  text.addEventListener("input", () => {
    result = null;
  });
  text.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && e.shiftKey) {
      e.preventDefault();
      void go(at - 1);
    }
  });
  const dlg = h("dialog", { class: "find-panel", id: "find-dialog", "aria-label": "Find and replace" }, form);
  // Closing the panel takes the match's highlight away with it.
  new MutationObserver(() => {
    if (!dlg.isConnected) CSS.highlights?.delete("find-match");
  }).observe(document.body, { childList: true });
  dlg.addEventListener("cancel", () => dlg.remove());
  document.body.append(dlg);
  dlg.show();
  text.focus();
}
