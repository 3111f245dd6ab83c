// A tiny element builder: the UI is plain DOM, no framework.

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

/** Asks for confirmation in an in-page modal dialog. */
export function confirmDialog(message: string, confirmLabel: string): Promise<boolean> {
  return new Promise((resolve) => {
    const dlg = h("dialog", { class: "modal", "aria-label": "Confirm" },
      h("p", {}, message),
      h("div", { class: "row end" },
        h("button", { type: "button", onclick: () => done(false) }, "Cancel"),
        h("button", { type: "button", class: "danger", onclick: () => done(true) }, confirmLabel)));
    const done = (ok: boolean) => { dlg.close(); dlg.remove(); resolve(ok); };
    dlg.addEventListener("cancel", () => done(false));
    document.body.append(dlg);
    dlg.showModal();
  });
}

/** Asks for one line of text in an in-page modal dialog; null if cancelled. */
export function promptDialog(label: string, initial = ""): Promise<string | null> {
  return new Promise((resolve) => {
    const input = h("input", { type: "text", value: initial, "aria-label": label, id: "prompt-input" });
    const form = h("form", { method: "dialog" },
      h("label", { for: "prompt-input" }, label), input,
      h("div", { class: "row end" },
        h("button", { type: "button", onclick: () => done(null) }, "Cancel"),
        h("button", { type: "submit", class: "primary" }, "OK")));
    const dlg = h("dialog", { class: "modal" }, form);
    form.addEventListener("submit", (e) => { e.preventDefault(); done(input.value.trim() || null); });
    const done = (v: string | null) => { dlg.close(); dlg.remove(); resolve(v); };
    dlg.addEventListener("cancel", () => done(null));
    document.body.append(dlg);
    dlg.showModal();
    input.select();
  });
}

/** Asks to pick one of `options` ([value, label]) in an in-page modal dialog; null if cancelled. */
export function choiceDialog(label: string, options: [string, string][], initial?: string): Promise<string | null> {
  return new Promise((resolve) => {
    const select = h("select", { id: "choice-input" }, options.map(([v, l]) => h("option", { value: v, selected: v === initial }, l)));
    const form = h("form", { method: "dialog" },
      h("label", { for: "choice-input" }, label), select,
      h("div", { class: "row end" },
        h("button", { type: "button", onclick: () => done(null) }, "Cancel"),
        h("button", { type: "submit", class: "primary" }, "OK")));
    const dlg = h("dialog", { class: "modal" }, form);
    form.addEventListener("submit", (e) => { e.preventDefault(); done(select.value); });
    const done = (v: string | null) => { dlg.close(); dlg.remove(); resolve(v); };
    dlg.addEventListener("cancel", () => done(null));
    document.body.append(dlg);
    dlg.showModal();
    select.focus();
  });
}
