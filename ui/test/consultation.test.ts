import { describe, expect, it } from "vitest";
import type { ActionView } from "../src/bindings/ActionView";
import type { Consultee } from "../src/bindings/Consultee";
import type { OutlineChapter } from "../src/bindings/OutlineChapter";
import type { Response as ConsultationResponse } from "../src/bindings/Response";
import {
  OTHER,
  aboutLabel,
  actionLabel,
  byRound,
  consulteeValue,
  heardFrom,
  heardSummary,
  publicationRequest,
  respondRequest,
  roundRequest,
  sectionChoices,
  summaryFileName,
  type ResponseForm,
} from "../src/lib/consultation";

const consultees: Consultee[] = [
  { kind: "required", key: "1", name: "The partners within the Children's Trust" },
  { kind: "required", key: "9", name: "The Local Safeguarding Children Board" },
  { kind: "organisation", key: "Barnardo's", name: "Barnardo's" },
];
const response = (id: number, round: number, kind: ConsultationResponse["consultee_kind"], consultee: string) => ({
  id,
  round,
  consultee_kind: kind,
  consultee,
  from: consultee,
  received: null,
  about: "",
  said: "More play areas.",
  outcome: "",
});
const form: ResponseForm = {
  round: 1,
  from: "required:9",
  fromName: "",
  about: "plan",
  section: null,
  action: null,
  received: "",
  said: " More play areas. ",
};

describe("a round", () => {
  it("sends its dates as ISO and its name trimmed", () => {
    expect(roundRequest({ name: " First draft ", opens: "7/3/2008", closes: "14/03/2008" })).toEqual({
      name: "First draft",
      opens: "2008-03-07",
      closes: "2008-03-14",
    });
  });

  it("needs both dates, each a real one", () => {
    expect(roundRequest({ name: "x", opens: "", closes: "14/03/2008" })).toEqual({
      error: "Opens: type the date as dd/mm/yyyy",
    });
    expect(roundRequest({ name: "x", opens: "7/3/2008", closes: "31/02/2008" })).toEqual({
      error: 'Closes: "31/02/2008" is not a date: type it as dd/mm/yyyy',
    });
  });
});

describe("a response", () => {
  it("is from a required consultee by its code, about the whole plan", () => {
    expect(respondRequest(form, consultees)).toEqual({
      response: {
        round: 1,
        consultee: "9",
        received: null,
        about: { kind: "plan" },
        said: "More play areas.",
        outcome: "",
      },
    });
  });

  it("is from a partner by its name, or from anyone by the name typed", () => {
    const partner = respondRequest({ ...form, from: consulteeValue(consultees[2]) }, consultees);
    expect("response" in partner && partner.response.consultee).toBe("Barnardo's");
    const typed = respondRequest({ ...form, from: OTHER, fromName: " Anyshire Youth Forum " }, consultees);
    expect("response" in typed && typed.response.consultee).toBe("Anyshire Youth Forum");
  });

  it("is about the section or action picked, and says when one is not", () => {
    const s = respondRequest({ ...form, about: "section", section: 23, received: "10/03/2008" }, consultees);
    expect(s).toMatchObject({ response: { about: { kind: "section", id: 23 }, received: "2008-03-10" } });
    const a = respondRequest({ ...form, about: "action", action: 12 }, consultees);
    expect(a).toMatchObject({ response: { about: { kind: "action", id: 12 } } });
    expect(respondRequest({ ...form, about: "section" }, consultees)).toEqual({
      error: "About: pick the section the response is about.",
    });
    expect(respondRequest({ ...form, about: "action" }, consultees)).toEqual({
      error: "About: pick the action the response is about.",
    });
  });

  it("needs a round, someone it is from and a real date", () => {
    expect(respondRequest({ ...form, round: null }, consultees)).toHaveProperty("error");
    expect(respondRequest({ ...form, from: "required:4" }, consultees)).toEqual({
      error: "From: pick who responded, or someone else and type the name.",
    });
    expect(respondRequest({ ...form, received: "yesterday" }, consultees)).toEqual({
      error: 'Received: "yesterday" is not a date: type it as dd/mm/yyyy',
    });
  });
});

describe("who has been heard from", () => {
  it("marks each required consultee with a response in any round", () => {
    const responses = [
      response(1, 1, "required", "9"),
      response(2, 2, "organisation", "Barnardo's"),
      // Someone whose name is a code is not that consultee.
      response(3, 2, "other", "1"),
    ];
    const heard = heardFrom(consultees, responses);
    expect(heard.map((h) => [h.consultee.key, h.responded])).toEqual([
      ["1", false],
      ["9", true],
    ]);
    expect(heardSummary(heard)).toBe(
      "1 of 2 required consultees have responded; the checklist for approval needs all of them.",
    );
    expect(heardSummary(heard.map((h) => ({ ...h, responded: true })))).toBe(
      "All 2 required consultees have responded.",
    );
  });

  it("groups the responses under the rounds that have them", () => {
    const rounds = [
      { id: 1, name: "First draft", opens: "2008-03-07", closes: "2008-03-14" },
      { id: 2, name: "Second draft", opens: "2008-04-01", closes: "2008-04-14" },
      { id: 3, name: "Nothing back", opens: "2008-05-01", closes: "2008-05-14" },
    ];
    const grouped = byRound(rounds, [
      response(1, 1, "required", "9"),
      response(2, 2, "other", "A"),
      response(3, 1, "other", "B"),
    ]);
    expect(grouped.map((g) => [g.round.name, g.list.map((r) => r.id)])).toEqual([
      ["First draft", [1, 3]],
      ["Second draft", [2]],
    ]);
  });
});

describe("what a response is about", () => {
  it("offers each chapter's sections, an untitled opening by name", () => {
    const outline: OutlineChapter[] = [
      {
        chapter: { id: 1, title: "Welcome", numbered: false },
        number: null,
        sections: [{ section: { id: 1, chapter: 1, title: null }, blocks: 2, words: 40 }],
      },
      {
        chapter: { id: 2, title: "Summary", numbered: true },
        number: 1,
        sections: [
          { section: { id: 2, chapter: 2, title: null }, blocks: 1, words: 10 },
          { section: { id: 3, chapter: 2, title: "Be Healthy" }, blocks: 1, words: 10 },
        ],
      },
      { chapter: { id: 3, title: "Empty", numbered: true }, number: 2, sections: [] },
    ];
    expect(sectionChoices(outline)).toEqual([
      { chapter: "Welcome", sections: [{ id: 1, label: "Opening text, in Welcome" }] },
      {
        chapter: "1. Summary",
        sections: [
          { id: 2, label: "Opening text, in 1. Summary" },
          { id: 3, label: "Be Healthy, in 1. Summary" },
        ],
      },
    ]);
  });

  it("names an action by its number and activity, cut short", () => {
    const a = { id: 12, activity: "Publish a play strategy" } as ActionView;
    expect(actionLabel(a)).toBe("12. Publish a play strategy");
    expect(actionLabel({ ...a, activity: "Develop and publish a strategy" }, 12)).toBe("12. Develop and…");
  });

  it("says the whole plan when a response names nothing", () => {
    expect(aboutLabel(response(1, 1, "other", "A"))).toBe("The whole plan");
    expect(aboutLabel({ ...response(1, 1, "other", "A"), about: 'section "Play" of chapter "Enjoy"' })).toBe(
      'section "Play" of chapter "Enjoy"',
    );
  });
});

describe("the summary and publication", () => {
  it("suggests the summary's file name from the plan's", () => {
    expect(summaryFileName("sample.plan", "pdf")).toBe("sample – consultation summary.pdf");
    expect(summaryFileName("a:b.PLAN", "docx")).toBe("a b – consultation summary.docx");
  });

  it("sends a publication's date as ISO, and needs one", () => {
    expect(
      publicationRequest({ route: "website", place: " https://www.example.gov.uk/cypp ", date: "1/6/2008" }),
    ).toEqual({ route: "website", place: "https://www.example.gov.uk/cypp", published: "2008-06-01" });
    expect(publicationRequest({ route: "libraries", place: "County libraries", date: "" })).toEqual({
      error: "Date: type the date as dd/mm/yyyy",
    });
  });
});
