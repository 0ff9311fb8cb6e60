import { describe, expect, it } from "vitest";
import type { PlanDetail } from "../../types";
import { adoptAddedResources, bodyFromDraft, type DraftPlan } from "./editorModel";

const draft: DraftPlan = {
  standard: "Reviews answered within two days.",
  startDate: "2026-03-09",
  endDate: "2026-04-20",
  cadenceDays: 7,
  goodFaith: "yes",
  goodFaithNote: "",
  hrPartnerId: null,
  hrPartnerName: null,
  evidence: [],
  causes: [{ cause: "skill", notes: "" }],
  goals: [
    {
      id: "goal-1",
      key: "goal-1",
      // Typed while the pick was on its way: it must survive.
      description: "Answer reviews within two days (typed meanwhile)",
      metric: "Median turnaround",
      unit: "days",
      direction: "down",
      baseline: 5,
      target: 2,
      measurement: "",
      dueDate: "2026-04-17",
      resources: [
        {
          id: "res-1",
          key: "res-1",
          kind: "time",
          description: "Two hours a week",
          link: "",
          mentorId: null,
          mentorName: null,
          hoursPerWeek: 2,
          status: "offered",
        },
      ],
      milestones: [],
    },
  ],
};

const resource = (over: object) => ({
  kind: "training",
  description: "",
  link: "",
  mentorId: null,
  mentor: null,
  hoursPerWeek: null,
  status: "offered",
  requestedByEmployee: false,
  catalogueItemId: null,
  catalogueSessionId: null,
  sessionStartsAt: null,
  mentorshipStatus: null,
  ...over,
});

/** The plan as the server answered the pick: the goal as last saved, plus the new rows. */
const answered = {
  plan: { version: 7 },
  goals: [
    {
      id: "goal-1",
      description: "Answer reviews within two days",
      resources: [
        resource({ id: "res-1", kind: "time", description: "Two hours a week", hoursPerWeek: 2 }),
        resource({
          id: "res-2",
          description: "Negotiation workshop",
          catalogueItemId: "item-1",
          catalogueSessionId: "session-1",
          sessionStartsAt: "2026-03-20T09:00:00.000Z",
        }),
        resource({
          id: "res-3",
          kind: "mentor",
          description: "Mentoring with Mira: SQL",
          mentorId: "mira",
          mentor: { id: "mira", name: "Mira" },
          mentorshipStatus: "requested",
        }),
      ],
      milestones: [],
    },
  ],
} as unknown as PlanDetail;

describe("taking a resource added from the picker into the editor", () => {
  it("adds the new rows with their ids and origin, and keeps what was typed meanwhile", () => {
    const next = adoptAddedResources(draft, answered);
    const goal = next.goals[0]!;
    expect(goal.description).toBe("Answer reviews within two days (typed meanwhile)");
    expect(goal.resources.map((r) => [r.id, r.kind])).toEqual([
      ["res-1", "time"],
      ["res-2", "training"],
      ["res-3", "mentor"],
    ]);
    expect(goal.resources[1]).toMatchObject({
      catalogueItemId: "item-1",
      sessionStartsAt: "2026-03-20T09:00:00.000Z",
    });
    expect(goal.resources[2]).toMatchObject({ mentorName: "Mira", mentorshipStatus: "requested" });
    // Taking the same answer twice adds nothing twice.
    expect(adoptAddedResources(next, answered).goals[0]!.resources).toHaveLength(3);
  });

  it("sends the new rows back by id in the next save, without the fields only the server sets", () => {
    const body = bodyFromDraft(adoptAddedResources(draft, answered), 7);
    expect(body.version).toBe(7);
    const sent = body.goals[0]!.resources;
    expect(sent.map((r) => r.id)).toEqual(["res-1", "res-2", "res-3"]);
    for (const r of sent) {
      expect(Object.keys(r).sort()).toEqual(
        ["description", "hoursPerWeek", "id", "kind", "link", "mentorId", "status"].sort(),
      );
    }
  });
});
