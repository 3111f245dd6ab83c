// The start screen: open a plan, recent plans, new plan from a template, the sample.

import { api, asAppError } from "./api";
import { h } from "./dom";
import type { PlanSummary } from "./bindings/PlanSummary";
import type { Template } from "./bindings/Template";

/** The start screen; `problem` is why the plan the app was started with did not open. */
export async function startScreen(
  root: HTMLElement,
  opened: (p: PlanSummary) => void,
  problem?: unknown,
): Promise<void> {
  const error = h("div", { class: "error", role: "alert", id: "start-error" });
  const tryOpen = (p: Promise<PlanSummary>) => p.then(opened, fail);
  function fail(e: unknown) {
    const err = asAppError(e);
    error.replaceChildren(h("p", {}, err.message));
    // A plan whose schema was altered (hidden triggers, views…) can still
    // be copied, data only, into a clean plan.
    if (err.code === "altered" && err.detail) {
      const source = err.detail;
      error.append(
        h("button", { type: "button", id: "repair-plan", onclick: () => void repair(source) }, "Make a clean copy…"),
      );
    }
    // In use by another program: once it is closed there, the same plan opens.
    if (err.code === "locked" && err.detail) {
      const path = err.detail;
      error.append(
        h("button", { type: "button", id: "retry-open", onclick: () => void tryOpen(api.planOpen(path)) }, "Try again"),
      );
    }
  }
  async function repair(source: string) {
    try {
      const base = (source.split(/[\\/]/).pop() ?? "plan").replace(/\.plan$/i, "");
      const dest = await api.chooseFile("new_plan", `${base} (clean copy).plan`);
      if (dest === null) return;
      const done = await api.planRepair(source, dest);
      const behind = [...done.left_behind, ...done.left_out];
      error.replaceChildren(
        h("p", {}, `Made a clean copy: ${done.path}.`),
        behind.length === 0
          ? h("p", {}, "Nothing was left behind.")
          : h(
              "div",
              {},
              h("p", {}, "Left behind:"),
              h(
                "ul",
                { id: "repair-left-behind" },
                behind.map((b) => h("li", {}, b)),
              ),
            ),
        h(
          "button",
          {
            type: "button",
            class: "primary",
            id: "open-repaired",
            onclick: () => void tryOpen(api.planOpen(done.path)),
          },
          "Open the clean copy",
        ),
      );
    } catch (e) {
      fail(e);
    }
  }
  if (problem !== undefined) fail(problem);

  const recent = await api.recentPlans();

  const title = h("input", {
    id: "new-title",
    type: "text",
    value: "Children and Young People's Plan",
    required: true,
  });
  const year = h("input", {
    id: "new-year",
    type: "number",
    value: String(new Date().getFullYear()),
    min: "1900",
    max: "2200",
  });
  const template = h(
    "select",
    { id: "new-template" },
    h("option", { value: "cypp" }, "CYPP (the ten chapters of the 2005 guidance)"),
    h("option", { value: "blank" }, "Blank"),
  );
  const form = h(
    "form",
    { class: "card", id: "new-plan" },
    h("h2", {}, "New plan"),
    h("label", { for: "new-title" }, "Title"),
    title,
    h("label", { for: "new-year" }, "First year of the plan"),
    year,
    h("label", { for: "new-template" }, "Template"),
    template,
    h(
      "div",
      { class: "row end" },
      h("button", { type: "submit", class: "primary", id: "create-plan" }, "Create plan…"),
    ),
  );
  // Where the file goes is asked in the save dialog, named after the title.
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void (async () => {
      try {
        const path = await api.chooseFile("new_plan", `${title.value.trim() || "plan"}.plan`);
        if (path !== null)
          await tryOpen(api.planNew(path, template.value as Template, title.value, Number(year.value)));
      } catch (e) {
        fail(e);
      }
    })();
  });

  root.replaceChildren(
    h(
      "main",
      { class: "start" },
      h("h1", {}, "Planwright"),
      h(
        "p",
        { class: "lead" },
        "Write your Children and Young People's Plan: chapters, actions and indicators in one file.",
      ),
      error,
      h(
        "div",
        { class: "start-grid" },
        h(
          "section",
          { class: "card" },
          h("h2", {}, "Open"),
          h(
            "div",
            { class: "row" },
            h(
              "button",
              {
                type: "button",
                class: "primary",
                id: "open-plan",
                onclick: async () => {
                  try {
                    const p = await api.chooseFile("open_plan");
                    if (p !== null) void tryOpen(api.planOpen(p));
                  } catch (e) {
                    fail(e);
                  }
                },
              },
              "Open a plan…",
            ),
            h(
              "button",
              { type: "button", id: "open-sample", onclick: () => void tryOpen(api.planOpenSample()) },
              "Open the sample plan",
            ),
          ),
          h("h3", {}, "Recent plans"),
          recent.length === 0
            ? h("p", { class: "muted" }, "None yet.")
            : h(
                "ul",
                { class: "recent" },
                recent.map((r) =>
                  h(
                    "li",
                    {},
                    h(
                      "button",
                      { type: "button", class: "link", onclick: () => void tryOpen(api.planOpen(r.path)) },
                      r.title,
                    ),
                    h("span", { class: "muted path" }, r.path),
                  ),
                ),
              ),
        ),
        form,
      ),
    ),
  );
}
