// How an import's report reads, in the start page's preview and in the
// dialog that adds a document to the open plan.
import type { ImportReport } from "../bindings/ImportReport";

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 chapters, 3 sections, 5 paragraphs (2 numbered) and 1 list": what was
 * placed, leaving out what there is none of (but the chapters). */
export function importSummary(r: ImportReport): string {
  const parts: [number, string][] = [
    [r.sections, count(r.sections, "section", "sections")],
    [r.paragraphs, `${count(r.paragraphs, "paragraph", "paragraphs")} (${r.numbered_paragraphs} numbered)`],
    [r.lists, count(r.lists, "list", "lists")],
    [r.tables, count(r.tables, "table", "tables")],
    [r.quotes, count(r.quotes, "quote", "quotes")],
    [r.footnotes, count(r.footnotes, "footnote", "footnotes")],
    [r.actions, count(r.actions, "action", "actions")],
    [r.boxes, count(r.boxes, "box", "boxes")],
    [r.figures, count(r.figures, "figure", "figures")],
    [r.glossary, count(r.glossary, "glossary entry", "glossary entries")],
    [r.reports, count(r.reports, "committee report", "committee reports")],
  ];
  const said = [count(r.chapters, "chapter", "chapters"), ...parts.filter(([n]) => n > 0).map(([, s]) => s)];
  return said.length === 1 ? said[0] : `${said.slice(0, -1).join(", ")} and ${said[said.length - 1]}`;
}

/** Every guess and unplaced line, "Line 7: …", then how many more there were. */
export function importNotes(r: ImportReport): string[] {
  const notes = r.notes.map((n) => `${r.place} ${n.line}: ${n.said}`);
  if (r.more_notes > 0) notes.push(`… and ${r.more_notes} more lines guessed at or left out`);
  return notes;
}
