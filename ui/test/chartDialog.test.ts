import { describe, expect, it } from "vitest";
import { chooseIndicator } from "../src/chartDialog";
import type { Indicator } from "../src/bindings/Indicator";

const proto = HTMLDialogElement.prototype as unknown as Record<string, unknown>;
proto.showModal ??= function (this: HTMLDialogElement) {
  this.setAttribute("open", "");
};
proto.close ??= function (this: HTMLDialogElement) {
  this.removeAttribute("open");
};

const indicator = (code: string, title: string) => ({ code, title }) as unknown as Indicator;

describe("indicator chart dialog", () => {
  it("asks which indicator and answers with its code", async () => {
    const asked = chooseIndicator([indicator("NI 50", "Emotional health"), indicator("NI 112", "Conceptions")]);
    const select = document.getElementById("chart-indicator") as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(["NI 50 Emotional health", "NI 112 Conceptions"]);
    select.value = "NI 112";
    (document.getElementById("chart-go") as HTMLButtonElement).click();
    expect(await asked).toBe("NI 112");
    expect(document.getElementById("chart-dialog")).toBeNull();
  });

  it("says so when the plan has no indicators, and can only be cancelled", async () => {
    const asked = chooseIndicator([]);
    expect((document.getElementById("chart-go") as HTMLButtonElement).disabled).toBe(true);
    expect(document.getElementById("chart-hint")!.textContent).toContain("no indicators yet");
    (document.getElementById("chart-cancel") as HTMLButtonElement).click();
    expect(await asked).toBeNull();
  });
});
