import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { planGoals } from "../../src/modules/plans/plans.table.js";
import { makePlan, signInCookie, walkPlanTo } from "../factories.js";
import { createTestDeps, send, testApp } from "../helpers.js";
import { extractPdfText, flatText } from "../pdf.js";

// Script in stored text stays text in the PDF too (pdfmake lays out strings; it never reads
// markup): the payloads come back from a real text extractor exactly as they were typed, and the
// file holds no JavaScript or form actions a PDF reader could run.

const IMG = `<img src=x onerror="alert(1)">`;
const SCRIPT = "<script>app.alert(1)</script>";

const deps = await createTestDeps();
const app = testApp(deps);

describe("a plan's PDF with markup in its text", () => {
  it("shows the markup literally and carries no script", async () => {
    const fx = await makePlan(deps, {
      plan: { standard: `Reviews are answered in time. ${SCRIPT}` },
    });
    await deps.database.db
      .update(planGoals)
      .set({ description: `Answer code reviews within two working days ${IMG}` })
      .where(eq(planGoals.planId, fx.plan.id));
    await walkPlanTo(deps, fx.plan.id, "issued");
    const cookie = await signInCookie(app, fx.employee.email, fx.employee.password);
    const res = await send(app, `/api/v1/plans/${fx.plan.id}/pdf`, { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const pdf = Buffer.from(await res.arrayBuffer());
    const text = flatText(await extractPdfText(pdf));
    expect(text).toContain(SCRIPT);
    expect(text).toContain(IMG);
    // No document-level JavaScript, launch or submit actions in the file.
    const raw = pdf.toString("latin1");
    for (const key of ["/JavaScript", "/JS", "/Launch", "/SubmitForm", "/OpenAction"])
      expect(raw.includes(key), key).toBe(false);
  });
});
