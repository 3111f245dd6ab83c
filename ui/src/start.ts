// The start screen: open a plan, recent plans, new plan from a template, the sample.

import { open as openDialog, save as saveDialog } from "@tauri-apps/plugin-dialog";
import { documentDir, join } from "@tauri-apps/api/path";
import { api } from "./api";
import { h } from "./dom";
import type { PlanSummary } from "./bindings/PlanSummary";
import type { AppError } from "./bindings/AppError";

export async function startScreen(root: HTMLElement, opened: (p: PlanSummary) => void): Promise<void> {
  const error = h("p", { class: "error", role: "alert", id: "start-error" });
  const fail = (e: unknown) => { error.textContent = (e as AppError).message ?? String(e); };
  const tryOpen = (p: Promise<PlanSummary>) => p.then(opened, fail);

  const recent = await api.recentPlans();
  let folder = "";
  try { folder = await documentDir(); } catch { /* no documents folder: type a path */ }

  const title = h("input", { id: "new-title", type: "text", value: "Children and Young People's Plan", required: true });
  const year = h("input", { id: "new-year", type: "number", value: String(new Date().getFullYear()), min: "1900", max: "2200" });
  const template = h("select", { id: "new-template" }, h("option", { value: "cypp" }, "CYPP (the ten chapters of the 2005 guidance)"), h("option", { value: "blank" }, "Blank"));
  const path = h("input", { id: "new-path", type: "text", value: folder ? await join(folder, "plan.plan") : "plan.plan", required: true });
  const choose = h("button", { type: "button", onclick: async () => {
    const p = await saveDialog({ defaultPath: path.value, filters: [{ name: "Plan", extensions: ["plan"] }] });
    if (p) path.value = p.endsWith(".plan") ? p : `${p}.plan`;
  } }, "Choose…");
  const form = h("form", { class: "card", id: "new-plan" },
    h("h2", {}, "New plan"),
    h("label", { for: "new-title" }, "Title"), title,
    h("label", { for: "new-year" }, "First year of the plan"), year,
    h("label", { for: "new-template" }, "Template"), template,
    h("label", { for: "new-path" }, "File"), h("div", { class: "row" }, path, choose),
    h("div", { class: "row end" }, h("button", { type: "submit", class: "primary", id: "create-plan" }, "Create plan")));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void tryOpen(api.planNew(path.value.trim(), template.value as "cypp" | "blank", title.value, Number(year.value)));
  });

  root.replaceChildren(h("main", { class: "start" },
    h("h1", {}, "Planwright"),
    h("p", { class: "lead" }, "Write your Children and Young People's Plan: chapters, actions and indicators in one file."),
    error,
    h("div", { class: "start-grid" },
      h("section", { class: "card" },
        h("h2", {}, "Open"),
        h("div", { class: "row" },
          h("button", { type: "button", class: "primary", id: "open-plan", onclick: async () => {
            const p = await openDialog({ multiple: false, filters: [{ name: "Plan", extensions: ["plan"] }] });
            if (typeof p === "string") void tryOpen(api.planOpen(p));
          } }, "Open a plan…"),
          h("button", { type: "button", id: "open-sample", onclick: () => void tryOpen(api.planOpenSample()) }, "Open the sample plan")),
        h("h3", {}, "Recent plans"),
        recent.length === 0 ? h("p", { class: "muted" }, "None yet.") :
          h("ul", { class: "recent" }, recent.map((r) => h("li", {},
            h("button", { type: "button", class: "link", onclick: () => void tryOpen(api.planOpen(r.path)) }, r.title),
            h("span", { class: "muted path" }, r.path))))),
      form)));
}
