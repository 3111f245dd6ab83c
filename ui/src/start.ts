// The start screen: open a plan, recent plans, new plan from a template, the sample.

import { api } from "./api";
import { h } from "./dom";
import type { PlanSummary } from "./bindings/PlanSummary";
import type { AppError } from "./bindings/AppError";

export async function startScreen(root: HTMLElement, opened: (p: PlanSummary) => void): Promise<void> {
  const error = h("p", { class: "error", role: "alert", id: "start-error" });
  const fail = (e: unknown) => { error.textContent = (e as AppError).message ?? String(e); };
  const tryOpen = (p: Promise<PlanSummary>) => p.then(opened, fail);

  const recent = await api.recentPlans();

  const title = h("input", { id: "new-title", type: "text", value: "Children and Young People's Plan", required: true });
  const year = h("input", { id: "new-year", type: "number", value: String(new Date().getFullYear()), min: "1900", max: "2200" });
  const template = h("select", { id: "new-template" }, h("option", { value: "cypp" }, "CYPP (the ten chapters of the 2005 guidance)"), h("option", { value: "blank" }, "Blank"));
  const form = h("form", { class: "card", id: "new-plan" },
    h("h2", {}, "New plan"),
    h("label", { for: "new-title" }, "Title"), title,
    h("label", { for: "new-year" }, "First year of the plan"), year,
    h("label", { for: "new-template" }, "Template"), template,
    h("div", { class: "row end" }, h("button", { type: "submit", class: "primary", id: "create-plan" }, "Create plan…")));
  // Where the file goes is asked in the save dialog, named after the title.
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void (async () => {
      try {
        const path = await api.chooseFile("new_plan", `${title.value.trim() || "plan"}.plan`);
        if (path !== null) await tryOpen(api.planNew(path, template.value as "cypp" | "blank", title.value, Number(year.value)));
      } catch (e) { fail(e); }
    })();
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
            try {
              const p = await api.chooseFile("open_plan");
              if (p !== null) void tryOpen(api.planOpen(p));
            } catch (e) { fail(e); }
          } }, "Open a plan…"),
          h("button", { type: "button", id: "open-sample", onclick: () => void tryOpen(api.planOpenSample()) }, "Open the sample plan")),
        h("h3", {}, "Recent plans"),
        recent.length === 0 ? h("p", { class: "muted" }, "None yet.") :
          h("ul", { class: "recent" }, recent.map((r) => h("li", {},
            h("button", { type: "button", class: "link", onclick: () => void tryOpen(api.planOpen(r.path)) }, r.title),
            h("span", { class: "muted path" }, r.path))))),
      form)));
}
