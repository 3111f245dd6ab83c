// Paragraph numbers as the core computes them, drawn beside each numbered
// paragraph of an editor (a plan's section, a committee report's section).

import { Extension, type Editor } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";

const numbersKey = new PluginKey<DecorationSet>("paragraphNumbers");

/** The labels (from the core) of the numbered paragraphs, in order; new ones
 * continue from the last until the next save brings the computed numbers. */
function numberDecorations(doc: PMNode, labels: string[]): DecorationSet {
  const decos: Decoration[] = [];
  let i = 0;
  let last: string | null = null;
  doc.forEach((node, pos) => {
    if (node.type.name !== "paragraph" || !node.attrs.numbered) return;
    let label = labels[i] ?? null;
    if (label === null && last !== null) label = nextLabel(last);
    i += 1;
    if (label === null) return;
    last = label;
    decos.push(Decoration.node(pos, pos + node.nodeSize, { "data-num": label }));
  });
  return DecorationSet.create(doc, decos);
}

/** The number after `label`: "3.9" → "3.10", "16." → "17.". */
export function nextLabel(label: string): string {
  const m = /^(.*?)(\d+)(\.?)$/.exec(label);
  return m ? `${m[1]}${Number(m[2]) + 1}${m[3]}` : label;
}

export function numbering(getLabels: () => string[]) {
  return Extension.create({
    name: "paragraphNumbers",
    addProseMirrorPlugins() {
      return [
        new Plugin({
          key: numbersKey,
          state: {
            init: (_, state) => numberDecorations(state.doc, getLabels()),
            apply: (tr, old) =>
              tr.docChanged || tr.getMeta(numbersKey) ? numberDecorations(tr.doc, getLabels()) : old,
          },
          props: { decorations: (state) => numbersKey.getState(state) },
        }),
      ];
    },
  });
}

/** Redraws the numbers once new labels have come (a save's). */
export function refreshNumbers(editor: Editor): void {
  if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(numbersKey, true));
}
