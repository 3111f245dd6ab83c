// Saves without a save button: edits are debounced and saved within a second,
// and at once on blur or close. The state shown is honest: "Saved" only when
// the last edit has been committed to the file.

/** An open editor, which the window saves before it closes. */
export interface OpenEditor {
  /** Saves what it holds (and closes, if it is the section editor). */
  close(): Promise<void>;
}

export type SaveState = { kind: "saved" } | { kind: "saving" } | { kind: "failed"; reason: string };

export class Autosaver<T> {
  private pending: T | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private state: SaveState = { kind: "saved" };

  constructor(
    private readonly save: (value: T) => Promise<void>,
    private readonly onState: (s: SaveState) => void,
    private readonly delayMs = 600,
  ) {}

  /** Records a new value to save; saving starts after a quiet spell. */
  edit(value: T): void {
    this.pending = value;
    this.set({ kind: "saving" });
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Saves what is pending now and resolves when nothing is left unsaved. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.inFlight) await this.inFlight;
    if (this.pending === null) return;
    const value = this.pending;
    this.pending = null;
    this.inFlight = this.save(value)
      .then(
        () => {
          if (this.pending === null) this.set({ kind: "saved" });
        },
        (e: unknown) => {
          // Keep the unsaved value so the next edit or flush tries again.
          if (this.pending === null) this.pending = value;
          this.set({ kind: "failed", reason: reasonOf(e) });
        },
      )
      .finally(() => {
        this.inFlight = null;
      });
    await this.inFlight;
  }

  get current(): SaveState {
    return this.state;
  }
  get dirty(): boolean {
    return this.pending !== null || this.inFlight !== null;
  }

  private set(s: SaveState): void {
    this.state = s;
    this.onState(s);
  }
}

function reasonOf(e: unknown): string {
  if (e && typeof e === "object" && "message" in e) return String((e as { message: unknown }).message);
  return String(e);
}

export function describe(s: SaveState): string {
  switch (s.kind) {
    case "saved":
      return "Saved";
    case "saving":
      return "Saving…";
    case "failed":
      return `Not saved: ${s.reason}`;
  }
}
