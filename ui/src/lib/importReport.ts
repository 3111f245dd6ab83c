// How an import's report reads, in the start page's preview and in the
// dialog that adds a document to the open plan.
import type { ImportReport } from "../bindings/ImportReport";

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "2 chapters, 3 sections, 5 paragraphs (2 numbered), …": what was placed. */
export function importSummary(r: ImportReport): string {
  return [
    count(r.chapters, "chapter", "chapters"),
    count(r.sections, "section", "sections"),
    `${count(r.paragraphs, "paragraph", "paragraphs")} (${r.numbered_paragraphs} numbered)`,
    count(r.lists, "list", "lists"),
    count(r.tables, "table", "tables"),
    count(r.quotes, "quote", "quotes"),
    count(r.footnotes, "footnote", "footnotes"),
    count(r.actions, "action", "actions"),
    count(r.boxes, "box", "boxes"),
    count(r.figures, "figure", "figures"),
  ]
    .join(", ")
    .concat(` and ${count(r.glossary, "glossary entry", "glossary entries")}`);
}

/** Every guess and unplaced line, "Line 7: …", then how many more there were. */
export function importNotes(r: ImportReport): string[] {
  const notes = r.notes.map((n) => `${r.place} ${n.line}: ${n.said}`);
  if (r.more_notes > 0) notes.push(`… and ${r.more_notes} more lines guessed at or left out`);
  return notes;
}
