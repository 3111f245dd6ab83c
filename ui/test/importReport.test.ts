import { describe, expect, it } from "vitest";
import type { ImportReport } from "../src/bindings/ImportReport";
import { importNotes, importSummary } from "../src/lib/importReport";

const report: ImportReport = {
  encoding: "a Word document (.docx)",
  place: "Paragraph",
  chapters: 1,
  sections: 2,
  paragraphs: 5,
  numbered_paragraphs: 2,
  lists: 1,
  tables: 0,
  quotes: 1,
  boxes: 0,
  footnotes: 1,
  actions: 84,
  figures: 1,
  glossary: 30,
  reports: 1,
  notes: [{ line: 7, said: "the table of contents is left out: the plan makes its own" }],
  more_notes: 3,
};

describe("an import's report", () => {
  it("says what was placed, one or many, and leaves out what there is none of", () => {
    expect(importSummary(report)).toBe(
      "1 chapter, 2 sections, 5 paragraphs (2 numbered), 1 list, 1 quote, 1 footnote, 84 actions, 1 figure, 30 glossary entries and 1 committee report",
    );
    const empty = {
      ...report,
      chapters: 1,
      sections: 0,
      paragraphs: 0,
      lists: 0,
      quotes: 0,
      footnotes: 0,
      actions: 0,
      figures: 0,
      glossary: 0,
      reports: 0,
    };
    expect(importSummary(empty)).toBe("1 chapter");
  });

  it("lists every note where it was, and counts the rest", () => {
    expect(importNotes(report)).toEqual([
      "Paragraph 7: the table of contents is left out: the plan makes its own",
      "… and 3 more lines guessed at or left out",
    ]);
  });
});
