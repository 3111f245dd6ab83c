// Paste from Word: keep headings, lists, bold/italic and tables; drop the
// rest (styles, classes, Office markup, images, fonts). The editor's closed
// schema then keeps only what it knows.

const KEEP = new Set([
  "P",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "UL",
  "OL",
  "LI",
  "B",
  "STRONG",
  "I",
  "EM",
  "TABLE",
  "CAPTION",
  "THEAD",
  "TBODY",
  "TFOOT",
  "TR",
  "TD",
  "TH",
  "BR",
  "A",
  "BLOCKQUOTE",
]);
const DROP = new Set(["STYLE", "SCRIPT", "META", "LINK", "TITLE", "XML", "IMG", "O:P", "V:SHAPE", "V:IMAGEDATA"]);

/** The most columns, and rows, a cell may span (src/model/prosemirror.rs). */
export const MAX_SPAN = 64;

export function cleanPastedHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, "text/html");
  wordListsToLists(doc);
  clean(doc.body);
  capSpans(doc);
  return doc.body.innerHTML;
}

/** Caps each cell's spans at its table's real size, as the core lays it
 * out: columns at the most cells any row has, rows at the rows from it to
 * the end, both at most MAX_SPAN. The editor's table map fills every
 * spanned slot, so a span of four billion would stop the page. */
function capSpans(doc: Document): void {
  for (const table of Array.from(doc.querySelectorAll("table"))) {
    const rows = Array.from(table.rows);
    const most = rows.reduce((m, r) => Math.max(m, r.cells.length), 1);
    rows.forEach((row, i) => {
      for (const cell of Array.from(row.cells)) {
        cap(cell, "colspan", Math.min(most, MAX_SPAN));
        cap(cell, "rowspan", Math.min(rows.length - i, MAX_SPAN));
      }
    });
  }
}

function cap(cell: Element, name: string, most: number): void {
  const v = cell.getAttribute(name);
  if (v !== null && Number(v) > most) cell.setAttribute(name, String(most));
}

function clean(el: Element): void {
  for (const child of Array.from(el.childNodes)) {
    if (child.nodeType === 8) {
      child.remove();
      continue;
    } // comments (Word's conditionals)
    if (!(child instanceof Element)) continue;
    const tag = child.tagName.toUpperCase();
    if (DROP.has(tag)) {
      child.remove();
      continue;
    }
    // Word marks bold and italic in inline styles on spans.
    const style = child.getAttribute("style") ?? "";
    clean(child);
    if (!KEEP.has(tag)) {
      let replacement: Node = document.createDocumentFragment();
      const frag = replacement as DocumentFragment;
      frag.append(...Array.from(child.childNodes));
      if (/font-weight:\s*(bold|[6-9]00)/i.test(style)) {
        const b = child.ownerDocument.createElement("strong");
        b.append(frag);
        replacement = b;
      }
      if (/font-style:\s*italic/i.test(style)) {
        const i = child.ownerDocument.createElement("em");
        i.append(replacement);
        replacement = i;
      }
      child.replaceWith(replacement);
      continue;
    }
    for (const attr of Array.from(child.attributes)) {
      const keep =
        (tag === "A" && attr.name === "href") ||
        ((tag === "TD" || tag === "TH") && (attr.name === "colspan" || attr.name === "rowspan"));
      if (!keep) child.removeAttribute(attr.name);
    }
    if (/^H[4-6]$/.test(tag)) {
      const h3 = child.ownerDocument.createElement("h3");
      h3.append(...Array.from(child.childNodes));
      child.replaceWith(h3);
    }
  }
}

/** Word writes list items as paragraphs (class MsoListParagraph…, style mso-list)
 * with the bullet as text in a span marked mso-list:Ignore. */
function wordListsToLists(doc: Document): void {
  const paras = Array.from(doc.querySelectorAll("p"));
  let list: HTMLElement | null = null;
  for (const p of paras) {
    const style = p.getAttribute("style") ?? "";
    const isItem = /mso-list:\s*l\d/i.test(style) || /MsoListParagraph/i.test(p.className);
    if (!isItem) {
      list = null;
      continue;
    }
    const marker = p.querySelector("span[style*='mso-list:Ignore'], span[style*='mso-list: Ignore']");
    const markerText = marker?.textContent?.trim() ?? "";
    marker?.remove();
    const ordered = /^(\d+|[a-z]|[ivx]+)[.)]/i.test(markerText);
    const prev = p.previousElementSibling;
    if (!list || prev !== list || (list.tagName === "OL") !== ordered) {
      list = doc.createElement(ordered ? "ol" : "ul");
      p.before(list);
    }
    const li = doc.createElement("li");
    const para = doc.createElement("p");
    para.append(...Array.from(p.childNodes));
    li.append(para);
    list.append(li);
    p.remove();
  }
}
