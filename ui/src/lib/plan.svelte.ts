// The open plan's data as the views show it. Each part is loaded when a view
// first needs it and kept; when a command says it made a view stale (see
// stale.ts), that part is loaded again at once if a view shows it, or
// marked to load when one next does. The UI never guesses what an edit
// touched.

import { api } from "../api";
import { asAppError } from "../api";
import { onStale } from "./stale";
import type { ActionFilter } from "../bindings/ActionFilter";
import type { ActionView } from "../bindings/ActionView";
import type { AppError } from "../bindings/AppError";
import type { GlossaryTerm } from "../bindings/GlossaryTerm";
import type { IndicatorRow } from "../bindings/IndicatorRow";
import type { Organisation } from "../bindings/Organisation";
import type { OutlineChapter } from "../bindings/OutlineChapter";
import type { Person } from "../bindings/Person";
import type { PlanSummary } from "../bindings/PlanSummary";
import type { View } from "../bindings/View";

/** One part of the plan's data, as last loaded. */
export class Part<T> {
  /** Undefined until first loaded. */
  value: T | undefined = $state(undefined);
  /** Why the last load failed, if it did. */
  error: AppError | null = $state(null);
  #stale = true;
  #users = 0;
  #loading: Promise<void> | null = null;
  #again = false;

  constructor(private readonly fetch: () => Promise<T>) {}

  /** A view shows this part from now until the returned function is
   * called; it is loaded now if stale. For `$effect`. */
  use(): () => void {
    this.#users++;
    if (this.#stale) void this.load();
    return () => {
      this.#users--;
    };
  }

  /** Marks it stale: loaded again now if a view shows it. */
  invalidate(): void {
    this.#stale = true;
    if (this.#users > 0) void this.load();
  }

  /** Loads it, once at a time: a load asked for during another runs after
   * it, so the last one shown is never older than the last change. */
  async load(): Promise<void> {
    if (this.#loading) {
      this.#again = true;
      return this.#loading;
    }
    this.#stale = false;
    this.#loading = (async () => {
      try {
        this.value = await this.fetch();
        this.error = null;
      } catch (e) {
        this.error = asAppError(e);
        this.#stale = true;
      }
    })();
    await this.#loading;
    this.#loading = null;
    if (this.#again) {
      this.#again = false;
      await this.load();
    }
  }

  /** Changes the value in place, for a command that returned the changed
   * item itself (a grid's row): nothing is loaded. */
  patch(change: (value: T) => void): void {
    if (this.value !== undefined) change(this.value);
  }
}

export class PlanStore {
  summary: PlanSummary = $state() as PlanSummary;
  actionFilter: ActionFilter = $state({});
  readonly outline = new Part<OutlineChapter[]>(() => api.outline());
  readonly actions = new Part<ActionView[]>(() => api.actions($state.snapshot(this.actionFilter)));
  readonly indicators = new Part<IndicatorRow[]>(() => api.indicatorRows({}));
  readonly people = new Part<{ people: Person[]; organisations: Organisation[] }>(async () => {
    const [people, organisations] = await Promise.all([api.people(), api.organisations()]);
    return { people, organisations };
  });
  readonly glossary = new Part<GlossaryTerm[]>(() => api.glossary());
  /** Bumped when sections' text changed outside the editor: the open
   * section is loaded again. */
  sections = $state(0);
  readonly #stop: () => void;

  constructor(summary: PlanSummary) {
    this.summary = summary;
    this.#stop = onStale((views) => this.invalidate(views));
  }

  /** The parts a view of each name shows. */
  readonly #parts: Record<Exclude<View, "sections">, Part<unknown>> = {
    outline: this.outline,
    actions: this.actions,
    indicators: this.indicators,
    people: this.people,
    glossary: this.glossary,
  };

  invalidate(views: readonly View[]): void {
    for (const v of views) {
      if (v === "sections") this.sections++;
      else this.#parts[v].invalidate();
    }
  }

  /** The plan is closed: it stops hearing about changes. */
  close(): void {
    this.#stop();
  }
}
