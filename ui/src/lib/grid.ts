// What the editable grid (Grid.svelte) is told about its columns, and how
// keys move between its cells.

/** A column of an editable grid over rows of type R. */
export interface Column<R> {
  /** The field it shows: `data-field` of its cells. */
  key: string;
  /** The header; `label` names it for screen readers when the header is
   * abbreviated ("Obj." for "Objective"). */
  title: string;
  label?: string;
  /** A header over several columns, shown above them (a year over its
   * target, actual and RAG). */
  group?: string;
  /** The cell's text. */
  text: (row: R) => string;
  /** How it is edited: typed text, or one of `[value, shown]` choices.
   * Absent: read only. */
  edit?: "text" | readonly (readonly [string, string])[];
  /** "wide" text wraps within a generous width; "narrow" columns hold a
   * number or a code; others take their content's width. */
  size?: "wide" | "narrow";
  placeholder?: string;
  /** The accessible name of the cell's input ("End of action 4"). */
  cellLabel?: (row: R) => string;
  /** Extra class of the cell (a RAG colour). */
  cellClass?: (row: R) => string;
  /** Extra `data-` attributes of the cell. */
  data?: Record<string, string>;
  /** The row's header cell (`th scope=row`). */
  rowHeader?: boolean;
  /** Sorts when its header is clicked. */
  sortable?: boolean;
}

/** Where a key pressed in a cell's input moves the focus: a row and a
 * column step, or nowhere (the key edits text as usual). Enter also
 * commits (the move blurs the input). */
export function moveFor(
  key: string,
  shift: boolean,
  caret: { at: number; end: number; length: number } | null,
): [number, number] | null {
  switch (key) {
    case "Enter":
      return [shift ? -1 : 1, 0];
    case "ArrowUp":
      return [-1, 0];
    case "ArrowDown":
      return [1, 0];
    // Left and right move within the text until the caret is at its edge.
    case "ArrowLeft":
      return caret === null || (caret.at === 0 && caret.end === 0) ? [0, -1] : null;
    case "ArrowRight":
      return caret === null || (caret.at === caret.length && caret.end === caret.length) ? [0, 1] : null;
    default:
      return null;
  }
}

/** Grids of more rows than this lay out only the rows near the screen, and
 * the focused one: a frame then lays out a few dozen rows, not hundreds of
 * form controls (a 500-row table took 17 ms a frame to lay out). Shorter
 * grids lay out all their rows. */
export const WINDOW_FROM = 200;

/** The items `[start, end)` of a list whose items are `heights` pixels tall
 * that lie, at least in part, between `from` and `to` pixels from its top.
 * One pass: O(items). */
export function span(heights: readonly number[], from: number, to: number): [number, number] {
  let y = 0;
  let start = -1;
  for (let i = 0; i < heights.length; i++) {
    if (y >= to) return [start < 0 ? i : start, i];
    if (start < 0 && y + heights[i] > from) start = i;
    y += heights[i];
  }
  return [start < 0 ? heights.length : start, heights.length];
}
