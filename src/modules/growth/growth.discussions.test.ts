import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  allRoles,
  auditOf,
  type GrowthRole,
  type GrowthTeam,
  growthState,
  growthTeam,
} from "../../../test/factories-growth.js";
import { createTestDeps, testApp } from "../../../test/helpers.js";
import { type Discussion, findSharedDiscussions } from "./growth.discussions.service.js";

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;

const account = {
  occurredOn: "2026-02-26",
  whatHappened:
    "In the 24 February release meeting you said the QA team was useless, in front of the QA lead.",
  impact: "The QA lead asked not to be in meetings with you; two test plans were delayed.",
  expectation: "Raise disagreements about quality with the QA lead directly, or with me.",
  followUpOn: "2026-03-16",
};

async function draft(team: GrowthTeam, role: GrowthRole = "manager", body: object = account) {
  const res = await team.as(role, `/api/v1/people/${team.employee.id}/discussions`, { body });
  expect(res.status).toBe(201);
  return (await res.json()) as Discussion;
}

async function shared(team: GrowthTeam) {
  const d = await draft(team);
  const res = await team.as("manager", `/api/v1/discussions/${d.id}/share`, {
    body: { version: d.version },
  });
  expect(res.status).toBe(200);
  return (await res.json()).discussion as Discussion;
}

describe("documenting a discussion", () => {
  it("keeps a draft from the employee and returns wording hints to whoever writes it", async () => {
    const team = await growthTeam(deps, app);
    const d = await draft(team, "manager", {
      ...account,
      whatHappened: "You were lazy and rude in the standup.",
      impact: "",
    });
    expect(d).toMatchObject({
      employee: { id: team.employee.id, name: "Eli Employee" },
      manager: { id: team.manager.id, name: "Maya Manager" },
      status: "draft",
      version: 1,
      employeeResponse: "",
      abilities: { edit: true, share: true, respond: false, acknowledge: false },
    });
    expect(d.hints!.whatHappened[0]).toMatchObject({ code: "wording.judgemental" });
    expect(d.hints!.whatHappened[0]!.words).toEqual(expect.arrayContaining(["lazy", "rude"]));
    expect(d.hints!.impact).toEqual([]);

    expect((await team.as("employee", `/api/v1/discussions/${d.id}`)).status).toBe(404);
    const list = await team.as("employee", `/api/v1/people/${team.employee.id}/discussions`);
    expect(list.status).toBe(200);
    expect((await list.json()).items).toEqual([]);

    const [event] = await auditOf(deps, "discussion.created");
    expect(event).toMatchObject({ actor_id: team.manager.id, subject_id: d.id });
    expect(JSON.stringify(event!.data)).not.toMatch(/lazy|standup/);
  });

  it("shares it with the employee in the app and by email; they respond and acknowledge receipt, which is not agreement", async () => {
    const team = await growthTeam(deps, app);
    const d = await draft(team);
    const share = await team.as("manager", `/api/v1/discussions/${d.id}/share`, {
      body: { version: 1 },
    });
    expect(share.status).toBe(200);
    const shareBody = await share.json();
    expect(shareBody.discussion).toMatchObject({
      status: "shared",
      sharedAt: "2026-03-02T09:00:00.000Z",
      version: 2,
      abilities: { edit: false, share: false },
    });
    expect(shareBody.message).toContain("Eli Employee");

    const inbox = await (await team.as("employee", "/api/v1/notifications")).json();
    expect(inbox.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "discussion.shared", link: `/discussions/${d.id}` }),
      ]),
    );
    const mail = await db.execute<{ subject: string }>(
      sql`SELECT subject FROM mail_messages WHERE "to" = ${team.employee.email}`,
    );
    expect(mail.rows.map((m) => m.subject)).toEqual([
      "Maya Manager shared the record of your conversation on 2026-02-26",
    ]);

    const seen = await (await team.as("employee", `/api/v1/discussions/${d.id}`)).json();
    expect(seen).toMatchObject({
      whatHappened: account.whatHappened,
      hints: null,
      abilities: { edit: false, respond: true, acknowledge: true },
    });

    const response = await team.as("employee", `/api/v1/discussions/${d.id}/response`, {
      method: "PUT",
      body: {
        response: "I was frustrated after three late builds; I have apologised to the QA lead.",
      },
    });
    expect(response.status).toBe(200);
    expect((await response.json()).employeeResponse).toContain("apologised");

    const ack = await team.as("employee", `/api/v1/discussions/${d.id}/acknowledge`, {
      method: "POST",
    });
    expect(ack.status).toBe(200);
    const ackBody = await ack.json();
    expect(ackBody.message).toContain("not that you agree");
    expect(ackBody.discussion).toMatchObject({
      status: "acknowledged",
      acknowledgedAt: "2026-03-02T09:00:00.000Z",
      abilities: { respond: true, acknowledge: false },
    });

    // Acknowledging is receipt, not the end of their say: the response can still change.
    const later = await team.as("employee", `/api/v1/discussions/${d.id}/response`, {
      method: "PUT",
      body: { response: "Addendum: the builds are now green." },
    });
    expect(later.status).toBe(200);
    expect((await later.json()).employeeResponse).toBe("Addendum: the builds are now green.");

    // Acknowledging again changes nothing.
    const before = await growthState(deps);
    const twice = await team.as("employee", `/api/v1/discussions/${d.id}/acknowledge`, {
      method: "POST",
    });
    expect(twice.status).toBe(200);
    expect(await growthState(deps)).toEqual(before);

    const managerSees = await (await team.as("manager", `/api/v1/discussions/${d.id}`)).json();
    expect(managerSees.employeeResponse).toBe("Addendum: the builds are now green.");
    expect(await auditOf(deps, "discussion.shared")).toHaveLength(1);
    expect(await auditOf(deps, "discussion.acknowledged")).toHaveLength(1);
    const responded = await auditOf(deps, "discussion.responded");
    expect(responded.map((e) => e.data.first)).toEqual([true, false]);
    for (const e of responded) expect(JSON.stringify(e.data)).not.toMatch(/frustrated|builds/);
    // The manager hears of the first response by email, of later changes in the app only.
    const managerMail = await db.execute<{ subject: string }>(
      sql`SELECT subject FROM mail_messages WHERE "to" = ${team.manager.email} ORDER BY created_at`,
    );
    expect(managerMail.rows.map((m) => m.subject)).toEqual([
      "Eli Employee responded to the record of your conversation on 2026-02-26",
      "Eli Employee acknowledged receiving the record of your conversation on 2026-02-26",
    ]);
  });

  it("edits a draft with its version, and refuses a stale version with the current one attached", async () => {
    const team = await growthTeam(deps, app);
    const d = await draft(team);
    const edited = await team.as("hrIn", `/api/v1/discussions/${d.id}`, {
      method: "PATCH",
      body: { version: 1, followUpOn: "2026-03-20", expectation: "Talk to the QA lead first." },
    });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ version: 2, followUpOn: "2026-03-20" });
    const [event] = await auditOf(deps, "discussion.edited");
    expect(event).toMatchObject({ actor_id: team.hrIn.id });
    expect(event!.data).toMatchObject({ fields: ["expectation", "followUpOn"] });

    const before = await growthState(deps);
    const stale = await team.as("manager", `/api/v1/discussions/${d.id}`, {
      method: "PATCH",
      body: { version: 1, impact: "Something else" },
    });
    expect(stale.status).toBe(409);
    const err = await stale.json();
    expect(err.error).toMatchObject({
      code: "discussion.conflict",
      details: { currentVersion: 2, discussion: { followUpOn: "2026-03-20" } },
    });
    const staleShare = await team.as("manager", `/api/v1/discussions/${d.id}/share`, {
      body: { version: 1 },
    });
    expect(staleShare.status).toBe(409);
    expect(await growthState(deps)).toEqual(before);
  });

  it("keeps the record as shared: no more edits, no second share", async () => {
    const team = await growthTeam(deps, app);
    const d = await shared(team);
    const before = await growthState(deps);
    const edit = await team.as("manager", `/api/v1/discussions/${d.id}`, {
      method: "PATCH",
      body: { version: d.version, impact: "Rewritten" },
    });
    expect(edit.status).toBe(409);
    expect((await edit.json()).error.code).toBe("discussion.invalid_transition");
    const again = await team.as("hrIn", `/api/v1/discussions/${d.id}/share`, {
      body: { version: d.version },
    });
    expect(again.status).toBe(409);
    expect(await growthState(deps)).toEqual(before);
  });

  it("files a discussion HR documents under the employee's manager, who may then edit it", async () => {
    const team = await growthTeam(deps, app);
    const d = await draft(team, "hrIn");
    expect(d.manager.id).toBe(team.manager.id);
    const edit = await team.as("manager", `/api/v1/discussions/${d.id}`, {
      method: "PATCH",
      body: { version: 1, impact: "Two test plans slipped by a week." },
    });
    expect(edit.status).toBe(200);
  });

  it("records nothing when an edit changes nothing", async () => {
    const team = await growthTeam(deps, app);
    const d = await draft(team);
    const before = await growthState(deps);
    const res = await team.as("manager", `/api/v1/discussions/${d.id}`, {
      method: "PATCH",
      body: { version: 1, occurredOn: account.occurredOn, impact: account.impact },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).version).toBe(1);
    expect(await growthState(deps)).toEqual(before);
  });

  it("gives the plan review the dates of discussions the employee was shown, and no drafts", async () => {
    const team = await growthTeam(deps, app);
    await draft(team, "manager", { ...account, occurredOn: "2026-02-20", followUpOn: null });
    const s = await shared(team);
    const old = await draft(team, "manager", {
      ...account,
      occurredOn: "2025-06-01",
      followUpOn: null,
    });
    await team.as("manager", `/api/v1/discussions/${old.id}/share`, { body: { version: 1 } });
    await team.as("employee", `/api/v1/discussions/${old.id}/acknowledge`, { method: "POST" });
    expect(
      await findSharedDiscussions(db, { employeeId: team.employee.id, since: "2025-01-01" }),
    ).toEqual([
      { date: "2025-06-01", kind: "documented_discussion", sharedWithEmployee: true },
      { date: s.occurredOn, kind: "documented_discussion", sharedWithEmployee: true },
    ]);
    expect(
      await findSharedDiscussions(db, { employeeId: team.employee.id, since: "2026-01-01" }),
    ).toEqual([{ date: "2026-02-26", kind: "documented_discussion", sharedWithEmployee: true }]);
  });
});

describe("documented discussions: bad input", () => {
  it.each([
    ["a date in the future", { occurredOn: "2026-03-03" }],
    ["a follow-up on the same day", { occurredOn: "2026-02-26", followUpOn: "2026-02-26" }],
    ["a follow-up before the discussion", { followUpOn: "2026-02-01" }],
    ["a follow-up more than a year away", { followUpOn: "2027-06-01" }],
    ["a date more than ten years ago", { occurredOn: "2015-01-01" }],
    ["a date of year 0000", { occurredOn: "0000-01-01" }],
    ["no account of what happened", { whatHappened: "  " }],
    ["an account of over 10,000 characters", { whatHappened: "x".repeat(10_001) }],
    ["an impact of over 10,000 characters", { impact: "x".repeat(10_001) }],
    ["no date", { occurredOn: undefined }],
  ])("refuses a discussion with %s, and changes nothing", async (_, change) => {
    const team = await growthTeam(deps, app);
    const before = await growthState(deps);
    const res = await team.as("manager", `/api/v1/people/${team.employee.id}/discussions`, {
      body: { ...account, ...change },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("validation.failed");
    expect(await growthState(deps)).toEqual(before);
  });

  it("refuses an edit that would put the follow-up before the discussion, and a response over 10,000 characters", async () => {
    const team = await growthTeam(deps, app);
    const d = await draft(team);
    const s = await shared(team);
    const before = await growthState(deps);
    const edit = await team.as("manager", `/api/v1/discussions/${d.id}`, {
      method: "PATCH",
      body: { version: 1, occurredOn: "2026-03-01", followUpOn: "2026-02-28" },
    });
    expect(edit.status).toBe(400);
    expect((await edit.json()).error.details).toEqual([
      {
        path: "followUpOn",
        message: "Follow up after the discussion: choose a date after 2026-03-01.",
      },
    ]);
    const longResponse = await team.as("employee", `/api/v1/discussions/${s.id}/response`, {
      method: "PUT",
      body: { response: "x".repeat(10_001) },
    });
    expect(longResponse.status).toBe(400);
    const noVersion = await team.as("manager", `/api/v1/discussions/${d.id}/share`, { body: {} });
    expect(noVersion.status).toBe(400);
    expect(await growthState(deps)).toEqual(before);
  });

  it("answers 404 for a discussion or person that does not exist", async () => {
    const team = await growthTeam(deps, app);
    const missing = crypto.randomUUID();
    expect((await team.as("manager", `/api/v1/discussions/${missing}`)).status).toBe(404);
    const res = await team.as("manager", `/api/v1/people/${missing}/discussions`, {
      body: account,
    });
    expect(res.status).toBe(404);
  });
});

describe("documented discussions: who may do what", () => {
  const creators: Record<GrowthRole, number> = {
    manager: 201,
    hrIn: 201,
    employee: 403,
    skip: 403,
    peer: 404,
    hrOut: 404,
    admin: 404,
  };
  it.each(allRoles)("answers %s documenting a discussion as the policy says", async (role) => {
    const team = await growthTeam(deps, app);
    const before = await growthState(deps);
    const res = await team.as(role, `/api/v1/people/${team.employee.id}/discussions`, {
      body: account,
    });
    expect(res.status).toBe(creators[role]);
    if (res.status !== 201) expect(await growthState(deps)).toEqual(before);
  });

  const draftReaders: Record<GrowthRole, number> = {
    manager: 200,
    hrIn: 200,
    skip: 200,
    employee: 404,
    peer: 404,
    hrOut: 404,
    admin: 404,
  };
  it.each(allRoles)(
    "answers %s reading a draft and a shared discussion as the policy says",
    async (role) => {
      const team = await growthTeam(deps, app);
      const d = await draft(team);
      expect((await team.as(role, `/api/v1/discussions/${d.id}`)).status).toBe(draftReaders[role]);
      await team.as("manager", `/api/v1/discussions/${d.id}/share`, { body: { version: 1 } });
      const sharedStatus = role === "employee" ? 200 : draftReaders[role];
      expect((await team.as(role, `/api/v1/discussions/${d.id}`)).status).toBe(sharedStatus);
      const list = await team.as(role, `/api/v1/people/${team.employee.id}/discussions`);
      expect(list.status).toBe(sharedStatus);
      if (list.status === 200) expect((await list.json()).items).toHaveLength(1);
    },
  );

  it.each(allRoles.filter((r) => r !== "manager" && r !== "hrIn"))(
    "refuses %s editing or sharing a draft, and changes nothing",
    async (role) => {
      const team = await growthTeam(deps, app);
      const d = await draft(team);
      const before = await growthState(deps);
      const edit = await team.as(role, `/api/v1/discussions/${d.id}`, {
        method: "PATCH",
        body: { version: 1, impact: "Mine" },
      });
      const share = await team.as(role, `/api/v1/discussions/${d.id}/share`, {
        body: { version: 1 },
      });
      const expected = role === "skip" ? 403 : 404;
      expect(edit.status).toBe(expected);
      expect(share.status).toBe(expected);
      expect(await growthState(deps)).toEqual(before);
    },
  );

  it.each(allRoles.filter((r) => r !== "employee"))(
    "refuses %s responding to or acknowledging for the employee, and changes nothing",
    async (role) => {
      const team = await growthTeam(deps, app);
      const d = await shared(team);
      const before = await growthState(deps);
      const respond = await team.as(role, `/api/v1/discussions/${d.id}/response`, {
        method: "PUT",
        body: { response: "On their behalf" },
      });
      const ack = await team.as(role, `/api/v1/discussions/${d.id}/acknowledge`, {
        method: "POST",
      });
      const expected = ["manager", "hrIn", "skip"].includes(role) ? 403 : 404;
      expect(respond.status).toBe(expected);
      expect(ack.status).toBe(expected);
      expect(await growthState(deps)).toEqual(before);
    },
  );

  it("does not let the employee respond to or acknowledge a draft", async () => {
    const team = await growthTeam(deps, app);
    const d = await draft(team);
    const before = await growthState(deps);
    const respond = await team.as("employee", `/api/v1/discussions/${d.id}/response`, {
      method: "PUT",
      body: { response: "Early" },
    });
    expect(respond.status).toBe(404);
    const ack = await team.as("employee", `/api/v1/discussions/${d.id}/acknowledge`, {
      method: "POST",
    });
    expect(ack.status).toBe(404);
    expect(await growthState(deps)).toEqual(before);
  });
});
