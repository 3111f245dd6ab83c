// Asks which indicator a chart in the text draws: the chart data block
// shows that indicator's baseline, targets and actuals, live.

import type { Indicator } from "./bindings/Indicator";
import { h } from "./dom";

/** Resolves with the chosen indicator's code, or null if cancelled. */
export function chooseIndicator(indicators: Indicator[]): Promise<string | null> {
  return new Promise((resolve) => {
    const select = h(
      "select",
      { id: "chart-indicator" },
      indicators.map((i) => h("option", { value: i.code }, `${i.code} ${i.title}`)),
    );
    const none = indicators.length === 0;
    const go = h("button", { type: "submit", class: "primary", id: "chart-go", disabled: none }, "Insert chart");
    const form = h(
      "form",
      { method: "dialog" },
      h("label", { for: "chart-indicator" }, "Indicator "),
      select,
      none
        ? h("p", { class: "field-error", id: "chart-hint" }, "The plan has no indicators yet: add them in Indicators.")
        : h("p", { class: "muted" }, "Its baseline, targets and actuals by year, kept up to date."),
      h(
        "div",
        { class: "row end" },
        h("button", { type: "button", id: "chart-cancel", onclick: () => done(null) }, "Cancel"),
        go,
      ),
    );
    const dlg = h("dialog", { class: "modal", id: "chart-dialog", "aria-label": "Indicator chart" }, form);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (!none) done(select.value);
    });
    const done = (v: string | null) => {
      dlg.close();
      dlg.remove();
      resolve(v);
    };
    dlg.addEventListener("cancel", () => done(null));
    document.body.append(dlg);
    dlg.showModal();
    (none ? h("span") : select).focus();
  });
}
