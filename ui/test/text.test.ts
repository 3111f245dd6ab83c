import { describe, expect, it } from "vitest";
import { listLines } from "../src/lib/text";

describe("a list typed one a line", () => {
  it("is each line trimmed, blank lines dropped, in order", () => {
    expect(listLines("  Vision \n\n\tSafeguarding\r\n   \nVision")).toEqual(["Vision", "Safeguarding", "Vision"]);
  });

  it("is empty when nothing is typed, for the core to refuse", () => {
    expect(listLines("")).toEqual([]);
    expect(listLines(" \n \n")).toEqual([]);
  });
});
