// How the Consultation view reads and checks what it sends: the forms for a
// round, a response and a publication as the commands take them, who of the
// required consultees has been heard from, and the outline's sections and
// the actions as a response's subject.

import type { About } from "../bindings/About";
import type { ActionView } from "../bindings/ActionView";
import type { Consultee } from "../bindings/Consultee";
import type { OutlineChapter } from "../bindings/OutlineChapter";
import type { Respond } from "../bindings/Respond";
import type { Response as ConsultationResponse } from "../bindings/Response";
import type { Round } from "../bindings/Round";
import type { Route } from "../bindings/Route";
import { typedDate } from "./reports";

/** A typed date the form needs, as ISO, or what is wrong with it. */
function neededDate(field: string, text: string): { iso: string } | { error: string } {
  const d = typedDate(text);
  if ("error" in d) return { error: `${field}: ${d.error}` };
  if (d.iso === null) return { error: `${field}: type the date as dd/mm/yyyy` };
  return { iso: d.iso };
}

/** What the form to open a round holds, as typed. */
export interface RoundForm {
  name: string;
  opens: string;
  closes: string;
}

/** The round as `consultation_open` takes it, or what is wrong with its
 * dates; the core checks the name and that it closes after it opens. */
export function roundRequest(form: RoundForm): { name: string; opens: string; closes: string } | { error: string } {
  const opens = neededDate("Opens", form.opens);
  if ("error" in opens) return opens;
  const closes = neededDate("Closes", form.closes);
  if ("error" in closes) return closes;
  return { name: form.name.trim(), opens: opens.iso, closes: closes.iso };
}

/** The "From" picker's value for someone the plan is consulted with; for
 * anyone else it is OTHER and the name is typed. */
export const OTHER = "other";
export const consulteeValue = (c: Consultee) => `${c.kind}:${c.key}`;

/** What the form to log a response holds, as picked and typed. */
export interface ResponseForm {
  round: number | null;
  /** A consultee's picker value, or OTHER. */
  from: string;
  /** The name typed when `from` is OTHER. */
  fromName: string;
  about: "plan" | "section" | "action";
  section: number | null;
  action: number | null;
  received: string;
  said: string;
}

/** The response as `consultation_respond` takes it, or what is missing;
 * the core checks who and what was said. */
export function respondRequest(form: ResponseForm, consultees: Consultee[]): { response: Respond } | { error: string } {
  if (form.round === null) return { error: "Open a round of consultation first: a response is logged against one." };
  const picked = consultees.find((c) => consulteeValue(c) === form.from);
  if (form.from !== OTHER && !picked) return { error: "From: pick who responded, or someone else and type the name." };
  let about: About;
  if (form.about === "section") {
    if (form.section === null) return { error: "About: pick the section the response is about." };
    about = { kind: "section", id: form.section };
  } else if (form.about === "action") {
    if (form.action === null) return { error: "About: pick the action the response is about." };
    about = { kind: "action", id: form.action };
  } else about = { kind: "plan" };
  const received = typedDate(form.received);
  if ("error" in received) return { error: `Received: ${received.error}` };
  return {
    response: {
      round: form.round,
      consultee: picked ? picked.key : form.fromName.trim(),
      received: received.iso,
      about,
      said: form.said.trim(),
      outcome: "",
    },
  };
}

/** Each required consultee, and whether any round has a response from it. */
export function heardFrom(
  consultees: Consultee[],
  responses: ConsultationResponse[],
): { consultee: Consultee; responded: boolean }[] {
  const heard = new Set(responses.filter((r) => r.consultee_kind === "required").map((r) => r.consultee));
  return consultees
    .filter((c) => c.kind === "required")
    .map((consultee) => ({ consultee, responded: heard.has(consultee.key) }));
}

/** The rounds that have responses, each with its responses in the order
 * the core lists them. */
export function byRound(
  rounds: Round[],
  responses: ConsultationResponse[],
): { round: Round; list: ConsultationResponse[] }[] {
  return rounds
    .map((round) => ({ round, list: responses.filter((r) => r.round === round.id) }))
    .filter((g) => g.list.length > 0);
}

/** How many required consultees have responded, in words, and what
 * approval needs of them. */
export function heardSummary(list: { responded: boolean }[]): string {
  const n = list.filter((c) => c.responded).length;
  if (list.length === 0) return "The plan names no required consultees.";
  if (n === list.length) return `All ${n} required consultees have responded.`;
  return `${n} of ${list.length} required consultees have responded; the checklist for approval needs all of them.`;
}

/** The outline's sections as the "About" picker groups them: under each
 * chapter ("1. Summary"), each section named with its chapter, as a closed
 * picker shows only the option ("Stay Safe, in 1. Summary": the sample has
 * two); a chapter's opening section (untitled) is its "Opening text". */
export function sectionChoices(
  outline: OutlineChapter[],
): { chapter: string; sections: { id: number; label: string }[] }[] {
  return outline
    .filter((c) => c.sections.length > 0)
    .map((c) => {
      const chapter = c.number === null ? c.chapter.title : `${c.number}. ${c.chapter.title}`;
      return {
        chapter,
        sections: c.sections.map((s) => ({
          id: s.section.id,
          label: `${s.section.title ?? "Opening text"}, in ${chapter}`,
        })),
      };
    });
}

/** An action as the "About" picker names it: its number and activity, cut
 * short past `max` characters. */
export function actionLabel(a: ActionView, max = 90): string {
  const text = a.activity.length > max ? `${a.activity.slice(0, max - 1).trimEnd()}…` : a.activity;
  return `${a.id}. ${text}`;
}

/** What a response is about, in words. */
export const aboutLabel = (r: ConsultationResponse) => (r.about === "" ? "The whole plan" : r.about);

/** The file name suggested for the summary: no characters a file system
 * refuses. */
export function summaryFileName(planFileName: string, ext: string): string {
  const base = planFileName.replace(/\.plan$/i, "").replace(/[\\/:*?"<>|]+/g, " ");
  return `${base} – consultation summary.${ext}`;
}

/** Each route a plan is published by, in words. */
export const ROUTE_LABELS: Record<Route, string> = {
  website: "The authority's website",
  libraries: "Libraries and other outlets",
  partners: "Sent to the partners",
  other: "Other",
};

/** What the form to record a publication holds, as typed. */
export interface PublicationForm {
  route: Route;
  place: string;
  date: string;
}

/** The publication as `publish` takes it, or what is wrong with its date;
 * the core checks where. */
export function publicationRequest(
  form: PublicationForm,
): { route: Route; place: string; published: string } | { error: string } {
  const date = neededDate("Date", form.date);
  if ("error" in date) return date;
  return { route: form.route, place: form.place.trim(), published: date.iso };
}
