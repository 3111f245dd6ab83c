// The app: the start screen, or a plan's workspace (binder + editor, and the
// plan's data views).

import { getCurrentWindow } from "@tauri-apps/api/window";
import { api } from "./api";
import { describe, type SaveState } from "./autosave";
import { confirmDialog, h, promptDialog } from "./dom";
import { exportDialog } from "./exportDialog";
import { findPanel } from "./findPanel";
import { SectionEditor } from "./editor";
import { actionsView, glossaryView, indicatorsView, peopleView, propertiesView } from "./grids";
import { startScreen } from "./start";
import type { AppError } from "./bindings/AppError";
import type { OutlineChapter } from "./bindings/OutlineChapter";
import type { PlanSummary } from "./bindings/PlanSummary";

const root = document.getElementById("app")!;
let current: SectionEditor | null = null;

async function closeEditor() {
  if (current) {
    await current.close();
    current = null;
  }
}

function setTitle(s: PlanSummary | null) {
  const t = s ? `${s.info.title} — ${s.file_name} — Planwright` : "Planwright";
  document.title = t;
  void getCurrentWindow()
    .setTitle(t)
    .catch(() => undefined);
}

// Closing the window first saves what the editor holds.
void getCurrentWindow()
  .onCloseRequested(async () => {
    await closeEditor();
  })
  .catch(() => undefined);

/** Asks how (final or draft, which chapters) and where, saves what the
 * editor holds, and writes the PDF, showing its progress; the status says
 * how it went. */
async function exportPdf() {
  const [outline, now] = await Promise.all([api.outline(), api.planSummary()]);
  const choice = await exportDialog(outline, now.logo?.name ?? null);
  if (!choice) return;
  const status = document.getElementById("save-state")!;
  let path: string | null;
  try {
    path = await api.chooseFile(
      "export_pdf",
      now.file_name.replace(/\.plan$/i, "") + (choice.draft ? " (draft).pdf" : ".pdf"),
    );
  } catch (e) {
    status.textContent = `Not exported: ${(e as AppError).message}`;
    status.className = "save-state failed";
    return;
  }
  if (path === null) return;
  const bar = h("progress", { id: "export-progress", max: 1, value: 0, "aria-label": "Export progress" });
  status.before(bar);
  try {
    await current?.saver.flush();
    status.textContent = "Exporting…";
    status.className = "save-state saving";
    const warnings = await api.exportPdf(path, choice.draft, choice.chapters, (f) => {
      bar.value = f;
    });
    const name = path.split(/[\\/]/).pop();
    // Written, but not all as the plan asks: say what, in the status line.
    status.textContent =
      warnings.length === 0
        ? `Exported ${name}`
        : `Exported ${name} with ${warnings.length === 1 ? "a warning" : `${warnings.length} warnings`}: ${warnings.join(" ")}`;
    status.className = `save-state ${warnings.length === 0 ? "saved" : "failed"}`;
  } catch (e) {
    status.textContent = `Not exported: ${(e as AppError).message}`;
    status.className = "save-state failed";
  } finally {
    bar.remove();
  }
}

async function showStart(problem?: unknown) {
  await closeEditor();
  setTitle(null);
  await startScreen(root, (s) => void showPlan(s), problem);
}

/** Tells the user when opening the plan upgraded its file, and where the
 * copy of it as it was is kept; nothing otherwise. */
function notice(summary: PlanSummary): HTMLElement {
  const u = summary.upgraded;
  if (!u) return h("span", { hidden: true });
  const box = h(
    "p",
    { class: "notice", id: "plan-notice", role: "status" },
    `This plan was made by an older Planwright and has been upgraded (plan format ${u.from} to ${u.to}). The file as it was is kept as ${u.backup}. `,
    h("button", { type: "button", class: "link", onclick: () => box.remove() }, "Dismiss"),
  );
  return box;
}

type Tab = "write" | "actions" | "indicators" | "people" | "glossary" | "properties";

async function showPlan(summary: PlanSummary) {
  setTitle(summary);
  // What the plan is written in: the spell checker and screen readers follow it.
  document.documentElement.lang = summary.info.language;
  void api.spellingApply().catch(() => undefined);
  const status = h("span", { class: "save-state", id: "save-state", role: "status", "aria-live": "polite" }, "Saved");
  const words = h("span", { class: "words", id: "word-count" });
  const main = h("div", { class: "main", id: "main" });
  const tabs: [Tab, string][] = [
    ["write", "Write"],
    ["actions", "Actions"],
    ["indicators", "Indicators"],
    ["people", "People"],
    ["glossary", "Glossary"],
    ["properties", "Properties"],
  ];
  const nav = h(
    "nav",
    { class: "tabs", "aria-label": "Views" },
    tabs.map(([id, name]) =>
      h(
        "button",
        {
          type: "button",
          id: `tab-${id}`,
          "aria-current": id === "write" ? "page" : "false",
          onclick: () => void show(id),
        },
        name,
      ),
    ),
  );
  root.replaceChildren(
    h(
      "header",
      { class: "topbar" },
      h(
        "button",
        { type: "button", class: "link", id: "go-start", title: "Start screen", onclick: () => void showStart() },
        "Planwright",
      ),
      h("span", { class: "plan-title", id: "plan-title" }, summary.info.title),
      nav,
      h("span", { class: "spacer" }),
      words,
      status,
      h(
        "button",
        {
          type: "button",
          id: "find-open",
          title: "Find and replace in the whole plan (Ctrl+Shift+F)",
          onclick: () => openFind(),
        },
        "Find…",
      ),
      h(
        "button",
        {
          type: "button",
          id: "export-pdf",
          title: "Export the plan as a typeset PDF",
          onclick: () => void exportPdf(),
        },
        "Export PDF…",
      ),
    ),
    notice(summary),
    main,
  );

  let planWords = summary.words;
  const onSaveState = (s: SaveState) => {
    status.textContent = describe(s);
    status.className = `save-state ${s.kind}`;
  };

  async function show(next: Tab) {
    tab = next;
    await closeEditor();
    nav
      .querySelectorAll("button")
      .forEach((b) => b.setAttribute("aria-current", b.id === `tab-${tab}` ? "page" : "false"));
    words.textContent = "";
    switch (tab) {
      case "write":
        return writeView();
      case "actions":
        return actionsView(main);
      case "indicators":
        return indicatorsView(main);
      case "people":
        return peopleView(main);
      case "glossary":
        return glossaryView(main);
      case "properties":
        return propertiesView(main, (s) => {
          setTitle(s);
          document.getElementById("plan-title")!.textContent = s.info.title;
          if (document.documentElement.lang !== s.info.language) {
            document.documentElement.lang = s.info.language;
            void api.spellingApply().catch(() => undefined);
          }
        });
    }
  }

  let selected: number | null = null;
  let tab: Tab = "write";

  function openFind() {
    findPanel({
      flush: async () => {
        await current?.saver.flush();
      },
      go: async (section, block, text, nth) => {
        selected = section;
        await show("write");
        current?.reveal(block, text, nth);
      },
      reload: () => show(tab),
    });
  }
  // Ctrl+Shift+F or Ctrl+H, as in word processors. Registered once per
  // plan shown; a plan shown again replaces the handler.
  document.onkeydown = (e) => {
    if (e.ctrlKey && ((e.shiftKey && e.key.toLowerCase() === "f") || (!e.shiftKey && e.key.toLowerCase() === "h"))) {
      e.preventDefault();
      openFind();
    }
  };

  async function writeView() {
    const binder = h("nav", { class: "binder", id: "binder", "aria-label": "Chapters and sections" });
    const editorPane = h("div", { class: "editor-pane" });
    main.replaceChildren(h("div", { class: "write" }, binder, editorPane));
    const outline = await api.outline();
    planWords = outline.reduce((n, c) => n + c.sections.reduce((m, s) => m + s.words, 0), 0);
    renderBinder(binder, outline, editorPane);
    const first = selected ?? outline[0]?.sections[0]?.section.id ?? null;
    if (first !== null) await openSection(first, editorPane, binder);
  }

  function renderBinder(binder: HTMLElement, outline: OutlineChapter[], pane: HTMLElement) {
    const error = h("p", { class: "error", role: "alert" });
    const act = async (f: () => Promise<unknown>) => {
      try {
        await f();
        await closeEditor();
        await writeView();
      } catch (e) {
        error.textContent = (e as AppError).message;
      }
    };
    // What is being dragged: a chapter, or a section (dropped on a section, it
    // takes that section's place; on a chapter, it goes to the chapter's end).
    let dragged: { kind: "chapter" | "section"; id: number } | null = null;
    const droppable = (el: HTMLElement, drop: () => void) => {
      el.addEventListener("dragover", (e) => {
        e.preventDefault();
        e.stopPropagation();
        el.classList.add("drop");
      });
      el.addEventListener("dragleave", () => el.classList.remove("drop"));
      el.addEventListener("drop", (e) => {
        e.preventDefault();
        e.stopPropagation();
        el.classList.remove("drop");
        drop();
        dragged = null;
      });
    };
    const list = h(
      "ol",
      { class: "chapters", id: "chapter-list" },
      outline.map((c, index) => {
        const li = h("li", { class: "chapter", draggable: "true", "data-chapter": c.chapter.id });
        li.addEventListener("dragstart", () => {
          dragged ??= { kind: "chapter", id: c.chapter.id };
        });
        droppable(li, () => {
          if (dragged?.kind === "chapter" && dragged.id !== c.chapter.id) {
            const id = dragged.id;
            void act(() => api.chapterMove(id, index + 1));
          }
          if (dragged?.kind === "section") {
            const id = dragged.id;
            const end = c.sections.length + (c.sections.some((x) => x.section.id === id) ? 0 : 1);
            void act(() => api.sectionMove(id, c.chapter.id, end));
          }
        });
        const name = `${c.number !== null ? `${c.number}. ` : ""}${c.chapter.title}`;
        const words = c.sections.reduce((n, s) => n + s.words, 0);
        li.append(
          h(
            "div",
            { class: "chapter-row" },
            h("span", { class: "chapter-title" }, name),
            h("span", { class: "muted small" }, `${words}`),
            h(
              "button",
              {
                type: "button",
                class: "icon",
                title: `Move ${c.chapter.title} up`,
                "aria-label": `Move ${c.chapter.title} up`,
                disabled: index === 0,
                onclick: () => void act(() => api.chapterMove(c.chapter.id, index)),
              },
              "↑",
            ),
            h(
              "button",
              {
                type: "button",
                class: "icon",
                title: `Move ${c.chapter.title} down`,
                "aria-label": `Move ${c.chapter.title} down`,
                disabled: index === outline.length - 1,
                onclick: () => void act(() => api.chapterMove(c.chapter.id, index + 2)),
              },
              "↓",
            ),
            h(
              "button",
              {
                type: "button",
                class: "icon",
                title: `Rename ${c.chapter.title}`,
                "aria-label": `Rename ${c.chapter.title}`,
                onclick: async () => {
                  const t = await promptDialog("New chapter title", c.chapter.title);
                  if (t) void act(() => api.chapterRename(c.chapter.id, t));
                },
              },
              "✎",
            ),
            h(
              "button",
              {
                type: "button",
                class: "icon",
                title: `Delete ${c.chapter.title}`,
                "aria-label": `Delete ${c.chapter.title}`,
                onclick: async () => {
                  if (
                    await confirmDialog(
                      `Delete the chapter "${c.chapter.title}" and everything in it?`,
                      "Delete chapter",
                    )
                  )
                    void act(() => api.chapterDelete(c.chapter.id));
                },
              },
              "✕",
            ),
          ),
          h(
            "ul",
            { class: "sections" },
            c.sections.map((s, si) => {
              const name = s.section.title ?? (si === 0 ? "Opening text" : "Untitled section");
              const item = h(
                "li",
                { class: "section", draggable: si > 0 ? "true" : null, "data-section-row": s.section.id },
                h(
                  "button",
                  {
                    type: "button",
                    class: `section-link${s.section.id === selected ? " selected" : ""}`,
                    "data-section": s.section.id,
                    "aria-current": s.section.id === selected ? "true" : "false",
                    onclick: () => void openSection(s.section.id, pane, binder),
                  },
                  name,
                ),
                h("span", { class: "muted small" }, `${s.words}`),
                si > 0
                  ? [
                      h(
                        "button",
                        {
                          type: "button",
                          class: "icon",
                          "aria-label": `Move section ${name} up`,
                          title: "Move up",
                          disabled: si === 1,
                          onclick: () => void act(() => api.sectionMove(s.section.id, c.chapter.id, si)),
                        },
                        "↑",
                      ),
                      h(
                        "button",
                        {
                          type: "button",
                          class: "icon",
                          "aria-label": `Rename section ${name}`,
                          title: "Rename section",
                          onclick: async () => {
                            const t = await promptDialog("New section title", s.section.title ?? "");
                            if (t) void act(() => api.sectionRename(s.section.id, t));
                          },
                        },
                        "✎",
                      ),
                      h(
                        "button",
                        {
                          type: "button",
                          class: "icon",
                          "aria-label": `Delete section ${name}`,
                          title: "Delete section",
                          onclick: async () => {
                            if (await confirmDialog(`Delete the section "${name}" and its text?`, "Delete section"))
                              void act(() => api.sectionDelete(s.section.id));
                          },
                        },
                        "✕",
                      ),
                    ]
                  : null,
              );
              if (si > 0) {
                item.addEventListener("dragstart", (e) => {
                  e.stopPropagation();
                  dragged = { kind: "section", id: s.section.id };
                });
                droppable(item, () => {
                  if (dragged?.kind === "section" && dragged.id !== s.section.id) {
                    const id = dragged.id;
                    void act(() => api.sectionMove(id, c.chapter.id, si + 1));
                  }
                });
              }
              return item;
            }),
          ),
          h(
            "button",
            {
              type: "button",
              class: "link small",
              onclick: async () => {
                const t = await promptDialog("Section title");
                if (t) void act(() => api.sectionAdd(c.chapter.id, t));
              },
            },
            "+ Section",
          ),
        );
        return li;
      }),
    );
    binder.replaceChildren(
      h(
        "div",
        { class: "binder-head" },
        h("h2", {}, "Chapters"),
        h(
          "button",
          {
            type: "button",
            id: "add-chapter",
            onclick: async () => {
              const t = await promptDialog("Chapter title");
              if (t) void act(() => api.chapterAdd(t, true));
            },
          },
          "+ Chapter",
        ),
      ),
      error,
      list,
    );
  }

  async function openSection(id: number, pane: HTMLElement, binder: HTMLElement) {
    await closeEditor();
    selected = id;
    binder.querySelectorAll<HTMLButtonElement>(".section-link").forEach((b) => {
      const on = Number(b.dataset.section) === id;
      b.classList.toggle("selected", on);
      b.setAttribute("aria-current", String(on));
    });
    const view = await api.sectionGet(id);
    const mount = h("div", { class: "page", id: "editor" });
    const before = view.words;
    current = new SectionEditor(mount, view, {
      onWords: (n) => {
        words.textContent = `Section ${n.toLocaleString("en-GB")} words · plan ${(planWords - before + n).toLocaleString("en-GB")}`;
      },
      onSaveState,
    });
    pane.replaceChildren(current.toolbar(), h("div", { class: "page-scroll" }, mount));
    onSaveState({ kind: "saved" });
  }

  await show("write");
}

async function boot() {
  try {
    const s = await api.startup();
    if (s) await showPlan(s);
    else await showStart();
  } catch (e) {
    await showStart(e);
  }
}

void boot();
