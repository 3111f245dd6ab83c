// The editor's closed schema. Node and mark names and attributes are exactly
// those of the core's ProseMirror form (src/model/prosemirror.rs): a document
// the editor produces always parses there, and nothing else can be typed in.

import { Mark, Node, mergeAttributes, type Extensions } from "@tiptap/core";
import Bold from "@tiptap/extension-bold";
import Blockquote from "@tiptap/extension-blockquote";
import Document from "@tiptap/extension-document";
import HardBreak from "@tiptap/extension-hard-break";
import Heading from "@tiptap/extension-heading";
import Italic from "@tiptap/extension-italic";
import { BulletList, ListItem, ListKeymap, OrderedList } from "@tiptap/extension-list";
import Paragraph from "@tiptap/extension-paragraph";
import Text from "@tiptap/extension-text";
import { Dropcursor, Gapcursor, TrailingNode, UndoRedo } from "@tiptap/extensions";
import { Link } from "./link";
import { Table, TableRow, TableHeader, TableCell } from "@tiptap/extension-table";

const inCell = "(paragraph|bulletList|orderedList)+";

/** A paragraph, optionally numbered (its number is computed, never stored). */
export const NumberedParagraph = Paragraph.extend({
  addAttributes() {
    return {
      numbered: {
        default: false,
        parseHTML: (el) => el.getAttribute("data-numbered") === "true",
        renderHTML: (attrs) => (attrs.numbered ? { "data-numbered": "true" } : {}),
      },
    };
  },
});

/** A quotation with an optional attribution ("young person, Loughborough"). */
export const Quote = Blockquote.extend({
  content: "(paragraph|bulletList|orderedList)+",
  addAttributes() {
    return {
      attribution: {
        default: null,
        parseHTML: (el) => el.getAttribute("data-attribution"),
        renderHTML: (attrs) => (attrs.attribution ? { "data-attribution": attrs.attribution } : {}),
      },
    };
  },
});

export const CALLOUT_KINDS = ["case_study", "next_steps", "info"] as const;
export type CalloutKind = (typeof CALLOUT_KINDS)[number];
export const CALLOUT_LABELS: Record<CalloutKind, string> = {
  case_study: "Case study",
  next_steps: "What we will do next",
  info: "Information",
};

/** A boxed case study, "what we will do next", or information box. */
export const Callout = Node.create({
  name: "callout",
  group: "block",
  content: "(paragraph|bulletList|orderedList|blockquote)+",
  defining: true,
  addAttributes() {
    return {
      kind: { default: "case_study", parseHTML: (el) => el.getAttribute("data-kind") },
      title: { default: null, parseHTML: (el) => el.getAttribute("data-title") },
    };
  },
  parseHTML: () => [{ tag: "aside[data-callout]" }],
  renderHTML({ node, HTMLAttributes }) {
    return [
      "aside",
      mergeAttributes(HTMLAttributes, {
        "data-callout": "",
        "data-kind": node.attrs.kind,
        "data-title": node.attrs.title ?? "",
        // What the box says at its top: its title, else its kind.
        "data-label": node.attrs.title || CALLOUT_LABELS[node.attrs.kind as CalloutKind] || "",
        class: `callout callout-${node.attrs.kind}`,
      }),
      0,
    ];
  },
});

/** An image with required alt text; the core refuses to save one without. */
export const Figure = Node.create({
  name: "figure",
  group: "block",
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      asset: { default: null },
      alt: { default: null },
      caption: { default: null },
    };
  },
  parseHTML: () => [
    {
      tag: "figure[data-asset]",
      getAttrs: (el) => ({ asset: (el as HTMLElement).dataset.asset, alt: (el as HTMLElement).dataset.alt ?? null }),
    },
  ],
  renderHTML: ({ node }) => [
    "figure",
    { "data-asset": node.attrs.asset ?? "", "data-alt": node.attrs.alt ?? "", class: "figure" },
    ["span", { class: "figure-asset" }, `Figure: ${node.attrs.asset ?? "(no image)"}`],
    ["figcaption", {}, node.attrs.caption ?? ""],
  ],
});

/** The text of a footnote, referenced by footnoteRef marks with the same id. */
export const Footnote = Node.create({
  name: "footnote",
  group: "block",
  content: "inline*",
  addAttributes() {
    return { id: { default: null, parseHTML: (el) => el.getAttribute("data-footnote") } };
  },
  parseHTML: () => [{ tag: "div[data-footnote]" }],
  renderHTML: ({ node }) => ["div", { "data-footnote": node.attrs.id ?? "", class: "footnote" }, 0],
});

export const PageBreak = Node.create({
  name: "pageBreak",
  group: "block",
  atom: true,
  parseHTML: () => [{ tag: "div[data-page-break]" }],
  renderHTML: () => [
    "div",
    { "data-page-break": "", class: "page-break", role: "separator", "aria-label": "Page break" },
    "Page break",
  ],
});

/** Live planning data (an action or indicator table), rendered by a node view. */
export const DataBlock = Node.create({
  name: "dataBlock",
  group: "block",
  atom: true,
  addAttributes() {
    return {
      source: { default: "actions" },
      filter: { default: {} },
    };
  },
  parseHTML: () => [{ tag: "div[data-source]", getAttrs: (el) => ({ source: (el as HTMLElement).dataset.source }) }],
  renderHTML: ({ node }) => [
    "div",
    { "data-source": node.attrs.source, class: "data-block" },
    node.attrs.source === "indicator_chart"
      ? `Chart of ${String((node.attrs.filter as { code?: string } | null)?.code ?? "")}`
      : `Table of ${node.attrs.source}`,
  ],
});

/** A footnote reference, shown as a superscript marker. */
export const FootnoteRef = Mark.create({
  name: "footnoteRef",
  inclusive: false,
  addAttributes() {
    return { id: { default: null, parseHTML: (el) => el.getAttribute("data-footnote-ref") } };
  },
  parseHTML: () => [{ tag: "sup[data-footnote-ref]" }],
  renderHTML: ({ mark }) => ["sup", { "data-footnote-ref": mark.attrs.id, class: "footnote-ref" }, 0],
});

/** Every extension of the closed schema (without node views: see editor.ts). */
export function schemaExtensions(): Extensions {
  return [
    Document,
    Text,
    Bold,
    Italic,
    HardBreak,
    Heading.configure({ levels: [1, 2, 3] }),
    BulletList,
    OrderedList,
    ListKeymap,
    Dropcursor,
    Gapcursor,
    TrailingNode,
    UndoRedo,
    // A link the core would refuse is dropped as it is pasted or set.
    Link.configure({ allowed: linkAllowed }),
    NumberedParagraph,
    Quote,
    ListItem.extend({ content: "paragraph (paragraph|bulletList|orderedList)*" }),
    Callout,
    Figure,
    Footnote,
    PageBreak,
    DataBlock,
    FootnoteRef,
    Table.extend({
      addAttributes() {
        return {
          caption: {
            default: null,
            parseHTML: (el) =>
              el.getAttribute("data-caption") ?? el.querySelector("caption")?.textContent?.trim() ?? null,
            renderHTML: (attrs) => (attrs.caption ? { "data-caption": attrs.caption } : {}),
          },
        };
      },
    }).configure({ resizable: false }),
    TableRow,
    TableHeader.extend({ content: inCell }),
    TableCell.extend({ content: inCell }),
  ];
}

/** Whether a link may go to `href`: web pages and e-mail only, as the core
 * allows (src/model/prosemirror.rs, `link_allowed`). Anything else
 * (javascript:, file:, data:, a relative path) could run or open something
 * on a reader's machine when clicked in the PDF. */
export function linkAllowed(href: unknown): boolean {
  // Control characters are matched on purpose: the core refuses them too.
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u001f\u007f-\u009f]/;
  return typeof href === "string" && /^(https?:\/\/|mailto:)./i.test(href) && !control.test(href);
}

type JsonNode = { type?: string; marks?: { type?: string; attrs?: { href?: unknown } }[]; content?: JsonNode[] };

/** `node` without the links the core would refuse (a plan from an older
 * version, or made by hand, may hold one); their text stays. The same
 * object when it has none. */
function withoutRefusedLinks(node: JsonNode): JsonNode {
  const refused = (m: { type?: string; attrs?: { href?: unknown } }) =>
    m.type === "link" && !linkAllowed(m.attrs?.href);
  let changed = false;
  const marks = node.marks?.filter((m) => !refused(m));
  if (marks && marks.length !== node.marks?.length) changed = true;
  const content = node.content?.map((c) => {
    const clean = withoutRefusedLinks(c);
    if (clean !== c) changed = true;
    return clean;
  });
  if (!changed) return node;
  const out: JsonNode = { ...node, content };
  if (node.marks) out.marks = marks;
  if (!node.content) delete out.content;
  return out;
}

/** The node and mark names the core accepts; a test checks the editor's schema against it. */
export const CORE_NODES = [
  "doc",
  "heading",
  "paragraph",
  "bulletList",
  "orderedList",
  "listItem",
  "blockquote",
  "callout",
  "table",
  "tableRow",
  "tableHeader",
  "tableCell",
  "figure",
  "footnote",
  "pageBreak",
  "dataBlock",
  "text",
  "hardBreak",
];
export const CORE_MARKS = ["bold", "italic", "link", "footnoteRef"];

/** The document as the editor must hold it: the core stores an empty section
 * as a doc with no blocks, which ProseMirror's `block+` does not allow; the
 * view would then patch one in under a pending command and every toolbar
 * button would fail with a "mismatched transaction". Links the core would
 * refuse are dropped, so that the section can be saved again. */
export function editableDoc(doc: unknown): object {
  const d = (doc ?? {}) as { type?: string; content?: JsonNode[] };
  if (Array.isArray(d.content) && d.content.length > 0) return withoutRefusedLinks(d);
  return { type: "doc", content: [{ type: "paragraph", attrs: { numbered: false } }] };
}
