import { ZxcvbnFactory, type ZxcvbnResult } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as commonDictionary } from "@zxcvbn-ts/language-common";
import { dictionary as englishDictionary, translations } from "@zxcvbn-ts/language-en";
import { passwordProblems } from "./auth.rules.js";

// The password policy (OWASP ASVS 2.1.7, NIST SP 800-63B 5.1.1.2): long enough, not a common or
// breached-pattern password, not built on the person's own name. Pure and browser-safe: the web
// app loads this same file to show the hints the server will apply.

/** zxcvbn's score, 0–4; 3 means "safely unguessable" against an online attack with throttling. */
export const MIN_SCORE = 3;

/** Only the first characters are scored: the estimate costs time, and 64 say enough. */
const SCORED_LENGTH = 64;

let factory: ZxcvbnFactory | null = null;
let commonPasswords: Set<string> | null = null;

function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    translations,
    graphs: adjacencyGraphs,
    dictionary: { ...commonDictionary, ...englishDictionary },
    maxLength: SCORED_LENGTH,
    // Bounds the work spent on "p@$$w0rd"-style substitutions in a long input.
    l33tMaxSubstitutions: 8,
  });
  return factory;
}

function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(commonDictionary["passwords-common"]);
  return commonPasswords.has(password.toLowerCase());
}

/** Who the password is for: their own words are the first an attacker tries. */
export type PasswordContext = {
  name?: string | null;
  email?: string | null;
  organisationName?: string | null;
};

function wordsOf(text: string, minLength: number): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= minLength);
}

/** The person's name, the parts of their email address, "headway" and the organisation's name. */
export function personalWords(context: PasswordContext): string[] {
  const words = new Set<string>(["headway"]);
  const add = (list: string[]) => {
    for (const w of list) words.add(w);
  };
  if (context.name) {
    add(wordsOf(context.name, 3));
    const joined = wordsOf(context.name, 1).join("");
    if (joined.length >= 3) words.add(joined);
  }
  const local = context.email?.split("@")[0];
  if (local) {
    add(wordsOf(local, 3));
    if (local.length >= 3) words.add(local.toLowerCase());
  }
  if (context.organisationName) {
    add(wordsOf(context.organisationName, 4));
    const joined = wordsOf(context.organisationName, 1).join("");
    if (joined.length >= 4) words.add(joined);
  }
  return [...words];
}

function withoutWords(password: string, words: string[]): string {
  let rest = password;
  for (const word of [...words].sort((a, b) => b.length - a.length)) {
    rest = rest.replace(new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "giu"), "");
  }
  return rest;
}

const COMMON_WARNINGS = new Set(
  [
    translations.warnings.common,
    translations.warnings.similarToCommon,
    translations.warnings.topTen,
    translations.warnings.topHundred,
    translations.warnings.pwned,
  ].filter(Boolean),
);

const ADVICE = "A few unrelated words, such as “lantern quietly orbit”, make a strong password.";

export const COMMON_PASSWORD_MESSAGE = `It is one of the most common passwords, so it is among the first anyone guessing would try. Choose another one. ${ADVICE}`;

const PERSONAL_MESSAGE = `It is built on your name, your email address or the organisation's name, which anyone guessing would try first; without them, what is left is too easy to guess. Add words that have nothing to do with you. ${ADVICE}`;

function weakMessage(result: ZxcvbnResult): string {
  const warning = result.feedback.warning;
  if (warning && COMMON_WARNINGS.has(warning)) {
    return `It is one of the most common passwords or a small change to one (capitals, digits or symbols added to a common word do not help), so it is among the first anyone guessing would try. ${ADVICE}`;
  }
  if (warning === translations.warnings.userInputs) return PERSONAL_MESSAGE;
  const why = warning ? ` ${warning}` : "";
  const suggestion = result.feedback.suggestions
    .filter((s) => s !== translations.suggestions.noNeed)
    .slice(0, 1)
    .map((s) => ` ${s}`)
    .join("");
  return `It is too easy to guess.${why}${suggestion} ${ADVICE}`;
}

export type PasswordCheck = {
  /** Why the password is refused, with what to do instead; empty when it is accepted. */
  problems: string[];
  /** 0–4, for a strength meter. */
  score: number;
};

/** The whole policy: the basic rules, then the common list, the guessability score, the person's own words. */
export function checkPassword(password: string, context: PasswordContext = {}): PasswordCheck {
  const basic = passwordProblems({ password, email: context.email ?? undefined });
  if (password.length < 10 || password.length > 200) return { problems: basic, score: 0 };
  if (isCommonPassword(password))
    return { problems: [...basic, COMMON_PASSWORD_MESSAGE], score: 0 };
  const words = personalWords(context);
  const result = estimator().check(password, words);
  if (result.score < MIN_SCORE)
    return { problems: [...basic, weakMessage(result)], score: result.score };
  if (basic.length) return { problems: basic, score: Math.min(result.score, MIN_SCORE - 1) };
  const rest = withoutWords(password, words);
  if (rest !== password && estimator().check(rest).score < MIN_SCORE)
    return { problems: [PERSONAL_MESSAGE], score: MIN_SCORE - 1 };
  return { problems: [], score: result.score };
}
