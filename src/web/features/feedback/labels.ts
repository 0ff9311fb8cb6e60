import type { BadgeTone } from "../../ui";
import type { FeedbackKind, FeedbackVisibility } from "./types";

export const kindLabel: Record<FeedbackKind, string> = {
  recognition: "Recognition",
  constructive: "Constructive",
};

export const kindTone: Record<FeedbackKind, BadgeTone> = {
  recognition: "success",
  constructive: "accent",
};

export const visibilityLabel: Record<FeedbackVisibility, string> = {
  shared: "Shared",
  draft: "Draft: only you",
  hr: "Shared with HR only",
};

export const visibilityTone: Record<FeedbackVisibility, BadgeTone> = {
  shared: "neutral",
  draft: "warning",
  hr: "neutral",
};

export const requestStatusLabel = {
  open: "Waiting",
  answered: "Answered",
  declined: "Declined",
} as const;

export const requestStatusTone = {
  open: "accent",
  answered: "success",
  declined: "neutral",
} as const satisfies Record<string, BadgeTone>;
