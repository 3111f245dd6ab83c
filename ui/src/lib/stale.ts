// What the Rust side says an operation made stale reaches the plan's store
// through here: api.ts announces, the store listens. Kept apart so that
// api.ts needs no store and the store no commands.

import type { View } from "../bindings/View";

type Listener = (views: readonly View[]) => void;
const listeners = new Set<Listener>();

/** Hears every list of stale views; returns how to stop hearing them. */
export function onStale(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function announceStale(views: readonly View[]): void {
  if (views.length === 0) return;
  for (const l of listeners) l(views);
}
