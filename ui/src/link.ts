// Links, to web pages and e-mail only (linkAllowed): kept from pasted HTML
// when allowed, set by command, and made by pasting an address over
// selected text. TipTap's own Link extension also finds addresses in typed
// text, with a URL tokenizer that would be a twentieth of the UI's code:
// links here are never made from typing.

import { Mark, mergeAttributes } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    link: {
      /** Links the selection to `href`; false if the address is refused. */
      setLink: (attributes: { href: string }) => ReturnType;
      unsetLink: () => ReturnType;
    };
  }
}

export interface LinkOptions {
  /** Whether a link may go to `href`. */
  allowed: (href: string) => boolean;
}

export const Link = Mark.create<LinkOptions>({
  name: "link",
  priority: 1000,
  inclusive: false,
  keepOnSplit: false,

  addOptions() {
    return { allowed: () => false };
  },

  addAttributes() {
    return { href: { default: null, parseHTML: (el) => el.getAttribute("href") } };
  },

  parseHTML() {
    return [
      {
        tag: "a[href]",
        // A refused address is no link: its text stays, unlinked.
        getAttrs: (el) => (this.options.allowed(el.getAttribute("href") ?? "") ? null : false),
      },
    ];
  },

  renderHTML({ HTMLAttributes }) {
    // Never followed from the editor: no target, and no referrer if opened.
    return ["a", mergeAttributes(HTMLAttributes, { rel: "noopener noreferrer nofollow" }), 0];
  },

  addCommands() {
    return {
      setLink:
        ({ href }) =>
        ({ chain }) =>
          this.options.allowed(href) && chain().setMark(this.name, { href }).run(),
      unsetLink:
        () =>
        ({ chain }) =>
          chain().unsetMark(this.name, { extendEmptyMarkRange: true }).run(),
    };
  },

  addProseMirrorPlugins() {
    const type = this.type;
    const allowed = this.options.allowed;
    return [
      new Plugin({
        key: new PluginKey("linkOnPaste"),
        props: {
          // An address pasted over selected text links that text.
          handlePaste: (view, event) => {
            const { from, to, empty } = view.state.selection;
            const text = event.clipboardData?.getData("text/plain").trim() ?? "";
            if (empty || /\s/.test(text) || !allowed(text)) return false;
            view.dispatch(view.state.tr.addMark(from, to, type.create({ href: text })));
            return true;
          },
        },
      }),
    ];
  },
});
