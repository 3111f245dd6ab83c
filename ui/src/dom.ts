// A tiny element builder and the modal dialogs built with it (export, find,
// prompts), which open on demand outside the views.

type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v as EventListener);
    else if (k === "class") el.className = String(v);
    else if (k === "value" && "value" in el) (el as HTMLInputElement).value = String(v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return el;
}

/** Asks for confirmation in an in-page modal dialog, with `details` (an
 * import's notes) listed under the message. */
export function confirmDialog(message: string, confirmLabel: string, details: string[] = []): Promise<boolean> {
  return new Promise((resolve) => {
    const dlg = h(
      "dialog",
      { class: "modal", "aria-label": "Confirm" },
      h("p", {}, message),
      details.length > 0
        ? h(
            "ul",
            { class: "details" },
            details.map((d) => h("li", {}, d)),
          )
        : null,
      h(
        "div",
        { class: "row end" },
        h("button", { type: "button", onclick: () => done(false) }, "Cancel"),
        h("button", { type: "button", class: "danger", onclick: () => done(true) }, confirmLabel),
      ),
    );
    const done = (ok: boolean) => {
      dlg.close();
      dlg.remove();
      resolve(ok);
    };
    dlg.addEventListener("cancel", () => done(false));
    document.body.append(dlg);
    dlg.showModal();
  });
}

/** Asks for one value in an in-page modal dialog: `field` under `label`, with
 * OK and Cancel; resolves to `read(field)`, or null if cancelled. */
function askDialog<F extends HTMLInputElement | HTMLSelectElement>(
  label: string,
  field: F,
  read: (f: F) => string | null,
): Promise<string | null> {
  return new Promise((resolve) => {
    field.id = "dialog-field";
    const form = h(
      "form",
      { method: "dialog" },
      h("label", { for: field.id }, label),
      field,
      h(
        "div",
        { class: "row end" },
        h("button", { type: "button", onclick: () => done(null) }, "Cancel"),
        h("button", { type: "submit", class: "primary" }, "OK"),
      ),
    );
    const dlg = h("dialog", { class: "modal" }, form);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      done(read(field));
    });
    const done = (v: string | null) => {
      dlg.close();
      dlg.remove();
      resolve(v);
    };
    dlg.addEventListener("cancel", () => done(null));
    document.body.append(dlg);
    dlg.showModal();
    if (field instanceof HTMLInputElement) field.select();
    else field.focus();
  });
}

/** Asks for one line of text; null if cancelled or left empty. */
export function promptDialog(label: string, initial = ""): Promise<string | null> {
  return askDialog(label, h("input", { type: "text", value: initial }), (i) => i.value.trim() || null);
}

/** Asks for one line of text that may be left empty (to clear it); null if cancelled. */
export function promptOptionalDialog(label: string, initial = ""): Promise<string | null> {
  return askDialog(label, h("input", { type: "text", value: initial }), (i) => i.value.trim());
}

/** Asks to pick one of `options` ([value, label]); null if cancelled. */
export function choiceDialog(label: string, options: [string, string][], initial?: string): Promise<string | null> {
  return askDialog(
    label,
    h(
      "select",
      {},
      options.map(([v, l]) => h("option", { value: v, selected: v === initial }, l)),
    ),
    (s) => s.value,
  );
}
