// The buttons of an editor's toolbar: the plan's section editor and each
// field of a committee report share how a button acts and says its state.

import type { ChainedCommands, Editor } from "@tiptap/core";
import { h } from "./dom";

export type ButtonMaker = (label: string, title: string, run: () => void, active?: () => boolean) => HTMLElement;

/** Makes `ed`'s buttons: a press keeps the editor's selection (mousedown is
 * not let take the focus), and aria-pressed follows `active` after every
 * transaction. `field`, when given, ends each button's accessible name, so
 * a screen reader tells one field's Bold from the next. */
export function buttonMaker(ed: Editor, field?: string): ButtonMaker {
  return (label, title, run, active) => {
    const b = h(
      "button",
      {
        type: "button",
        title,
        "aria-label": field ? `${title} (${field})` : title,
        "aria-pressed": "false",
        onmousedown: (e: Event) => e.preventDefault(),
        onclick: () => run(),
      },
      label,
    );
    if (active) ed.on("transaction", () => b.setAttribute("aria-pressed", String(active())));
    return b;
  };
}

/** A command chain on `ed`, focusing it first on its own: focusing an
 * unfocused editor dispatches a selection transaction, which would leave a
 * chain begun before it "mismatched" and the button would do nothing. */
export function chainOn(ed: Editor): () => ChainedCommands {
  return () => {
    if (!ed.isFocused) ed.commands.focus();
    return ed.chain();
  };
}
