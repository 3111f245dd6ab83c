// How the committee report editor reads a report: its sections beside the
// template's, what the sections that fill themselves will print, the
// appendices in words, and a pack's result.

import type { ReportBody } from "../api";
import type { AppendixSource } from "../bindings/AppendixSource";
import type { PackResult } from "../bindings/PackResult";
import type { Report } from "../bindings/Report";
import type { ReportSection } from "../bindings/ReportSection";
import type { ReportTemplate } from "../bindings/ReportTemplate";
import type { SectionKind } from "../bindings/SectionKind";
import type { TemplateSection } from "../bindings/TemplateSection";
import { isoDate, ukDate } from "./text";

/** A report's whole body, as `report_save` takes it (its id left out: the
 * core refuses fields it does not know). */
export function reportBody(report: Report): ReportBody {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { id, ...body } = report;
  return body;
}

/** The kinds of section the report fills from its own fields. */
export function fillsItself(kind: SectionKind): boolean {
  return kind === "contact" || kind === "date" || kind === "appendices";
}

/** What a section that fills itself will print, line by line. */
export function filledText(kind: SectionKind, report: Report, appendixList: string[]): string[] {
  switch (kind) {
    case "contact": {
      const lines = [report.author, report.contact].map((s) => s.trim()).filter(Boolean);
      return lines.length ? lines : ["(no author or contact yet: fill them in above)"];
    }
    case "date":
      return [report.date ? ukDate(report.date) : "(no date yet: fill it in above)"];
    case "appendices":
      return appendixList.length ? appendixList : ["(no appendices)"];
    default:
      return [];
  }
}

/** Each of the report's sections with the template's section of its key
 * (null for a section the author added), in the report's order. */
export function sectionRows(
  report: Report,
  template: ReportTemplate | null,
): { section: ReportSection; spec: TemplateSection | null }[] {
  return report.sections.map((section) => ({
    section,
    spec: template?.sections.find((t) => t.key === section.key) ?? null,
  }));
}

/** The template's sections the report does not have. */
export function missingSections(report: Report, template: ReportTemplate | null): TemplateSection[] {
  const have = new Set(report.sections.map((s) => s.key));
  return (template?.sections ?? []).filter((t) => !have.has(t.key));
}

/** `sections` with an empty section for template section `key` put where
 * the template has it: after the last section the report has of those
 * before it in the template. */
export function withSection(sections: ReportSection[], template: ReportTemplate, key: string): ReportSection[] {
  const at = template.sections.findIndex((t) => t.key === key);
  if (at < 0 || sections.some((s) => s.key === key)) return sections;
  const before = new Set(template.sections.slice(0, at).map((t) => t.key));
  let index = 0;
  sections.forEach((s, i) => {
    if (before.has(s.key)) index = i + 1;
  });
  const added: ReportSection = {
    key,
    title: template.sections[at].title,
    content: { type: "doc", content: [] },
  };
  return [...sections.slice(0, index), added, ...sections.slice(index)];
}

/** What an appendix shows, in words (as the core's `describe` says it). */
export function describeSource(source: AppendixSource): string {
  switch (source.kind) {
    case "plan":
      return "the whole plan";
    case "chapters":
      return `${source.chapters.length === 1 ? "chapter" : "chapters"} ${source.chapters.join(", ")} of the plan`;
    case "actions":
      return `the action plan, under each ${source.group_by}`;
    case "indicators":
      return "the indicators";
    case "consultees":
      return "the consultee list";
    case "consultation":
      return "the consultation summary";
    case "glossary":
      return "the glossary";
    case "file":
      return `the attached file ${source.name}`;
  }
}

/** The kinds of appendix the picker offers, with the title a new one starts with. */
export const APPENDIX_KINDS: [AppendixSource["kind"], string, string][] = [
  ["plan", "The whole plan", "Children and Young People's Plan"],
  ["chapters", "Chosen chapters of the plan", "Extract from the plan"],
  ["actions", "The action plan", "Action plan"],
  ["indicators", "The indicators", "Indicators and targets"],
  ["consultees", "The consultee list", "Consultees"],
  ["consultation", "The consultation summary", "Consultation summary"],
  ["glossary", "The glossary", "Glossary"],
  ["file", "An attached PDF or Word file", ""],
];

/** The title a new appendix of `kind` starts with; a file's is its name
 * without the extension. */
export function defaultTitle(source: AppendixSource): string {
  if (source.kind === "file") return source.name.replace(/\.(pdf|docx)$/i, "");
  return APPENDIX_KINDS.find(([k]) => k === source.kind)?.[2] ?? "";
}

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** What a pack export wrote, line by line, for the result panel. */
export function packLines(r: PackResult): string[] {
  const lines = [
    `The ${r.public ? "public" : "internal"} pack is in ${r.folder}:`,
    `• ${fileName(r.pdf)}`,
    ...r.files.map((f) => `• ${fileName(f)}`),
  ];
  if (r.withheld.length > 0) {
    const n = r.withheld.map((a) => `Appendix ${a}`);
    const list = n.length === 1 ? n[0] : `${n.slice(0, -1).join(", ")} and ${n[n.length - 1]}`;
    lines.push(`${list} ${n.length === 1 ? "is" : "are"} exempt and left out of the public pack.`);
  }
  return lines;
}

/** A date as typed (dd/mm/yyyy, or ISO): its ISO form, null for none, or
 * why it is not a date. */
export function typedDate(text: string): { iso: string | null } | { error: string } {
  const t = text.trim();
  if (t === "") return { iso: null };
  const iso = isoDate(t);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const day = new Date(Date.UTC(y, mo - 1, d));
    if (day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d) return { iso };
  }
  return { error: `"${t}" is not a date: type it as dd/mm/yyyy` };
}
