import { checkWording, type WordingFinding } from "../review/review.language.js";

// Written feedback: situation – behaviour – impact. Pure: no I/O, no clock.

export const sbiFields = ["situation", "behaviour", "impact"] as const;
export type SbiField = (typeof sbiFields)[number];

/** A wording finding on one field of the feedback. */
export type WordingHint = WordingFinding & { field: SbiField };

/**
 * "Impact, not emotion": the plan review's wording check, field by field. Hints only; feedback
 * is never refused for its words.
 */
export function wordingHints(text: Partial<Record<SbiField, string>>): WordingHint[] {
  return sbiFields.flatMap((field) => {
    const value = text[field]?.trim();
    return value ? checkWording(value).map((f) => ({ field, ...f })) : [];
  });
}

/** A thread under feedback stays short: the recipient answers, the giver answers back. */
export const maxReplies = 100;

/**
 * Why this reply cannot be posted now, or null. The recipient replies first; the giver answers
 * a reply, and adds to the feedback itself by giving new feedback.
 */
export function replyProblem({
  authorIsGiver,
  recipientHasReplied,
  replies,
}: {
  authorIsGiver: boolean;
  recipientHasReplied: boolean;
  replies: number;
}): { code: string; message: string } | null {
  if (replies >= maxReplies)
    return {
      code: "feedback.thread_full.conflict",
      message: `This thread has reached ${maxReplies} replies. Talk it through in your next 1:1.`,
    };
  if (authorIsGiver && !recipientHasReplied)
    return {
      code: "feedback.reply_first.conflict",
      message:
        "The recipient has not replied yet: you can answer once they do. To add to your feedback, give new feedback.",
    };
  return null;
}

export type RequestAnswer = {
  request: { askedId: string; aboutId: string; status: "open" | "answered" | "declined" };
  giverId: string;
  recipientId: string;
  visibility: "shared" | "draft" | "hr";
};

/** Why feedback cannot answer this request, or null. Visibility of the request is checked before. */
export function answerProblem(a: RequestAnswer): { code: string; message: string } | null {
  if (a.request.status !== "open")
    return {
      code: "feedback_request.conflict",
      message: `This request was already ${a.request.status}. Give feedback without it if you still want to.`,
    };
  if (a.recipientId !== a.request.aboutId)
    return {
      code: "validation.failed",
      message: "The feedback must be about the person the request is about.",
    };
  if (a.visibility === "hr")
    return {
      code: "validation.failed",
      message:
        "An answer to a request goes to the person it is about. To tell HR alone, give feedback without the request.",
    };
  return null;
}
