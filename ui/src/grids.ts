// The plan's data: actions (inline edit with validation), indicators, people
// and organisations, glossary, and the plan's properties.

import { api } from "./api";
import { h } from "./dom";
import type { ActionView } from "./bindings/ActionView";
import type { ActionField } from "./bindings/ActionField";
import type { ActionFilter } from "./bindings/ActionFilter";
import type { AppError } from "./bindings/AppError";
import type { IndicatorFigure } from "./bindings/IndicatorFigure";
import type { OrgKind } from "./bindings/OrgKind";
import { ACTION_STATUSES, ORG_KINDS, RAGS } from "./bindings/choices";
import type { PlanInfo } from "./bindings/PlanInfo";
import type { PlanSummary } from "./bindings/PlanSummary";

const label = (s: string) => s.replace(/_/g, " ");

function ukDate(iso: string | null): string {
  if (!iso) return "";
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

function money(pence: number | null): string {
  return pence === null ? "" : `£${(pence / 100).toLocaleString("en-GB")}`;
}

type Column = { field: ActionField; title: string; text: (a: ActionView) => string; width?: string };
const COLUMNS: Column[] = [
  { field: "activity", title: "Activity", text: (a) => a.activity, width: "34%" },
  { field: "objective", title: "Objective", text: (a) => a.objective_ref?.[1] ?? "" },
  { field: "lead", title: "Lead", text: (a) => a.lead_person_name ?? "" },
  { field: "start", title: "Start", text: (a) => ukDate(a.start) },
  { field: "end", title: "End", text: (a) => ukDate(a.end) },
  { field: "cost", title: "Cost", text: (a) => money(a.cost_pence) },
  { field: "status", title: "Status", text: (a) => a.status },
  { field: "rag", title: "RAG", text: (a) => a.rag ?? "" },
  { field: "parent", title: "Part of", text: (a) => (a.parent ? `#${a.parent}` : "") },
];

export async function actionsView(root: HTMLElement): Promise<void> {
  const filter: ActionFilter = {};
  let sortBy: Column | null = null;
  let groupBy: "objective" | "none" = "objective";
  const body = h("div", { class: "grid-wrap" });
  const message = h("p", { class: "error", role: "alert", id: "grid-error" });

  const lead = h("input", {
    type: "search",
    id: "filter-lead",
    placeholder: "Lead contains…",
    "aria-label": "Filter by lead",
  });
  const status = h(
    "select",
    { id: "filter-status", "aria-label": "Filter by status" },
    h("option", { value: "" }, "Any status"),
    ACTION_STATUSES.map((s) => h("option", { value: s }, label(s))),
  );
  const rag = h(
    "select",
    { id: "filter-rag", "aria-label": "Filter by RAG" },
    h("option", { value: "" }, "Any RAG"),
    RAGS.map((s) => h("option", { value: s }, s)),
  );
  const group = h(
    "select",
    { id: "group-by", "aria-label": "Group by" },
    h("option", { value: "objective" }, "Group by objective"),
    h("option", { value: "none" }, "No grouping"),
  );
  const onFilter = () => {
    filter.lead = lead.value.trim() || undefined;
    filter.status = (status.value || undefined) as ActionFilter["status"];
    filter.rag = (rag.value || undefined) as ActionFilter["rag"];
    groupBy = group.value as typeof groupBy;
    void refresh();
  };
  [lead, status, rag, group].forEach((el) => el.addEventListener("change", onFilter));

  const newActivity = h("input", {
    type: "text",
    id: "new-action",
    placeholder: "What will be done",
    "aria-label": "New action",
  });
  const addForm = h(
    "form",
    { class: "row" },
    newActivity,
    h("button", { type: "submit", class: "primary", id: "add-action" }, "Add action"),
  );
  addForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await api.actionAdd(newActivity.value, null);
      newActivity.value = "";
      message.textContent = "";
      await refresh();
    } catch (err) {
      message.textContent = (err as AppError).message;
    }
  });

  async function refresh() {
    let rows = await api.actions(filter);
    if (sortBy) {
      const col = sortBy;
      rows = [...rows].sort((a, b) => col.text(a).localeCompare(col.text(b), "en-GB", { numeric: true }));
    }
    const groups = new Map<string, ActionView[]>();
    for (const a of rows) {
      const key =
        groupBy === "objective"
          ? a.objective_title
            ? `${a.objective_ref?.[1] ?? ""}. ${a.objective_title}`
            : "No objective"
          : "";
      groups.set(key, [...(groups.get(key) ?? []), a]);
    }
    const head = h(
      "tr",
      {},
      h("th", { scope: "col" }, "#"),
      COLUMNS.map((c) =>
        h(
          "th",
          {
            scope: "col",
            style: c.width ? `width:${c.width}` : null,
            "aria-sort": sortBy === c ? "ascending" : "none",
          },
          h(
            "button",
            {
              type: "button",
              class: "sort",
              onclick: () => {
                sortBy = sortBy === c ? null : c;
                void refresh();
              },
            },
            c.title,
          ),
        ),
      ),
    );
    const tbody = h("tbody", {});
    for (const [name, list] of groups) {
      if (name)
        tbody.append(h("tr", { class: "group" }, h("th", { colspan: COLUMNS.length + 1, scope: "rowgroup" }, name)));
      for (const a of list) tbody.append(row(a));
    }
    body.replaceChildren(
      h("table", { class: "grid", id: "actions-grid" }, h("thead", {}, head), tbody),
      h("p", { class: "muted" }, `${rows.length} action${rows.length === 1 ? "" : "s"}`),
    );
  }

  function row(a: ActionView): HTMLElement {
    const tr = h(
      "tr",
      { "data-id": a.id, class: a.parent ? "child" : "" },
      h("td", { class: "muted" }, a.parent ? `↳ ${a.id}` : String(a.id)),
    );
    for (const c of COLUMNS) tr.append(cell(a, c));
    return tr;
  }

  function cell(a: ActionView, c: Column): HTMLElement {
    const td = h("td", { "data-field": c.field });
    const error = h("span", { class: "field-error", role: "alert" });
    const commit = async (text: string, input: HTMLInputElement | HTMLSelectElement) => {
      try {
        await api.actionSet(a.id, c.field, text);
        message.textContent = "";
        await refresh();
      } catch (e) {
        input.setAttribute("aria-invalid", "true");
        error.textContent = (e as AppError).message;
      }
    };
    if (c.field === "status" || c.field === "rag") {
      // A status is always set; a RAG may be cleared ("").
      const options: readonly string[] = c.field === "status" ? ACTION_STATUSES : ["", ...RAGS];
      const sel = h(
        "select",
        { "aria-label": `${c.title} of action ${a.id}` },
        options.map((o) => h("option", { value: o, selected: o === c.text(a) }, o ? label(o) : "—")),
      );
      sel.addEventListener("change", () => void commit(sel.value, sel));
      td.append(sel, error);
      return td;
    }
    const input = h("input", {
      type: "text",
      value: c.text(a),
      "aria-label": `${c.title} of action ${a.id}`,
      placeholder: c.field === "start" || c.field === "end" ? "dd/mm/yyyy" : c.field === "parent" ? "#" : "",
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") input.blur();
      if (e.key === "Escape") {
        input.value = c.text(a);
        input.removeAttribute("aria-invalid");
        error.textContent = "";
      }
    });
    input.addEventListener("change", () => void commit(input.value, input));
    td.append(input, error);
    return td;
  }

  root.replaceChildren(
    h(
      "div",
      { class: "data-view" },
      h("h1", {}, "Actions"),
      h("div", { class: "row filters" }, lead, status, rag, group),
      addForm,
      message,
      body,
    ),
  );
  await refresh();
}

export async function indicatorsView(root: HTMLElement): Promise<void> {
  const body = h("div", { class: "grid-wrap" });
  root.replaceChildren(
    h(
      "div",
      { class: "data-view" },
      h("h1", {}, "Indicators"),
      h(
        "p",
        { class: "muted" },
        "Type a target or an actual in its cell; it is saved when you leave the cell. RAG compares them, following whether higher or lower is better.",
      ),
      body,
    ),
  );

  async function refresh() {
    const rows = await api.indicatorRows({});
    const years = rows[0]?.years.map((y) => y.year) ?? [];
    body.replaceChildren(
      h(
        "table",
        { class: "grid", id: "indicators-grid" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col", rowspan: 2 }, "Code"),
            h("th", { scope: "col", rowspan: 2 }, "Indicator"),
            h("th", { scope: "col", rowspan: 2 }, "Better"),
            h("th", { scope: "col", rowspan: 2 }, "Baseline"),
            years.map((y) => h("th", { scope: "colgroup", colspan: 3 }, `${y}/${String(y + 1).slice(2)}`)),
          ),
          h(
            "tr",
            {},
            years.flatMap(() => [
              h("th", { scope: "col" }, "Target"),
              h("th", { scope: "col" }, "Actual"),
              h("th", { scope: "col" }, "RAG"),
            ]),
          ),
        ),
        h(
          "tbody",
          {},
          rows.map((r) => {
            const i = r.indicator;
            return h(
              "tr",
              { "data-code": i.code },
              h("th", { scope: "row" }, i.code),
              h("td", {}, i.title),
              h("td", {}, i.polarity === "lower_is_better" ? "lower" : "higher"),
              h("td", {}, i.baseline ? `${i.baseline.value}${i.unit ?? ""} (${i.baseline.year})` : ""),
              r.years.flatMap((y) => [
                figureCell(i.code, y.year, "target", y.target, i.unit),
                figureCell(i.code, y.year, "actual", y.actual, i.unit),
                h("td", { class: y.rag ? `rag rag-${y.rag}` : "rag", "data-year": y.year }, y.rag ?? ""),
              ]),
            );
          }),
        ),
      ),
    );
  }

  function figureCell(
    code: string,
    year: number,
    figure: IndicatorFigure,
    value: number | null,
    unit: string | null,
  ): HTMLElement {
    const td = h("td", { "data-year": year, "data-figure": figure });
    const text = value === null ? "" : String(value);
    const input = h("input", {
      type: "text",
      inputmode: "decimal",
      value: text,
      "aria-label": `${code} ${figure} ${year}/${String(year + 1).slice(2)}${unit ? ` (${unit})` : ""}`,
    });
    const error = h("span", { class: "field-error", role: "alert" });
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") input.blur();
      if (e.key === "Escape") {
        input.value = text;
        input.removeAttribute("aria-invalid");
        error.textContent = "";
      }
    });
    input.addEventListener("change", async () => {
      try {
        await api.indicatorSet(code, year, figure, input.value);
        await refresh();
      } catch (e) {
        input.setAttribute("aria-invalid", "true");
        error.textContent = (e as AppError).message;
      }
    });
    td.append(input, error);
    return td;
  }

  await refresh();
}

export async function peopleView(root: HTMLElement): Promise<void> {
  const [people, orgs] = await Promise.all([api.people(), api.organisations()]);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const again = () => peopleView(root);

  const error = h("p", { class: "error", role: "alert", id: "people-error" });
  const name = h("input", { type: "text", id: "person-name", "aria-label": "Name", placeholder: "Name" });
  const role = h("input", { type: "text", id: "person-role", "aria-label": "Role", placeholder: "Role (optional)" });
  const org = h(
    "select",
    { id: "person-org", "aria-label": "Organisation" },
    h("option", { value: "" }, "No organisation"),
    orgs.map((o) => h("option", { value: o.id }, o.name)),
  );
  const personForm = h(
    "form",
    { class: "row" },
    name,
    role,
    org,
    h("button", { type: "submit", class: "primary" }, "Add person"),
  );
  personForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await api.personAdd(name.value, role.value || null, org.value ? Number(org.value) : null);
      await again();
    } catch (err) {
      error.textContent = (err as AppError).message;
    }
  });

  const orgNameInput = h("input", {
    type: "text",
    id: "org-name",
    "aria-label": "Organisation name",
    placeholder: "Organisation",
  });
  const kind = h(
    "select",
    { id: "org-kind", "aria-label": "Kind of organisation" },
    ORG_KINDS.map((k) => h("option", { value: k }, label(k))),
  );
  const orgForm = h(
    "form",
    { class: "row" },
    orgNameInput,
    kind,
    h("button", { type: "submit", class: "primary" }, "Add organisation"),
  );
  const orgError = h("p", { class: "error", role: "alert" });
  orgForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await api.organisationAdd(orgNameInput.value, kind.value as OrgKind);
      await again();
    } catch (err) {
      orgError.textContent = (err as AppError).message;
    }
  });

  root.replaceChildren(
    h(
      "div",
      { class: "data-view" },
      h("h1", {}, "People"),
      personForm,
      error,
      h(
        "table",
        { class: "grid" },
        h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", {}, "Role"), h("th", {}, "Organisation"))),
        h(
          "tbody",
          {},
          people.map((p) =>
            h(
              "tr",
              {},
              h("td", {}, p.name),
              h("td", {}, p.role ?? ""),
              h("td", {}, p.organisation ? (orgName.get(p.organisation) ?? "") : ""),
            ),
          ),
        ),
      ),
      h("h1", {}, "Partner organisations"),
      orgForm,
      orgError,
      h(
        "table",
        { class: "grid" },
        h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", {}, "Kind"))),
        h(
          "tbody",
          {},
          orgs.map((o) => h("tr", {}, h("td", {}, o.name), h("td", {}, label(o.kind)))),
        ),
      ),
    ),
  );
}

export async function glossaryView(root: HTMLElement): Promise<void> {
  const terms = await api.glossary();
  const term = h("input", { type: "text", id: "glossary-term", "aria-label": "Term" });
  const def = h("input", { type: "text", id: "glossary-definition", "aria-label": "Definition" });
  const error = h("p", { class: "error", role: "alert" });
  const form = h("form", { class: "row" }, term, def, h("button", { type: "submit", class: "primary" }, "Add term"));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await api.glossaryAdd(term.value, def.value);
      await glossaryView(root);
    } catch (err) {
      error.textContent = (err as AppError).message;
    }
  });
  root.replaceChildren(
    h(
      "div",
      { class: "data-view" },
      h("h1", {}, "Glossary"),
      form,
      error,
      h(
        "dl",
        { class: "glossary" },
        terms.flatMap((t) => [h("dt", {}, t.term), h("dd", {}, t.definition)]),
      ),
    ),
  );
}

/** The languages a plan can be written in, with their dictionaries. */
const LANGUAGES: [string, string][] = [
  ["en-GB", "English (UK)"],
  ["cy-GB", "Welsh"],
  ["en-US", "English (US)"],
];

export async function propertiesView(root: HTMLElement, changed: (s: PlanSummary) => void): Promise<void> {
  const summary = await api.planSummary();
  const info: PlanInfo = summary.info;
  const form = h("form", { class: "card properties" });
  const field = (
    name: string,
    title: string,
    value: string,
    type = "text",
    set: (info: PlanInfo, v: string) => void,
  ) => {
    const id = `prop-${name}`;
    const input = h("input", { id, type, value });
    const error = h("span", { class: "field-error", role: "alert", id: `${id}-error` });
    input.addEventListener("change", async () => {
      const next: PlanInfo = structuredClone(info);
      set(next, input.value);
      try {
        changed(await api.planInfoPut(next));
        set(info, input.value);
        input.removeAttribute("aria-invalid");
        error.textContent = "";
      } catch (e) {
        input.setAttribute("aria-invalid", "true");
        error.textContent = (e as AppError).message;
      }
    });
    form.append(h("label", { for: id }, title), input, error);
  };
  const opt = (v: string) => (v.trim() ? v : null);
  field("title", "Title", info.title, "text", (i, v) => {
    i.title = v;
  });
  field("authority", "Authority", info.authority, "text", (i, v) => {
    i.authority = v;
  });
  field("start", "First year", String(info.period.start), "number", (i, v) => {
    i.period.start = Number(v);
  });
  field("end", "Last year", String(info.period.end), "number", (i, v) => {
    i.period.end = Number(v);
  });
  field("vision", "Vision", info.vision ?? "", "text", (i, v) => {
    i.vision = opt(v);
  });
  field("board", "Owning board", info.owning_board ?? "", "text", (i, v) => {
    i.owning_board = opt(v);
  });
  field("comments", "Comments deadline", info.key_dates.comments_deadline ?? "", "date", (i, v) => {
    i.key_dates.comments_deadline = opt(v);
  });
  field("second", "Second draft due", info.key_dates.second_draft_due ?? "", "date", (i, v) => {
    i.key_dates.second_draft_due = opt(v);
  });
  field("publish", "Publish by", info.key_dates.publish_by ?? "", "date", (i, v) => {
    i.key_dates.publish_by = opt(v);
  });
  field("review", "Annual review due", info.key_dates.review_due ?? "", "date", (i, v) => {
    i.key_dates.review_due = opt(v);
  });
  const language = h(
    "select",
    { id: "prop-language" },
    LANGUAGES.map(([tag, name]) => h("option", { value: tag, selected: tag === info.language }, name)),
  );
  const languageError = h("span", { class: "field-error", role: "alert", id: "prop-language-error" });
  language.addEventListener("change", async () => {
    const next: PlanInfo = { ...structuredClone(info), language: language.value };
    try {
      changed(await api.planInfoPut(next));
      info.language = language.value;
      languageError.textContent = "";
    } catch (e) {
      languageError.textContent = (e as AppError).message;
    }
  });
  form.append(h("label", { for: "prop-language" }, "Language (spelling is checked in it)"), language, languageError);
  root.replaceChildren(
    h(
      "div",
      { class: "data-view" },
      h("h1", {}, "Plan properties"),
      h("p", { class: "muted" }, "Each change is saved when you leave the field."),
      form,
      await logoCard(summary, changed),
    ),
  );
}

/** The plan's logo, kept in the plan and drawn on every export's title
 * page: a preview, and buttons to choose another or remove it. */
async function logoCard(summary: PlanSummary, changed: (s: PlanSummary) => void): Promise<HTMLElement> {
  const card = h("section", { class: "card logo", "aria-labelledby": "logo-heading" });
  const error = h("p", { class: "field-error", role: "alert", id: "prop-logo-error" });
  const show = async (s: PlanSummary) => {
    const url = s.logo ? await api.assetUrl(s.logo.asset) : null;
    card.replaceChildren(
      h("h2", { id: "logo-heading" }, "Logo"),
      url
        ? h("img", { id: "prop-logo-preview", src: url, alt: `The plan's logo (${s.logo?.name ?? ""})` })
        : h(
            "p",
            { class: "muted", id: "prop-logo-preview" },
            "No logo: the title page shows the authority's name alone.",
          ),
      h("p", { id: "prop-logo-name" }, s.logo?.name ?? ""),
      h(
        "div",
        { class: "row" },
        h(
          "button",
          {
            type: "button",
            id: "prop-logo-choose",
            title: "A PNG or JPEG image, kept in the plan",
            onclick: () =>
              void run(async () => {
                const path = await api.chooseFile("logo");
                return path === null ? null : api.planSetLogo(path);
              }),
          },
          s.logo ? "Choose another…" : "Choose…",
        ),
        h(
          "button",
          {
            type: "button",
            id: "prop-logo-remove",
            disabled: !s.logo,
            onclick: () => void run(() => api.planClearLogo()),
          },
          "Remove",
        ),
      ),
      error,
    );
  };
  const run = async (f: () => Promise<PlanSummary | null>) => {
    try {
      const s = await f();
      if (s) {
        error.textContent = "";
        changed(s);
        await show(s);
      }
    } catch (e) {
      error.textContent = (e as AppError).message;
    }
  };
  await show(summary);
  return card;
}
