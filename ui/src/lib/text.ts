// How values read in the UI: British dates and money, enum values as words.

/** "not_started" as "not started". */
export const label = (s: string) => s.replace(/_/g, " ");

/** An ISO date as dd/mm/yyyy; empty for none. */
export function ukDate(iso: string | null): string {
  if (!iso) return "";
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

/** Pence as pounds: "£34,000". */
export function money(pence: number | null): string {
  return pence === null ? "" : `£${(pence / 100).toLocaleString("en-GB")}`;
}

/** A plan year as its financial year: 2009 as "2009/10". */
export const planYear = (y: number) => `${y}/${String(y + 1).slice(2)}`;

/** dd/mm/yyyy (or an ISO date) as ISO; other text as typed, for the plan
 * to refuse with a message naming the field. Empty for none. */
export function isoDate(text: string): string {
  const t = text.trim();
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  return m ? `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}` : t;
}

/** A textarea of one item a line as the list it holds: each line trimmed,
 * blank lines dropped. The core checks the rest (length, repeats). */
export function listLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
}
