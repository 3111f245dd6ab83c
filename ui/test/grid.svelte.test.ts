import { flushSync, mount, unmount } from "svelte";
import { afterEach, describe, expect, it } from "vitest";
import Grid from "../src/lib/Grid.svelte";
import type { Column } from "../src/lib/grid";
import { moveFor, span, WINDOW_FROM } from "../src/lib/grid";

// The editable grid as a user meets it: type in a cell, leave it, and only
// that row changes; the keys move between cells; a refused value says why
// at the cell and keeps what was typed.

interface Row {
  id: number;
  name: string;
  end: string;
  status: string;
}

const columns: Column<Row>[] = [
  { key: "id", title: "#", text: (r) => String(r.id), rowHeader: true, size: "narrow" },
  { key: "name", title: "Name", text: (r) => r.name, edit: "text", size: "wide", sortable: true },
  { key: "end", title: "End", text: (r) => r.end, edit: "text" },
  {
    key: "status",
    title: "Status",
    text: (r) => r.status,
    edit: [
      ["planned", "planned"],
      ["done", "done"],
    ],
  },
];

let target: HTMLElement;
let app: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (app) unmount(app);
  app = null;
  target?.remove();
});

/** A grid over `count` rows whose commits patch the row (and refuse "bad"). */
function grid(count: number) {
  const rows: Row[] = $state(
    Array.from({ length: count }, (_, i) => ({ id: i + 1, name: `Action ${i + 1}`, end: "", status: "planned" })),
  );
  const commits: string[] = [];
  target = document.createElement("div");
  document.body.append(target);
  app = mount(Grid<Row>, {
    target,
    props: {
      id: "g",
      label: "Test grid",
      rows,
      key: (r: Row) => r.id,
      columns,
      commit: async (row: Row, c: Column<Row>, text: string) => {
        commits.push(`${row.id}.${c.key}=${text}`);
        if (text === "bad") throw { code: "invalid", message: `${c.key}: "bad" is not a date`, detail: null };
        const i = rows.findIndex((r) => r.id === row.id);
        rows[i] = { ...rows[i], [c.key]: text.toUpperCase() };
      },
    },
  });
  flushSync();
  return { rows, commits };
}

const cell = (id: number, field: string) =>
  target.querySelector<HTMLInputElement>(`tr[data-key="${id}"] td[data-field="${field}"] .cell-edit`)!;

function type(el: HTMLInputElement | HTMLSelectElement, text: string) {
  el.focus();
  el.value = text;
  el.dispatchEvent(new Event("input", { bubbles: true }));
  el.dispatchEvent(new Event("change", { bubbles: true }));
}

const settle = async () => {
  await new Promise((r) => setTimeout(r, 0));
  flushSync();
};

describe("the editable grid", () => {
  it("patches the edited row and leaves every other row's elements as they were", async () => {
    const { commits } = grid(WINDOW_FROM);
    const before = [...target.querySelectorAll("tbody tr")];
    const next = cell(2, "name");
    type(cell(1, "name"), "publish the strategy");
    next.focus();
    await settle();
    expect(commits).toEqual(["1.name=publish the strategy"]);
    expect(cell(1, "name").value).toBe("PUBLISH THE STRATEGY");
    const after = [...target.querySelectorAll("tbody tr")];
    expect(after.length).toBe(WINDOW_FROM);
    expect(after.every((tr, i) => tr === before[i])).toBe(true);
    // The cell the user moved to still has the focus.
    expect(document.activeElement).toBe(next);
  });

  it("shows a refused value's reason at its cell and keeps the text typed", async () => {
    grid(3);
    const end = cell(2, "end");
    type(end, "bad");
    await settle();
    expect(end.getAttribute("aria-invalid")).toBe("true");
    expect(end.value).toBe("bad");
    expect(end.closest("td")!.querySelector(".field-error")!.textContent).toContain("is not a date");
    // Escape puts it back as saved, and the message goes.
    end.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    flushSync();
    expect(end.value).toBe("");
    expect(end.closest("td")!.querySelector(".field-error")).toBeNull();
  });

  it("moves between cells with Enter and the arrow keys", () => {
    grid(3);
    const press = (el: HTMLElement, key: string, shiftKey = false) =>
      el.dispatchEvent(new KeyboardEvent("keydown", { key, shiftKey, bubbles: true, cancelable: true }));
    const start = cell(1, "end");
    start.focus();
    press(start, "Enter");
    expect(document.activeElement).toBe(cell(2, "end"));
    press(cell(2, "end"), "ArrowDown");
    expect(document.activeElement).toBe(cell(3, "end"));
    // At the last row, down stays put.
    press(cell(3, "end"), "ArrowDown");
    expect(document.activeElement).toBe(cell(3, "end"));
    press(cell(3, "end"), "ArrowUp");
    expect(document.activeElement).toBe(cell(2, "end"));
    // An empty cell's caret is at both edges: right goes to the list, left to the name.
    press(cell(2, "end"), "ArrowRight");
    expect(document.activeElement).toBe(cell(2, "status"));
    press(cell(2, "status"), "ArrowLeft");
    press(cell(2, "end"), "ArrowLeft");
    expect(document.activeElement).toBe(cell(2, "name"));
    press(cell(2, "name"), "Enter", true);
    expect(document.activeElement).toBe(cell(1, "name"));
  });

  it("sorts by a column when its header is pressed, and back", () => {
    const { rows } = grid(3);
    rows[0].name = "Zebra crossings";
    flushSync();
    target.querySelector<HTMLButtonElement>("th[aria-sort] button")!.click();
    flushSync();
    const order = () => [...target.querySelectorAll("tbody tr")].map((tr) => tr.getAttribute("data-key"));
    expect(order()).toEqual(["2", "3", "1"]);
    target.querySelector<HTMLButtonElement>("th[aria-sort] button")!.click();
    flushSync();
    expect(order()).toEqual(["1", "2", "3"]);
  });
});

// A long grid lays out the rows near the screen. jsdom lays nothing out, so
// every row is taken to be 32 px tall (the guess before any is measured),
// and the screen is jsdom's 768 px; scrolling is the body's top moving up.
describe("a grid longer than the screen", () => {
  const rowsShown = () =>
    [...target.querySelectorAll<HTMLElement>("tbody tr[data-key]")].map((tr) => Number(tr.dataset.key));
  const gaps = () =>
    [...target.querySelectorAll<HTMLElement>("tbody tr.gap td")].map((td) => parseFloat(td.style.height));
  function scrollTo(y: number) {
    const body = target.querySelector("tbody")!;
    body.getBoundingClientRect = () => ({
      top: -y,
      bottom: 0,
      left: 0,
      right: 0,
      width: 0,
      height: 0,
      x: 0,
      y: -y,
      toJSON() {},
    });
    window.dispatchEvent(new Event("scroll"));
    flushSync();
  }

  it("lays out the rows from a screen above to a screen below, with spacers for the rest", () => {
    grid(500);
    // From the top: this screen and the next (1,536 px of 32 px rows).
    expect(rowsShown()).toEqual(Array.from({ length: 48 }, (_, i) => i + 1));
    expect(gaps()).toEqual([452 * 32]);
    expect(target.querySelector("table")!.getAttribute("aria-rowcount")).toBe("501");
    // Scrolled to row 251: rows 227 to 298 are laid out, each with its place.
    scrollTo(250 * 32);
    expect(rowsShown()[0]).toBe(227);
    expect(rowsShown().at(-1)).toBe(298);
    expect(gaps()).toEqual([226 * 32, 202 * 32]);
    const first = target.querySelector<HTMLElement>("tbody tr[data-key]")!;
    expect(first.getAttribute("aria-rowindex")).toBe("228");
  });

  it("keeps the focused row, and the text typed in it, wherever the grid is scrolled", async () => {
    const { rows, commits } = grid(500);
    const name = cell(2, "name");
    name.focus();
    name.value = "half typed";
    scrollTo(400 * 32);
    expect(rowsShown()[0]).toBe(2);
    expect(rowsShown()[1]).toBeGreaterThan(350);
    expect(cell(2, "name")).toBe(name);
    expect(document.activeElement).toBe(name);
    // The spacers still add up to the rows not laid out.
    expect(gaps().reduce((a, b) => a + b, 0)).toBe((500 - rowsShown().length) * 32);
    // Down from it goes to row 3, laid out for the move.
    name.dispatchEvent(new Event("change", { bubbles: true }));
    name.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true, cancelable: true }));
    expect(document.activeElement).toBe(cell(3, "name"));
    await settle();
    expect(commits).toEqual(["2.name=half typed"]);
    expect(rows[1].name).toBe("HALF TYPED");
    // Row 2, left, is no longer laid out; row 3 is, while it has the focus.
    expect(rowsShown().slice(0, 2)).toEqual([3, 377]);
  });

  it("sizes each column for its longest text, laid out or not", async () => {
    const { rows } = grid(500);
    const sizer = target.querySelector<HTMLElement>("thead tr.sizer")!;
    expect(sizer.getAttribute("aria-hidden")).toBe("true");
    expect(sizer.querySelector("th")!.textContent).toBe("100");
    // An edit that makes a text its column's longest widens the column.
    const long = "Allocate £34 million over the next three years to provide two new children's centres";
    type(cell(2, "name"), long);
    await settle();
    expect(sizer.querySelector<HTMLElement>("td .grow")!.dataset.value).toBe(long.toUpperCase());
    // So does a row added where it is not laid out.
    rows.push({ id: 501, name: "Review", end: "31/03/2030", status: "planned" });
    flushSync();
    expect(rowsShown()).not.toContain(501);
    expect(sizer.querySelector<HTMLInputElement>("td input")!.size).toBe(11);
    // Nothing in it can take the focus.
    expect([...sizer.querySelectorAll<HTMLInputElement>("input, select")].every((e) => e.disabled)).toBe(true);
  });
});

describe("the rows that lie within a stretch of a list", () => {
  it("counts any row in part within it, and none past its end", () => {
    const h = [10, 20, 30, 40];
    expect(span(h, 0, 10)).toEqual([0, 1]);
    expect(span(h, 5, 31)).toEqual([0, 3]);
    expect(span(h, 30, 60)).toEqual([2, 3]);
    expect(span(h, -100, -1)).toEqual([0, 0]);
    expect(span(h, 100, 200)).toEqual([4, 4]);
    expect(span([], 0, 100)).toEqual([0, 0]);
  });
});

describe("where a key moves the focus", () => {
  it("leaves the caret to the text until it reaches the text's edge", () => {
    expect(moveFor("ArrowLeft", false, { at: 3, end: 3, length: 5 })).toBeNull();
    expect(moveFor("ArrowLeft", false, { at: 0, end: 0, length: 5 })).toEqual([0, -1]);
    expect(moveFor("ArrowRight", false, { at: 5, end: 5, length: 5 })).toEqual([0, 1]);
    // A selection is the user's: it is not a move.
    expect(moveFor("ArrowRight", false, { at: 0, end: 5, length: 5 })).toBeNull();
    expect(moveFor("a", false, null)).toBeNull();
  });
});
