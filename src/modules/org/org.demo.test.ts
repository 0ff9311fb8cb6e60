import { describe, expect, it } from "vitest";
import { passwordProblems } from "../auth/auth.rules.js";
import { parsePeopleCsv } from "./org.csv.js";
import {
  DEMO_ANCHOR_EMAIL,
  DEMO_PASSWORD,
  demoAnchorDate,
  demoEmail,
  demoPeople,
  demoRoleLabel,
  renderDemoCsv,
} from "./org.demo.js";
import { type ExistingPerson, planImport } from "./org.rules.js";

const anchor = "2026-03-02";
const plan = () => planImport({ rows: parsePeopleCsv(renderDemoCsv({ anchor })), existing: [] });

const daysBetween = (a: string, b: string) =>
  (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;

describe("the demo organisation", () => {
  it("renders a CSV that passes the import rules with no problems", () => {
    const result = plan();
    expect(result.problems).toEqual([]);
    expect(result.summary).toMatchObject({ create: demoPeople.length, update: 0, unchanged: 0 });
  });

  it("has about 40 people in Customer Support, Engineering and Sales, plus a small operations team", () => {
    expect(demoPeople.length).toBeGreaterThanOrEqual(38);
    expect(demoPeople.length).toBeLessThanOrEqual(45);
    const departments = new Set(demoPeople.map((p) => p.department));
    expect(departments).toEqual(
      new Set(["Customer Support", "Engineering", "Sales", "Operations"]),
    );
    for (const d of ["Customer Support", "Engineering", "Sales"])
      expect(demoPeople.filter((p) => p.department === d).length).toBeGreaterThanOrEqual(8);
  });

  it("has a CEO, department heads, team managers, two HR partners (whole organisation and one department), L&D and an admin", () => {
    const labels = demoPeople.map(demoRoleLabel);
    expect(labels.filter((l) => l === "CEO")).toHaveLength(1);
    expect(labels.filter((l) => l.startsWith("head of"))).toHaveLength(3);
    expect(labels.filter((l) => l === "manager").length).toBeGreaterThanOrEqual(6);
    expect(labels).toContain("HR partner (whole organisation)");
    expect(labels).toContain("HR partner (Engineering)");
    expect(labels).toContain("L&D");
    expect(labels).toContain("admin");
  });

  it("includes reports who missed deadlines, have friction with customers or a new technology to learn, each with a manager", () => {
    for (const kind of ["missed_deadlines", "customer_friction", "new_technology"]) {
      const people = demoPeople.filter((p) => p.situation?.kind === kind);
      expect(people.length, kind).toBeGreaterThanOrEqual(1);
      for (const p of people) {
        expect(p.managerId).not.toBeNull();
        expect(p.situation!.summary.length).toBeGreaterThan(40);
      }
    }
  });

  it("gives everyone a unique employee id and email, and realistic titles, locations and hire dates", () => {
    expect(new Set(demoPeople.map((p) => p.employeeId)).size).toBe(demoPeople.length);
    expect(new Set(demoPeople.map(demoEmail)).size).toBe(demoPeople.length);
    for (const row of plan().rows) {
      expect(row.values.title).not.toBe("");
      expect(row.values.location).not.toBe("");
      expect(row.values.hireDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("dates a few hires within the last 60 days", () => {
    const recent = plan().rows.filter((r) => daysBetween(r.values.hireDate!, anchor) <= 60);
    expect(recent.length).toBeGreaterThanOrEqual(2);
    expect(recent.length).toBeLessThanOrEqual(6);
    for (const r of recent) expect(daysBetween(r.values.hireDate!, anchor)).toBeGreaterThan(0);
  });

  it("keeps its anchor date on later runs, so re-importing the same people changes nothing", () => {
    const first = plan();
    const anchorRow = first.rows.find((r) => r.values.email === DEMO_ANCHOR_EMAIL)!;
    const later = demoAnchorDate({
      today: "2026-09-30",
      anchorHireDate: anchorRow.values.hireDate,
    });
    expect(later).toBe(anchor);
    expect(demoAnchorDate({ today: "2026-09-30", anchorHireDate: null })).toBe("2026-09-30");

    const existing: ExistingPerson[] = first.rows.map((r) => ({ id: r.id, ...r.values }));
    const again = planImport({
      rows: parsePeopleCsv(renderDemoCsv({ anchor: later })),
      existing,
    });
    expect(again.problems).toEqual([]);
    expect(again.summary).toMatchObject({ create: 0, update: 0, unchanged: demoPeople.length });
  });

  it("uses a default password that the password rules accept", () => {
    expect(passwordProblems({ password: DEMO_PASSWORD })).toEqual([]);
  });
});
