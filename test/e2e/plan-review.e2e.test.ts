import { readFileSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { describe, expect } from "vitest";
import { extractPdfText, flatText } from "../pdf.js";
import { seriousViolations } from "./harness.js";
import {
  draftThroughApi,
  editorStep,
  hasStatus,
  isoDay,
  journeySteps,
  type PlansWorld,
  screenshot,
  setUpPlansWorld,
  who,
} from "./plans-seed.js";

// The plan review in the browser, end to end. The manager writes a trait-based goal and the
// editor says so beside the field, with a rewrite to try; the review's blocker for a plan with no
// prior notice stays in view until the plan is submitted with it open. HR reads the review on the
// plan page, is refused approval while the blocker is open, overrides it with a reason, sees the
// override with their name and reason, and approves; the PDF keeps the override. HR records a
// protected activity on a person's page and sees the retaliation risk on a plan for them, which
// the manager never sees. Last, the review's thresholds in the settings.

const TRAIT_GOAL = "be more positive with customers";
const GOOD_GOAL = "Answer customer tickets within one working day";
const OVERRIDE_REASON =
  "The manager raised the ticket backlog at two team retrospectives that Sofia attended; the notes are in the team wiki.";
const COMPLAINT = "Complaint about on-call rota fairness, filed with HR.";

const startDate = isoDay(0);
const endDate = isoDay(45);

let world: PlansWorld;
let planUrl = "";
let manager: Page;
let hr: Page;

/** A complete plan, as the editor would save it, with no prior notice recorded. */
function planDocument(version: number) {
  return {
    version,
    standard: "Customer tickets are answered within one working day.",
    startDate,
    endDate,
    cadenceDays: 7,
    goodFaith: "yes",
    goodFaithNote: "",
    evidence: [
      {
        kind: "incident",
        title: "Enterprise ticket answered after four days",
        description: "A priority ticket from an enterprise customer waited four days for a reply.",
        impact: "The customer escalated to their account manager.",
        occurredOn: isoDay(-20),
      },
    ],
    causes: [{ cause: "overload", notes: "Two queues at once since March." }],
    goals: [
      {
        description: GOOD_GOAL,
        metric: "Tickets answered within one working day",
        unit: "%",
        direction: "up",
        baseline: 60,
        target: 66,
        measurement: "Help-desk weekly report",
        dueDate: isoDay(44),
        resources: [{ kind: "reduced_demand", description: "Off the second queue until the end" }],
        milestones: [{ title: "First week at 62% or more", dueDate: isoDay(10), target: 62 }],
      },
    ],
  };
}

/** The review notes beside a field: the live region its aria-describedby points at. */
async function notesBeside(page: Page, field: Locator): Promise<Locator> {
  const ids = (await field.getAttribute("aria-describedby")) ?? "";
  const id = ids.split(" ").find((i) => i.startsWith("review-"));
  if (!id) throw new Error(`The field is not linked to review notes (aria-describedby="${ids}").`);
  return page.locator(`#${id}`);
}

async function openPlan(page: Page, url = planUrl) {
  await page.goto(url);
  await page.getByRole("heading", { level: 1, name: /^Success plan for / }).waitFor();
}

/** The plan page's review card. */
const reviewCard = (page: Page) =>
  page
    .getByRole("main")
    .locator("section")
    .filter({ has: page.getByRole("heading", { name: "Review", exact: true }) })
    .last();

setUpPlansWorld((w) => {
  world = w;
});

const journey = journeySteps();

describe("The plan review, from the manager's first words to HR's override", () => {
  journey(
    "shows the manager a trait-based goal beside the field, with a rewrite to try",
    async () => {
      manager = await world.signedIn(who.manager);
      ({ url: planUrl } = await draftThroughApi(world, manager, who.employee, planDocument));
      await manager.goto(`${planUrl}/edit`);
      await editorStep(manager, "Goals & resources");
      const goal = manager.getByLabel("Goal", { exact: true });
      await goal.fill(TRAIT_GOAL);

      const notes = await notesBeside(manager, goal);
      expect(await notes.getAttribute("role")).toBe("status");
      expect(await notes.getAttribute("aria-live")).toBe("polite");
      await notes.getByText("Trait-based goal").waitFor();
      await notes.getByText(/personality trait \("positive"\)/).waitFor();
      await notes.getByText(/^Try: Instead of "positive", name the behaviour/).waitFor();
      // Beside the field: in the same labelled group as the goal's own text box.
      const group = manager.locator("div").filter({ has: goal }).filter({ has: notes }).last();
      expect(await group.getByText("Trait-based goal").count()).toBe(1);
      await screenshot(manager, "editor-goal-findings");
    },
  );

  journey(
    "has no serious or critical accessibility problems in the editor with findings showing",
    async () => {
      expect(await seriousViolations(manager)).toEqual([]);
    },
  );

  journey("clears the finding once the goal names a behaviour and a measure", async () => {
    const goal = manager.getByLabel("Goal", { exact: true });
    await goal.fill(GOOD_GOAL);
    const notes = await notesBeside(manager, goal);
    await notes.getByText("Trait-based goal").waitFor({ state: "detached" });
  });

  journey(
    "shows the missing prior notice as a blocker before submitting, and lets the manager submit with it open",
    async () => {
      await editorStep(manager, "Before this plan");
      await manager.getByText("No prior notice").first().waitFor();
      await manager.getByText("Nothing recorded yet.").waitFor();
      await screenshot(manager, "editor-before-this-plan");

      await editorStep(manager, "Review and submit");
      const wide = manager.getByRole("status", { name: "The plan as a whole" });
      await wide.getByText("No prior notice").waitFor();
      await wide.getByRole("button", { name: "Go to Before this plan" }).waitFor();
      const summary = manager
        .locator("section")
        .filter({ has: manager.getByRole("heading", { name: "What the review found" }) })
        .last();
      await summary.getByText("1 open blocker").waitFor();
      await summary.getByText("HR must override blockers before approval").waitFor();
      await screenshot(manager, "editor-submit-summary");
      expect(await seriousViolations(manager)).toEqual([]);

      await manager.getByRole("button", { name: "Submit to HR", exact: true }).click();
      await manager.waitForURL(planUrl);
      await hasStatus(manager, "In HR review");
    },
  );

  journey("shows HR the blocker and refuses approval while it is open", async () => {
    hr = await world.signedIn(who.hr);
    await openPlan(hr);
    const review = reviewCard(hr);
    await review.getByText("1 open blocker").waitFor();
    const blockers = review.getByRole("region", { name: /^Blockers/ });
    await blockers.getByText("No prior notice").waitFor();

    await hr.getByRole("button", { name: "Approve", exact: true }).click();
    const dialog = hr.getByRole("dialog", { name: "Approve this plan" });
    await dialog.getByText(/The review has an open blocker/).waitFor();
    await dialog.getByRole("button", { name: "Confirm approval" }).click();
    await dialog.getByText("The review stops this for now").waitFor();
    await dialog.getByText(/The review found a blocker \(no prior notice\)/).waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    await hasStatus(hr, "In HR review");
  });

  journey("lets HR override the blocker with a reason of at least 20 characters", async () => {
    await reviewCard(hr).getByRole("button", { name: "Override: No prior notice" }).click();
    const dialog = hr.getByRole("dialog", { name: "Override: No prior notice" });
    const reason = dialog.getByLabel("Why the plan may go ahead");
    await reason.fill("Raised it before.");
    await dialog.getByRole("button", { name: "Override the blocker" }).click();
    await dialog.getByText(/Write at least 20 characters \(17 so far\)/).waitFor();
    await screenshot(hr, "hr-override-dialog", { fullPage: false });

    await reason.fill(OVERRIDE_REASON);
    await dialog.getByRole("button", { name: "Override the blocker" }).click();
    await dialog.waitFor({ state: "detached" });

    const review = reviewCard(hr);
    const overridden = review.getByRole("region", { name: /^Overridden blockers/ });
    await overridden.getByText("No prior notice").waitFor();
    await overridden.getByText(/^Overridden by Hannah Cole/).waitFor();
    await overridden.getByText(OVERRIDE_REASON).waitFor();
    await review.getByText("0 open blockers").waitFor();
    expect(await review.getByRole("button", { name: /^Override/ }).count()).toBe(0);
    await screenshot(hr, "hr-review-card");
    expect(await seriousViolations(hr)).toEqual([]);
  });

  journey("lets HR approve the plan once the blocker is overridden", async () => {
    await hr.getByRole("button", { name: "Approve", exact: true }).click();
    const dialog = hr.getByRole("dialog", { name: "Approve this plan" });
    await dialog.getByRole("button", { name: "Confirm approval" }).click();
    await dialog.waitFor({ state: "detached" });
    await hasStatus(hr, "Approved");
  });

  journey(
    "shows the manager the override and prints it in the PDF once the plan is issued",
    async () => {
      await openPlan(manager);
      const review = reviewCard(manager);
      await review.getByText(/^Overridden by Hannah Cole/).waitFor();
      await review.getByText(OVERRIDE_REASON).waitFor();
      await manager.getByRole("button", { name: "Issue plan" }).click();
      await hasStatus(manager, "Issued");

      const [download] = await Promise.all([
        manager.waitForEvent("download"),
        manager.getByRole("link", { name: "Download PDF" }).click(),
      ]);
      const text = flatText(await extractPdfText(readFileSync(await download.path())));
      expect(text).toContain("Overrode a blocker: No prior notice");
      expect(text).toContain(OVERRIDE_REASON);
    },
  );

  journey("never shows the employee the review, only what was said before the plan", async () => {
    const employee = await world.signedIn(who.employee);
    await employee.goto(planUrl);
    await employee.getByRole("heading", { level: 1, name: "Your success plan" }).waitFor();
    await employee.getByRole("heading", { name: "Before this plan" }).waitFor();
    await employee
      .getByText("Your manager has recorded no earlier conversation about this.")
      .waitFor();
    expect(await employee.getByRole("heading", { name: "Review", exact: true }).count()).toBe(0);
    expect(await employee.getByText(OVERRIDE_REASON).count()).toBe(0);
  });

  journey(
    "lets HR record a protected activity on a person's page, and shows the retaliation risk to HR alone",
    async () => {
      await hr.getByRole("link", { name: "People", exact: true }).first().click();
      await hr
        .getByRole("link", { name: /Kwame Mensah/ })
        .first()
        .click();
      await hr.getByRole("heading", { level: 1, name: /Kwame Mensah/ }).waitFor();
      const card = hr
        .locator("section")
        .filter({ has: hr.getByRole("heading", { name: "Protected activities" }) })
        .last();
      await card.getByText("Only HR sees these").waitFor();
      await card.getByText(/within 180 days of one/).waitFor();
      await card.getByText("Nothing recorded for Kwame.", { exact: false }).waitFor();
      const form = card.getByRole("form", { name: "Record a protected activity" });
      await form.getByLabel("Kind").selectOption({ label: "Complaint" });
      await form.getByLabel("When it happened").fill(isoDay(-14));
      await form.getByLabel(/^Note/).fill(COMPLAINT);
      await form.getByRole("button", { name: "Record it" }).click();
      const list = card.getByRole("list", { name: "Protected activities of Kwame Mensah" });
      await list.getByText(COMPLAINT).waitFor();
      await list.getByText(/^Complaint · /).waitFor();
      await screenshot(hr, "person-protected-activities");
      expect(await seriousViolations(hr)).toEqual([]);

      // A plan for Kwame: HR's review names the risk; the manager's never does.
      const second = await draftThroughApi(world, manager, who.peer, planDocument);
      const managerReview = await manager.request.get(
        `${world.server.baseUrl}/api/v1/plans/${second.detail.plan.id}/review`,
      );
      const codes = ((await managerReview.json()) as { findings: { code: string }[] }).findings.map(
        (f) => f.code,
      );
      expect(codes).toContain("plan.surprise");
      expect(codes).not.toContain("plan.retaliation_risk");
      await openPlan(manager, second.url);
      await reviewCard(manager).getByText("No prior notice").waitFor();
      expect(await manager.getByText("Retaliation risk").count()).toBe(0);

      await openPlan(hr, second.url);
      const review = reviewCard(hr);
      await review.getByText("Retaliation risk").waitFor();
      await review.getByText(/within 180 days of a complaint on/).waitFor();
    },
  );

  journey(
    "shows the review policy read-only to HR with a partial scope, and lets an admin change it",
    async () => {
      await hr.goto(`${world.server.baseUrl}/settings`);
      const hrPanel = hr
        .locator("section")
        .filter({ has: hr.getByRole("heading", { name: "Plan review policy" }) })
        .last();
      await hrPanel.getByText("Admins and HR for the whole organisation can change").waitFor();
      expect(await hrPanel.getByLabel("Shortest plan (days)").isDisabled()).toBe(true);
      expect(await hrPanel.getByRole("button", { name: "Save the policy" }).count()).toBe(0);

      const admin = await world.signedIn("alex.admin@example.com");
      await admin.goto(`${world.server.baseUrl}/settings`);
      const panel = admin
        .locator("section")
        .filter({ has: admin.getByRole("heading", { name: "Plan review policy" }) })
        .last();
      const shortest = panel.getByLabel("Shortest plan (days)");
      await expect.poll(() => shortest.inputValue()).toBe("30");
      expect(await panel.getByLabel("Cancelled 1:1s that raise a flag (%)").inputValue()).toBe(
        "50",
      );

      await shortest.fill("2.5");
      await panel.getByRole("button", { name: "Save the policy" }).click();
      await panel.getByText("Enter a whole number.").waitFor();

      await shortest.fill("45");
      await panel.getByRole("button", { name: "Save the policy" }).click();
      await panel.getByText(/^Saved\. Plans are reviewed against these thresholds/).waitFor();
      await screenshot(admin, "settings-review-policy");
      expect(await seriousViolations(admin)).toEqual([]);

      const res = await admin.request.get(`${world.server.baseUrl}/api/v1/review/policy`);
      expect(((await res.json()) as { minPlanDays: number }).minPlanDays).toBe(45);
    },
  );
});
