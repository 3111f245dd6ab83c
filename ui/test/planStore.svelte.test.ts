import { describe, expect, it, vi } from "vitest";

// The open plan's store: what a command says it made stale is loaded again
// at once if a view shows it, and only when next shown if none does.

const loads: string[] = [];
let actions = 1;

vi.mock("../src/api", async (original) => {
  const real = await original<typeof import("../src/api")>();
  const log =
    <T>(name: string, value: () => T) =>
    async () => {
      loads.push(name);
      return value();
    };
  return {
    ...real,
    api: {
      outline: log("outline", () => []),
      actions: log("actions", () => Array.from({ length: actions }, (_, i) => ({ id: i + 1 }))),
      indicatorRows: log("indicators", () => []),
      people: log("people", () => []),
      organisations: log("organisations", () => []),
      glossary: log("glossary", () => []),
    },
  };
});

const { PlanStore } = await import("../src/lib/plan.svelte");
const { announceStale } = await import("../src/lib/stale");
const settle = () => new Promise((r) => setTimeout(r, 0));

describe("the open plan's store", () => {
  it("loads again what a command made stale, and only that", async () => {
    loads.length = 0;
    const plan = new PlanStore({ info: { title: "Plan" } } as never);
    const stopActions = plan.actions.use();
    const stopOutline = plan.outline.use();
    await settle();
    expect(loads).toEqual(["actions", "outline"]);
    expect(plan.actions.value?.length).toBe(1);

    loads.length = 0;
    actions = 2;
    announceStale(["actions"]);
    await settle();
    expect(loads).toEqual(["actions"]);
    expect(plan.actions.value?.length).toBe(2);

    // Nothing shows the glossary: it is loaded when a view next shows it.
    loads.length = 0;
    announceStale(["glossary"]);
    await settle();
    expect(loads).toEqual([]);
    const stopGlossary = plan.glossary.use();
    await settle();
    expect(loads).toEqual(["glossary"]);

    // Shown again while fresh: nothing is loaded.
    loads.length = 0;
    stopActions();
    plan.actions.use();
    await settle();
    expect(loads).toEqual([]);

    plan.close();
    loads.length = 0;
    announceStale(["outline", "actions"]);
    await settle();
    expect(loads).toEqual([]);
    stopOutline();
    stopGlossary();
  });

  it("never shows a load older than the last change", async () => {
    loads.length = 0;
    const plan = new PlanStore({ info: { title: "Plan" } } as never);
    plan.actions.use();
    // Stale twice while the first load runs: one more load after it, not two.
    actions = 3;
    plan.actions.invalidate();
    actions = 4;
    plan.actions.invalidate();
    await settle();
    await settle();
    expect(loads).toEqual(["actions", "actions"]);
    expect(plan.actions.value?.length).toBe(4);
    plan.close();
  });
});
