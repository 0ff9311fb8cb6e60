import { describe, expect, it } from "vitest";
import { answerProblem, maxReplies, replyProblem, wordingHints } from "./feedback.rules.js";

describe("wording hints on feedback", () => {
  it("names the field whose words judge the person, and leaves plain descriptions alone", () => {
    const hints = wordingHints({
      situation: "In the Monday release review",
      behaviour: "you were rude and lazy",
      impact: "the client asked for another account manager",
    });
    expect(hints).toHaveLength(1);
    expect(hints[0]).toMatchObject({
      field: "behaviour",
      code: "wording.judgemental",
      severity: "warning",
      words: ["rude", "lazy"],
    });
  });

  it("checks every field, and skips empty ones", () => {
    const hints = wordingHints({ situation: "", behaviour: "you were aggressive", impact: "rude" });
    expect(hints.map((h) => h.field)).toEqual(["behaviour", "impact"]);
    expect(wordingHints({})).toEqual([]);
  });
});

describe("who may post in the thread under feedback", () => {
  const cases = [
    { authorIsGiver: false, recipientHasReplied: false, replies: 0, code: null },
    {
      authorIsGiver: true,
      recipientHasReplied: false,
      replies: 0,
      code: "feedback.reply_first.conflict",
    },
    { authorIsGiver: true, recipientHasReplied: true, replies: 1, code: null },
    {
      authorIsGiver: false,
      recipientHasReplied: true,
      replies: maxReplies,
      code: "feedback.thread_full.conflict",
    },
  ];
  for (const c of cases)
    it(`gives ${c.code ?? "no problem"} for ${c.authorIsGiver ? "the giver" : "the recipient"} after ${c.replies} replies`, () => {
      expect(replyProblem(c)?.code ?? null).toBe(c.code);
    });
});

describe("answering a request with feedback", () => {
  const base = {
    request: { askedId: "asked", aboutId: "about", status: "open" as const },
    giverId: "asked",
    recipientId: "about",
    visibility: "shared" as const,
  };
  const cases: [string, Partial<typeof base> & { request?: typeof base.request }, string | null][] =
    [
      ["a shared answer about the right person", {}, null],
      ["a draft answer", { visibility: "draft" as never }, null],
      [
        "an answer to an answered request",
        { request: { ...base.request, status: "answered" as never } },
        "feedback_request.conflict",
      ],
      [
        "an answer to a declined request",
        { request: { ...base.request, status: "declined" as never } },
        "feedback_request.conflict",
      ],
      ["an answer about someone else", { recipientId: "other" }, "validation.failed"],
      ["an answer shared with HR only", { visibility: "hr" as never }, "validation.failed"],
    ];
  for (const [name, change, code] of cases)
    it(`${code ? "refuses" : "accepts"} ${name}`, () => {
      expect(answerProblem({ ...base, ...change })?.code ?? null).toBe(code);
    });
});
