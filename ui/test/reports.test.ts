import { describe, expect, it } from "vitest";
import type { Report } from "../src/bindings/Report";
import type { ReportTemplate } from "../src/bindings/ReportTemplate";
import type { TemplateSection } from "../src/bindings/TemplateSection";
import {
  defaultTitle,
  describeSource,
  filledText,
  fillsItself,
  missingSections,
  packLines,
  reportBody,
  sectionRows,
  typedDate,
  withSection,
} from "../src/lib/reports";

const spec = (
  key: string,
  title: string,
  kind: TemplateSection["kind"] = "text",
  required = true,
): TemplateSection => ({
  key,
  title,
  kind,
  required,
  numbered: kind === "text",
  restart: false,
  part: null,
  hint: "",
});

const template: ReportTemplate = {
  key: "leicestershire",
  name: "Leicestershire County Council",
  authority: "Leicestershire County Council",
  numbering: "continuous",
  page_numbers: "continuous",
  font: "Arial",
  font_size: 12,
  logo: false,
  sections: [
    spec("purpose", "Purpose of the Report"),
    spec("background", "Background"),
    spec("recommendations", "Recommendations", "recommendations"),
    spec("author", "Officer to contact", "contact"),
    spec("date", "Date", "date"),
  ],
};

const empty = { type: "doc", content: [] };
const report: Report = {
  id: 1,
  template: "leicestershire",
  title: "The Children’s Plan",
  committee: "Children and Young People’s Executive",
  meeting_date: "2008-02-08",
  report_of: "",
  author: "Sudha Amin",
  contact: "0116 305 7429",
  date: null,
  status: "draft",
  exempt: null,
  sections: [
    { key: "purpose", title: "Purpose of the Report", content: empty },
    { key: "recommendations", title: "Recommendations", content: empty },
    { key: "own", title: "Something of my own", content: empty },
  ],
  appendices: [],
};

describe("the report editor's reading of a report", () => {
  it("saves the body without the id, which the core refuses", () => {
    const b = reportBody(report);
    expect("id" in b).toBe(false);
    expect(b.title).toBe(report.title);
  });

  it("pairs each section with the template's, and lists what the template has that the report lacks", () => {
    const rows = sectionRows(report, template);
    expect(rows.map((r) => [r.section.key, r.spec?.kind ?? null])).toEqual([
      ["purpose", "text"],
      ["recommendations", "recommendations"],
      ["own", null],
    ]);
    expect(missingSections(report, template).map((t) => t.key)).toEqual(["background", "author", "date"]);
    expect(missingSections(report, null)).toEqual([]);
  });

  it("puts a missing section where the template has it", () => {
    const keys = (k: string) => withSection(report.sections, template, k).map((s) => s.key);
    expect(keys("background")).toEqual(["purpose", "background", "recommendations", "own"]);
    expect(keys("author")).toEqual(["purpose", "recommendations", "author", "own"]);
    expect(withSection(report.sections, template, "purpose")).toBe(report.sections);
    expect(withSection(report.sections, template, "nowhere")).toBe(report.sections);
    const added = withSection(report.sections, template, "date").find((s) => s.key === "date");
    expect(added).toEqual({ key: "date", title: "Date", content: { type: "doc", content: [] } });
  });

  it("shows what the sections that fill themselves will print", () => {
    expect(["contact", "date", "appendices"].every((k) => fillsItself(k as TemplateSection["kind"]))).toBe(true);
    expect(fillsItself("text") || fillsItself("recommendations") || fillsItself("sign_off")).toBe(false);
    expect(filledText("contact", report, [])).toEqual(["Sudha Amin", "0116 305 7429"]);
    expect(filledText("date", report, [])).toEqual(["(no date yet: fill it in above)"]);
    expect(filledText("date", { ...report, date: "2008-01-30" }, [])).toEqual(["30/01/2008"]);
    expect(filledText("appendices", report, ["Appendix 1 – Implications"])).toEqual(["Appendix 1 – Implications"]);
    expect(filledText("appendices", report, [])).toEqual(["(no appendices)"]);
  });

  it("says what each appendix shows, and gives a new one a title", () => {
    expect(describeSource({ kind: "plan" })).toBe("the whole plan");
    expect(describeSource({ kind: "chapters", chapters: [2] })).toBe("chapter 2 of the plan");
    expect(describeSource({ kind: "chapters", chapters: [1, 3] })).toBe("chapters 1, 3 of the plan");
    expect(
      describeSource({
        kind: "actions",
        group_by: "lead",
        columns: { timescale: true, outcome: false, status: false },
      }),
    ).toBe("the action plan, under each lead");
    expect(describeSource({ kind: "file", asset: "a1", name: "Equality impact.pdf" })).toBe(
      "the attached file Equality impact.pdf",
    );
    expect(defaultTitle({ kind: "file", asset: "a1", name: "Equality impact.pdf" })).toBe("Equality impact");
    expect(defaultTitle({ kind: "glossary" })).toBe("Glossary");
  });

  it("reads typed dates as the UK writes them and refuses what is not a date", () => {
    expect(typedDate("")).toEqual({ iso: null });
    expect(typedDate(" 8/2/2008 ")).toEqual({ iso: "2008-02-08" });
    expect(typedDate("2008-02-08")).toEqual({ iso: "2008-02-08" });
    expect(typedDate("31/02/2008")).toEqual({ error: '"31/02/2008" is not a date: type it as dd/mm/yyyy' });
    expect("error" in typedDate("next Tuesday")).toBe(true);
  });

  it("lists what a pack wrote and what it withheld", () => {
    const lines = packLines({
      folder: "/home/u/pack",
      pdf: "/home/u/pack/Committee pack (public).pdf",
      files: ["/home/u/pack/Cover report.docx", "/home/u/pack/Appendix 1 - Plan.docx"],
      public: true,
      withheld: [2, 3],
      warnings: [],
    });
    expect(lines).toEqual([
      "The public pack is in /home/u/pack:",
      "• Committee pack (public).pdf",
      "• Cover report.docx",
      "• Appendix 1 - Plan.docx",
      "Appendix 2 and Appendix 3 are exempt and left out of the public pack.",
    ]);
  });
});
