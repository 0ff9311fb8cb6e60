// Goal language: could a reasonable employee tell when this goal has been met, and if not, why
// not. Pure: wink-nlp tokens, lemmas, parts of speech, negation and entities, plus the general
// word lists in review.lexicon.ts. No I/O; one NLP instance for the process.
//
// Verdict: "ok" when the goal is measurable and neither trait-based nor vague; otherwise "flag".
// `goal.absolute` ("never", "zero complaints") is a warning that does not by itself flag the
// verdict: "zero safety incidents this quarter" can be checked, it is just harsh. A goal that is
// absolute and has nothing to count ("never make mistakes") flags as not measurable.
// `goal.not_time_bound` is advisory (info): the plan's due dates may supply the time.
//
// How it decides, by principle rather than by remembered sentences:
// - The goal is cut into clauses (punctuation, "and" + verb, "while …", "by …ing", "when …").
//   Each clause gets a head verb (or none, for "Zero escalations …"), and what the head does
//   with its object decides whether the clause is a checkable act.
// - A number is measurable only as a quantity of the goal: a count, rate, percentage, money or
//   a bounded duration. Names ("line 3", "tier 2", "sprint 14"), dates, hype ("10x", "give
//   110%"), ratings ("five-star", "number one") and a percentage of an attitude ("100%
//   committed") are not quantities.
// - A change of level ("reduce downtime", "answer faster", "sell more") needs a target: a number
//   that the change goes to, by or under. Without one it is not measurable.
// - An absolute ("always", "never", "zero") makes a goal checkable only when what it governs is
//   a concrete act or a countable event ("never leave the till unattended"), not a behaviour
//   ("always go the extra mile", "never make a customer feel ignored").
// - Idioms, hype and figurative goals ("move the needle", "be a rockstar") are vague, as are
//   identity goals ("be a role model") and aims ("improve", "foster", "own") with nothing to
//   count.
// - A trait is a disposition asked of the person: an adjective after be/stay/get/seem…, a trait
//   noun shown, brought or had, a manner adverb ("more maturely"). A trait word that only names
//   something ("the compassionate communication study day", "loyalty sign-ups") is not one.
// - A trait stays a trait when a number is attached to it ("be more personable with 20 customers
//   a day"); a number in a separate clause ("…, presenting at least 2 times per month") still
//   makes the goal measurable, but the trait flags it.

import { createRequire } from "node:module";
import type WinkNLP from "wink-nlp";
import type { ItsFunction } from "wink-nlp";
import * as lx from "./review.lexicon.js";
import type { GoalCheck, LanguageCode, Severity } from "./review.types.js";

// The language model is large: it loads at the first review, not when the server starts.
const require = createRequire(import.meta.url);
type Wink = {
  nlp: ReturnType<typeof WinkNLP>;
  its: ReturnType<typeof WinkNLP>["its"];
  lemmaOf: ItsFunction<string>;
};
let wink: Wink | null = null;
function loadWink(): Wink {
  if (!wink) {
    const winkNLP = require("wink-nlp") as typeof WinkNLP;
    const nlp = winkNLP(require("wink-eng-lite-web-model"), ["sbd", "negation", "pos", "ner"]);
    // wink types `lemma` with an addons parameter its own ItsFunction type does not accept.
    wink = { nlp, its: nlp.its, lemmaOf: nlp.its.lemma as unknown as ItsFunction<string> };
  }
  return wink;
}

type Tok = {
  value: string;
  lower: string;
  lemma: string;
  pos: string;
  neg: boolean;
  /** Entity type when one entity covers the whole token. */
  ent: string | null;
  num: boolean;
  /** Inside quotation marks: a name ("the 'Raise the Bar' module"), not the goal's own words. */
  quoted: boolean;
  /** Whitespace before the token. */
  space: boolean;
  /** Cached: a word of time ("week", "Q3", "Friday"). */
  time?: boolean;
};
type Ent = { type: string; from: number; to: number; value: string };
type Parsed = { toks: Tok[]; ents: Ent[]; entAt: (string | null)[]; heads: number[] };

const quoteMarks = new Set(["'", '"', "‘", "’", "“", "”", "`"]);
const nounTags = new Set(["NOUN", "PROPN"]);
const isNoun = (t: Tok | undefined) => !!t && nounTags.has(t.pos);

/** Tokens with hyphenated words joined ("go-to", "safety-conscious"), and their entities. */
function parse(text: string): Parsed {
  const { nlp, its, lemmaOf } = loadWink();
  const doc = nlp.readDoc(text);
  const t = doc.tokens();
  const values = t.out(its.value) as string[];
  const lemmas = t.out(lemmaOf) as string[];
  const poses = t.out(its.pos) as string[];
  const negs = t.out(its.negationFlag) as boolean[];
  const types = t.out(its.type) as string[];
  const spaces = t.out(its.precedingSpaces) as string[];
  const entities = doc.entities();
  const spans = entities.out(its.span) as number[][];
  const details = entities.out(its.detail) as { value: string; type: string }[];

  const rawEnt: (number | null)[] = new Array(values.length).fill(null);
  spans.forEach((s, k) => {
    for (let i = s[0] ?? 0; i <= (s[1] ?? -1); i++) rawEnt[i] = k;
  });

  const toks: Tok[] = [];
  const map: number[] = [];
  for (let i = 0; i < values.length; i++) {
    let end = i;
    // "10x" is one word of hype, not ten of something.
    const times = /^\d+$/.test(values[i] ?? "") && /^x$/i.test(values[i + 1] ?? "");
    if (times && spaces[i + 1] === "") end = i + 1;
    while (
      values[end + 1] === "-" &&
      spaces[end + 1] === "" &&
      spaces[end + 2] === "" &&
      end + 2 < values.length &&
      types[end + 2] !== "punctuation"
    ) {
      end += 2;
    }
    const parts = values.slice(i, end + 1);
    const first = rawEnt[i] ?? null;
    let whole = first !== null;
    for (let k = i; k <= end; k++) if (rawEnt[k] !== first) whole = false;
    const joined = parts.join("");
    const single = end === i;
    if (times && end === i + 1) {
      toks.push(hypeToken(joined, i === 0 || spaces[i] !== ""));
      map[i] = map[i + 1] = toks.length - 1;
      i = end;
      continue;
    }
    const digits = /^[\d.,:-]+$/.test(joined);
    const pos = poses[end] ?? "X";
    toks.push({
      value: joined,
      lower: joined.toLowerCase(),
      lemma: single ? (lemmas[i] ?? "").toLowerCase() : joined.toLowerCase(),
      // "one-to-one" is a thing, not a number; "sign-off", "follow-up" are things, not particles.
      pos: !single && !digits && !["NOUN", "PROPN", "ADJ", "VERB"].includes(pos) ? "NOUN" : pos,
      neg: negs[i] ?? false,
      ent: whole && first !== null ? (details[first]?.type ?? null) : null,
      num: (single || digits) && (poses[i] === "NUM" || types[i] === "number"),
      quoted: false,
      space: (spaces[i] ?? "") !== "" || i === 0,
    });
    for (let k = i; k <= end; k++) map[k] = toks.length - 1;
    i = end;
  }
  markQuoted(toks);
  markTitles(toks);
  // A capital at the start makes the tagger see a name: "Fewer errors", "Punctual attendance".
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const start = i === 0 || toks[i - 1]!.pos === "PUNCT";
    if (start && t.pos === "PROPN" && isAdjectiveWord(t)) t.pos = "ADJ";
  }
  // After a determiner comes a noun phrase: "the till", "the close" are things, not words of time.
  for (let i = 1; i < toks.length; i++) {
    const t = toks[i]!;
    const prev = toks[i - 1]!;
    const article = ["the", "a", "an", "this", "that", "these", "those", "your", "their", "our"];
    if (article.includes(prev.lower) && ["ADP", "SCONJ", "PART", "CCONJ"].includes(t.pos)) {
      if (t.lower !== "of" && !isNoun(toks[i + 1])) t.pos = "NOUN";
    }
  }

  const ents: Ent[] = [];
  const entAt: (string | null)[] = new Array(toks.length).fill(null);
  spans.forEach((s, k) => {
    const from = map[s[0] ?? 0] ?? 0;
    const to = map[s[1] ?? 0] ?? 0;
    const d = details[k];
    if (!d) return;
    // An entity inside a hyphenated word ("one-to-one") is part of a name, not a number.
    if (from === to && toks[from]?.ent !== d.type) return;
    ents.push({ type: d.type, from, to, value: d.value });
    for (let i = from; i <= to; i++) entAt[i] = d.type;
  });

  return { toks, ents, entAt, heads: [] };
}

function hypeToken(value: string, space: boolean): Tok {
  const lower = value.toLowerCase();
  return {
    value,
    lower,
    lemma: lower,
    pos: "ADJ",
    neg: false,
    ent: null,
    num: false,
    quoted: false,
    space,
  };
}

/**
 * Marks runs of two or more capitalised words inside a sentence as a name ("the Positive
 * Behaviour Support course", "Sales Nav"), unless the whole goal is written in title case.
 */
function markTitles(toks: Tok[]): void {
  const words = toks.slice(1).filter((t) => /^[A-Za-z]/.test(t.value));
  const capital = (t: Tok | undefined) => !!t && /^[A-Z][a-z]/.test(t.value);
  if (words.filter(capital).length > words.length * 0.75) return;
  for (let i = 1; i < toks.length; i++) {
    if (!capital(toks[i]) || !capital(toks[i + 1]) || toks[i - 1]?.pos === "PUNCT") continue;
    let k = i;
    while (capital(toks[k]) && !timeNoun(toks[k]!)) k++;
    if (k - i >= 2) for (let n = i; n < k; n++) toks[n]!.quoted = true;
    i = k;
  }
}

function isAdjectiveWord(t: Tok): boolean {
  return (
    lx.comparativeAdverbs.has(t.lower) ||
    lx.vagueAdjectives.has(t.lower) ||
    lx.traitAdjectives.has(t.lower) ||
    lx.hypeWords.has(t.lower) ||
    lx.vaguePrenominal.has(t.lower)
  );
}

/** Marks the words between an opening and a closing quotation mark. */
function markQuoted(toks: Tok[]): void {
  // A whole goal in quotation marks is still the goal.
  const first = toks[0];
  const last = toks.at(-1);
  if (first && last && quoteMarks.has(first.value) && quoteMarks.has(last.value)) {
    const inner = toks.slice(1, -1).filter((t) => quoteMarks.has(t.value)).length;
    if (inner === 0) return;
  }
  let open = -1;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (!quoteMarks.has(t.value)) continue;
    const next = toks[i + 1];
    if (open < 0) {
      if (t.space && next && !next.space) open = i;
    } else if (!t.space) {
      for (let k = open + 1; k < i; k++) toks[k]!.quoted = true;
      open = -1;
    }
  }
}

const inList = (set: Set<string>, t: Tok | undefined) =>
  !!t && (set.has(t.lower) || set.has(t.lemma));

/** A verb list, with the -ing, -ed and -s forms the lemmatiser does not know ("overthinking"). */
const inVerbs = (set: Set<string>, t: Tok | undefined): boolean => {
  if (!t) return false;
  if (inList(set, t)) return true;
  const m = /^(.{3,}?)(ing|ed|s)$/.exec(t.lower);
  return !!m && (set.has(m[1]!) || set.has(`${m[1]}e`));
};
const timeNoun = (t: Tok): boolean => {
  t.time ??= inList(lx.timeNouns, t) || /^(q[1-4]|h[12]|fy\d{0,4}|\d{4})$/.test(t.lower);
  return t.time;
};

/** The base of a derived word when a list knows it: "lazily" → "lazy", "confidently" → "confident". */
function derive(word: string, known: Set<string>): string | null {
  if (known.has(word)) return word;
  for (const [suffix, replacement] of lx.derivedSuffixes) {
    if (word.length > suffix.length + 2 && word.endsWith(suffix)) {
      const base = word.slice(0, -suffix.length) + replacement;
      if (known.has(base)) return base;
    }
  }
  return null;
}

/** A character word: "assertive", "open-minded", "self-motivated", "calmer". */
function isTraitWord(t: Tok): boolean {
  if (inList(lx.traitAdjectives, t)) return true;
  if (!t.lower.includes("-")) return false;
  const parts = t.lower.split("-");
  if (parts.length > 1) {
    if (lx.traitCompoundEnds.has(parts.at(-1)!)) return true;
    if (parts[0] === "self" && t.pos !== "NOUN") return true;
  }
  return false;
}

// ---- Phrases ----

const phraseIndex = (list: string[][]) => {
  const index = new Map<string, string[][]>();
  for (const p of list) {
    const key = p[0]!;
    index.set(key, [...(index.get(key) ?? []), p]);
  }
  return index;
};
const idiomIndex = phraseIndex(lx.idioms);
const traitPhraseIndex = phraseIndex(lx.traitPhrases);
const absolutePhraseIndex = phraseIndex(lx.absolutePhrases);

const wordIs = (t: Tok | undefined, w: string) => !!t && (t.lemma === w || t.lower === w);

/** Length of the phrase at token i ("*" takes one to three words), or 0. Quoted words never match. */
function matchAt(toks: Tok[], i: number, phrase: string[], k = 0, end = toks.length): number {
  if (k === phrase.length) return 0;
  const t = toks[i];
  if (!t || i >= end || t.quoted) return -1;
  const w = phrase[k]!;
  if (w === "*") {
    for (let n = 1; n <= 3; n++) {
      const last = toks[i + n - 1];
      if (!last || i + n - 1 >= end || last.quoted || last.pos === "PUNCT") break;
      if (k + 1 === phrase.length) return n;
      const rest = matchAt(toks, i + n, phrase, k + 1, end);
      if (rest >= 0) return n + rest;
    }
    return -1;
  }
  if (!wordIs(t, w)) return -1;
  if (k + 1 === phrase.length) return 1;
  const rest = matchAt(toks, i + 1, phrase, k + 1, end);
  return rest < 0 ? -1 : 1 + rest;
}

type Match = { at: number; length: number; text: string };

function wordsOf(toks: Tok[], from: number, to: number): string {
  let text = "";
  for (let k = from; k < to; k++) text += (k > from ? " " : "") + toks[k]!.value;
  return text;
}

function findPhrase(
  toks: Tok[],
  index: Map<string, string[][]>,
  from = 0,
  to = toks.length - 1,
): Match | null {
  for (let i = from; i <= to; i++) {
    const t = toks[i]!;
    const byWord = index.get(t.lower);
    const byLemma = t.lemma !== t.lower ? index.get(t.lemma) : undefined;
    for (const candidates of [byWord, byLemma]) {
      if (!candidates) continue;
      for (const p of candidates) {
        const n = matchAt(toks, i, p, 0, to + 1);
        if (n > 0) return { at: i, length: n, text: wordsOf(toks, i, i + n) };
      }
    }
  }
  return null;
}

// ---- Numbers ----

/**
 * What a number does in the goal. Only "quantity" and "duration" can make a goal measurable:
 * "id" names a thing ("line 3"), "time" is a date or a time of day, "hype" is praise ("10x",
 * "give 110%"), "degree" is a percentage of an attitude ("100% committed").
 */
type NumRole = "quantity" | "duration" | "id" | "time" | "hype" | "degree";
type NumMention = { at: number; role: NumRole; percent: boolean; money: boolean; marked: boolean };

const numberWords = new Set(
  "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million".split(
    " ",
  ),
);
const isNumberTok = (t: Tok) =>
  !t.quoted && (t.num || lx.quantityWords.has(t.lower)) && t.pos !== "PUNCT";

/** Is the number at i followed by a unit of time ("2 business days", "48 hrs")? */
function isDurationNumber(toks: Tok[], i: number): boolean {
  for (let k = i + 1; k <= Math.min(toks.length - 1, i + 2); k++) {
    const t = toks[k]!;
    if (lx.timeUnits.has(t.lower) || lx.timeUnits.has(t.lemma)) return true;
    if (!["working", "business", "calendar", "consecutive", "full", "clear"].includes(t.lower)) {
      return false;
    }
  }
  return false;
}

/** A target or threshold word shortly before i, within the same phrase. */
function markedBefore(toks: Tok[], i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 4); k--) {
    const t = toks[k]!;
    if (lx.targetMarkers.has(t.lower)) return true;
    if (t.pos === "VERB" || t.pos === "PUNCT" || t.pos === "CCONJ") return false;
  }
  return false;
}

function percentAfter(toks: Tok[], i: number): number {
  const next = toks[i + 1];
  if (next?.value === "%" || next?.lower === "percent") return i + 2;
  if (next?.lower === "per" && toks[i + 2]?.lower === "cent") return i + 3;
  return -1;
}

function ratesQuality(toks: Tok[], i: number): boolean {
  let k = i + 1;
  if (wordIs(toks[k], "out") && wordIs(toks[k + 1], "of")) k += 3;
  else if (wordIs(toks[k], "star") || wordIs(toks[k], "stars")) k += 1;
  else return false;
  while (toks[k]?.pos === "ADJ") k++;
  const noun = toks[k];
  return !!noun && isNoun(noun) && (inList(lx.abstractNouns, noun) || isPersonTok(noun));
}

function roleOf(p: Parsed, i: number): Omit<NumMention, "at" | "marked"> {
  const { toks, entAt } = p;
  const t = toks[i]!;
  const prev = toks[i - 1];
  const next = toks[i + 1];
  const plain = { percent: false, money: false };
  const afterPercent = percentAfter(toks, i);
  const percent = afterPercent > 0 || entAt[i] === "PERCENT";
  const money = entAt[i] === "MONEY" || ["£", "$", "€", "¥"].includes(prev?.value ?? "");
  if (t.value.includes(":")) {
    // "1:1s" are meetings; "9:00" is a time of day.
    return { role: /^1:1$/.test(t.value) ? "id" : "time", ...plain };
  }
  if (entAt[i] === "DATE" || entAt[i] === "TIME" || /^(19|20)\d\d$/.test(t.value)) {
    return { role: "time", ...plain };
  }
  if (/^\d+x$/i.test(t.value) || (next && !next.space && next.lower === "x")) {
    return { role: "hype", ...plain };
  }
  if (t.value.includes("/")) return { role: "hype", ...plain };
  if (percent) {
    const value = Number.parseFloat(t.value.replace(/,/g, ""));
    const after = toks[afterPercent > 0 ? afterPercent : i + 1];
    if (wordIs(after, "of")) return { role: "quantity", percent, money };
    if (value > 100) return { role: "hype", percent, money };
    if (after && isTraitWord(after)) return { role: "degree", percent, money };
    if (after && inList(lx.effortNouns, after)) return { role: "hype", percent, money };
    const verb = toks
      .slice(Math.max(0, i - 3), i)
      .reverse()
      .find((x) => x.pos === "VERB" || x.pos === "AUX");
    if (verb && ["give", "put", "bring", "be"].includes(verb.lemma) && !isNoun(after)) {
      return { role: verb.lemma === "be" ? "degree" : "hype", percent, money };
    }
    return { role: "quantity", percent, money };
  }
  if (money) return { role: "quantity", percent, money };
  // "a 10 out of 10 service", "a 5 star experience": a rating of a quality, not a count.
  if (ratesQuality(toks, i)) return { role: "hype", ...plain };
  const outOf = wordIs(prev, "of") && wordIs(toks[i - 2], "out") && toks[i - 3];
  if (outOf && isNumberTok(outOf) && ratesQuality(toks, i - 3)) return { role: "hype", ...plain };
  if (prev && (prev.value === "#" || prev.lower === "no." || prev.lower === "number")) {
    return { role: "id", ...plain };
  }
  if (isDurationNumber(toks, i)) return { role: "duration", ...plain };
  if (lx.quantityWords.has(t.lower) && lx.particles.has(next?.lower ?? "")) {
    return { role: "id", ...plain }; // "double down", "half off"
  }
  if (lx.quantityWords.has(t.lower)) {
    // "half done" is a degree; "half the calls", "half of all orders" count.
    let counts =
      t.lower !== "half" || ["DET", "NOUN", "NUM"].includes(next?.pos ?? "") || wordIs(next, "of");
    // "the same mistake twice", "contact us twice": a repeat, unless it is a rate or a bound.
    if (["once", "twice", "thrice"].includes(t.lower) && (isNoun(prev) || prev?.pos === "PRON")) {
      const rate = ["a", "an", "per", "every", "each", "/"].includes(next?.lower ?? "");
      counts = rate || markedBefore(toks, i);
    }
    const zero = t.lower === "zero" || t.lower === "none";
    if (!zero) return { role: counts ? "quantity" : "id", ...plain };
  }
  if (prev && !prev.quoted && !isNoun(prev) && inList(lx.identifierNouns, prev)) {
    // "ward 7" with "ward" tagged as a verb; "order 5 pallets" still counts pallets.
    const named = !isNoun(next) && prev.pos !== "DET" && prev.pos !== "ADP";
    if (named && !isClauseStart(toks, i - 1)) return { role: "id", ...plain };
  }
  if (prev && isNoun(prev) && !prev.quoted && !inList(lx.thresholdNouns, prev)) {
    const unit = lx.timeUnits.has(prev.lower) || lx.timeUnits.has(prev.lemma);
    if ((inList(lx.identifierNouns, prev) || unit) && !isClauseStart(toks, i - 1)) {
      return { role: "id", ...plain };
    }
    // A number that ends a noun phrase names it ("press 4"); one before a noun counts it.
    let k = i + 1;
    while (toks[k]?.pos === "ADJ") k++;
    const counts = isNoun(toks[k]) || lx.timeUnits.has(toks[k]?.lower ?? "");
    if (!counts && !isClauseStart(toks, i - 1)) return { role: "id", ...plain };
  }
  // "aisles 3 to 6": the end of a range of names is a name.
  if (prev && ["to", "-", "and", "or", "&"].includes(prev.lower)) {
    const before = toks[i - 2];
    if (before && isNumberTok(before) && toks[i - 3] && inList(lx.identifierNouns, toks[i - 3])) {
      return { role: "id", ...plain };
    }
  }
  // "the one who…", "one of the team": a pronoun, not a count.
  if (t.lower === "one" && (wordIs(prev, "the") || wordIs(next, "of") || wordIs(prev, "no"))) {
    return { role: "id", ...plain };
  }
  // "zero" counts only as a target ("down to zero"); "zero complaints" is an absolute.
  if (t.lower === "zero" || t.value === "0" || t.lower === "none") {
    const target = prev && ["to", "at"].includes(prev.lower);
    return { role: target ? "quantity" : "id", ...plain };
  }
  return { role: "quantity", ...plain };
}

/** The first word of the goal or of a clause: an imperative verb the tagger may call a noun. */
function isClauseStart(toks: Tok[], i: number): boolean {
  const prev = toks[i - 1];
  return !prev || prev.pos === "PUNCT" || prev.pos === "CCONJ";
}

function numberMentions(p: Parsed): NumMention[] {
  const found: NumMention[] = [];
  const { toks } = p;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (!isNumberTok(t)) continue;
    // Number words in a row ("twenty five") are one mention.
    if (i > 0 && isNumberTok(toks[i - 1]!) && numberWords.has(t.lower)) continue;
    const role = roleOf(p, i);
    found.push({ at: i, ...role, marked: markedBefore(toks, i) });
  }
  return found;
}

// ---- Clauses ----

type Clause = {
  from: number;
  to: number;
  /** A condition ("when the unit is busy") sets a threshold; it asks nothing of the person. */
  condition: boolean;
  head: number | null;
};

const breakValues = new Set([".", ";", ":", "!", "?", ",", "(", ")", "—", "–", "-", "+", "&", "|"]);

/** Does a new verb clause start at j ("… and *send* a recap", "… and *never* leave …")? */
function startsVerbClause(toks: Tok[], j: number): boolean {
  for (let k = j; k < Math.min(toks.length, j + 3); k++) {
    const t = toks[k]!;
    if (t.pos === "VERB" || t.pos === "AUX") return true;
    if (t.pos !== "ADV" && t.pos !== "PART" && !lx.leadIns.has(t.lower)) return false;
  }
  return false;
}

function splitClauses(toks: Tok[]): Clause[] {
  const raw: Clause[] = [];
  let start = 0;
  let condition = false;
  const close = (end: number) => {
    if (end >= start) raw.push({ from: start, to: end, condition, head: null });
  };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.quoted) continue;
    const next = toks[i + 1];
    if (breakValues.has(t.value) && (t.pos === "PUNCT" || t.pos === "SYM" || t.pos === "CCONJ")) {
      close(i - 1);
      start = i + 1;
      condition = false;
      continue;
    }
    if (i === start) continue;
    const opensCondition =
      lx.conditionWords.has(t.lower) && (t.pos === "SCONJ" || t.pos === "ADV") && !!next;
    const opensParallel = lx.parallelWords.has(t.lower) && t.pos === "SCONJ";
    const opensMeans =
      lx.meansWords.has(t.lower) &&
      next?.pos === "VERB" &&
      next.lower.endsWith("ing") &&
      !timeNoun(next);
    const opensVerb = t.pos === "CCONJ" && startsVerbClause(toks, i + 1);
    if (opensCondition || opensParallel || opensMeans || opensVerb) {
      close(i - 1);
      start = i;
      condition = opensCondition;
    }
  }
  close(toks.length - 1);

  // A fragment without a verb (", at least 3 shifts a week") belongs to the clause before it.
  const clauses: Clause[] = [];
  for (const c of raw) {
    const verbless = !toks.slice(c.from, c.to + 1).some((t) => t.pos === "VERB" || t.pos === "AUX");
    const prev = clauses.at(-1);
    if (prev && verbless && !c.condition) prev.to = c.to;
    else clauses.push(c);
  }
  for (const c of clauses) c.head = c.condition ? null : findHead(toks, c);
  return clauses;
}

/** Could the noun at j be an imperative verb the tagger misread ("Log every call", "Face up")? */
function looksImperative(toks: Tok[], j: number): boolean {
  const t = toks[j]!;
  const next = toks[j + 1];
  if (!next) return false;
  // A noun followed by a determiner is a verb: "Grit the car park", "Chart the vital signs".
  if (next.pos === "DET" || next.pos === "PRON") return true;
  if (inList(lx.abstractNouns, t) || inList(lx.traitNouns, t) || inList(lx.thresholdNouns, t)) {
    return false;
  }
  if (next.pos === "NUM") return true;
  if (lx.scopeWords.has(next.lower) || lx.particles.has(next.lower)) return true;
  return next.pos === "ADJ" && isNoun(toks[j + 2]) && !next.lower.endsWith("er");
}

const modals = new Set(["will", "shall", "should", "must", "'ll", "can", "could", "would", "may"]);

/** "The employee will", "Jane needs to", "Employee to": the index of the modal, or -1. */
function subjectModal(toks: Tok[], j: number, end: number): number {
  let k = j;
  while (k <= end && (toks[k]!.pos === "DET" || isNoun(toks[k]) || toks[k]!.pos === "PRON")) k++;
  if (k === j || k > end) return -1;
  const m = toks[k]!;
  if (modals.has(m.lower) || m.lower === "to") return k;
  if (["need", "have", "be"].includes(m.lemma) && toks[k + 1]?.lower === "to") return k + 1;
  if (m.lemma === "be" && toks[k + 1]?.lower === "expected" && toks[k + 2]?.lower === "to") {
    return k + 2;
  }
  return -1;
}

/** A word the verb lists know ("Increase", "Streamline", "Crush"), whatever its tag. */
const knownVerb = (t: Tok, next: Tok | undefined) =>
  !t.quoted &&
  (inList(lx.directionalVerbs, t) ||
    inVerbs(lx.aimVerbs, t) ||
    inVerbs(lx.hypeVerbs, t) ||
    inVerbs(lx.judgementVerbs, t) ||
    inList(lx.completionVerbs, t) ||
    inList(lx.selfTargetVerbs, t) ||
    // "Care plans", "Display boards": these are nouns before a noun.
    (!isNoun(next) &&
      (inVerbs(lx.traitVerbs, t) ||
        inList(lx.makeVerbs, t) ||
        inList(lx.peopleVerbs, t) ||
        inList(lx.displayVerbs, t) ||
        inList(lx.copulas, t) ||
        inList(lx.aspectVerbs, t) ||
        inList(lx.lightVerbs, t))));

/** The head verb of an imperative clause ("Reply to…", "Don't be…", "Stop getting…"). */
function findHead(toks: Tok[], c: Clause): number | null {
  for (let j = c.from; j <= c.to; j++) {
    const t = toks[j]!;
    const next = toks[j + 1];
    if (t.pos === "PUNCT" || t.pos === "CCONJ" || t.pos === "SCONJ" || t.pos === "PART") continue;
    if (j === c.from && (lx.meansWords.has(t.lower) || lx.parallelWords.has(t.lower))) continue;
    if (lx.leadIns.has(t.lower)) continue;
    if (t.lower === "do" && (next?.lower === "not" || next?.lower === "n't")) continue;
    if ((t.lemma === "make" || t.lemma === "be") && next?.lower === "sure") {
      j++;
      continue;
    }
    if (t.lemma === "be" && next?.lower === "able" && toks[j + 2]?.lower === "to") {
      j += 2;
      continue;
    }
    const aspect = lx.aspectVerbs.has(t.lemma) || t.lemma === "remember" || t.lemma === "need";
    const ing = next && (next.pos === "VERB" || next.pos === "AUX") && next.lower.endsWith("ing");
    if (aspect && next && (next.lower === "to" || ing)) {
      continue;
    }
    // "Back up every laptop": an adverb-looking verb before its particle and object.
    const phrasal =
      lx.particles.has(next?.lower ?? "") && ["DET", "PRON"].includes(toks[j + 2]?.pos ?? "");
    if (t.pos === "ADV" && phrasal && j === c.from) return j;
    if (t.pos === "ADV" && !lx.copulas.has(t.lemma) && !isComparative(toks, j)) continue;
    if (t.pos === "VERB" || t.pos === "AUX") return j;
    // The tagger misreads many imperatives: "Log every call", "Always complete a …".
    const misread = isNoun(t) || t.pos === "ADJ";
    if (misread && (looksImperative(toks, j) || knownVerb(t, next))) {
      return t.pos === "ADJ" && !knownVerb(t, next) ? null : j;
    }
    // "The employee will …", "Jane needs to …": the subject and the modal come first.
    const modal = subjectModal(toks, j, c.to);
    if (modal > j) {
      j = modal;
      continue;
    }
    return null;
  }
  return null;
}

// ---- Comparatives ----

/** "faster", "more", "better", "cleaner": a change with no level unless a number follows. */
function isComparative(toks: Tok[], i: number): boolean {
  const t = toks[i]!;
  if (t.quoted || inList(lx.notComparatives, t)) return false;
  // The tagger sometimes calls "neater" a noun; "a cleaner" after an article is one.
  const listed = lx.comparativeAdverbs.has(t.lower) || lx.qualityComparatives.has(t.lower);
  const byList = listed && (t.pos === "ADV" || t.pos === "ADJ" || toks[i - 1]?.pos !== "DET");
  const byForm =
    t.pos === "ADJ" && t.lemma !== t.lower && /(er|ier)$/.test(t.lower) && !t.lower.includes("-");
  return byList || byForm;
}

/** A comparative that sets no level: not "no more than 2", "4.6 or higher", "better than 90%". */
function isOpenComparative(toks: Tok[], i: number): boolean {
  if (!isComparative(toks, i)) return false;
  const prev = toks[i - 1];
  const next = toks[i + 1];
  if (prev && (["no", "or", "any", "least", "most"].includes(prev.lower) || isNumberTok(prev))) {
    return false;
  }
  if (next?.lower === "than") {
    const after = toks.slice(i + 2, i + 5);
    if (after.some((x) => isNumberTok(x) || ["£", "$", "€"].includes(x.value))) return false;
  }
  return true;
}

// ---- What a clause asks ----

type Reading = {
  trait: string | null;
  vague: string | null;
  /** Idiom or hype: figurative, nothing in it can be checked. */
  idiom: string | null;
  /** "Be a role model", "be a top 10% performer": who to be, with nothing to count. */
  identity: boolean;
  /** A change of level ("reduce", "faster", "more"): numbers count only as its target. */
  direction: boolean;
  /** An observable act or a checkable state ("log every call", "be at your station"). */
  act: boolean;
  /** A finished thing: checkable without a number or a date ("write the runbook"). */
  deliverable: boolean;
  /** An absolute over a countable event ("zero escalations", "no medication errors"). */
  countable: boolean;
  quantity: boolean;
};

const emptyReading = (): Reading => ({
  trait: null,
  vague: null,
  idiom: null,
  identity: false,
  direction: false,
  act: false,
  deliverable: false,
  countable: false,
  quantity: false,
});

const relativeWords = new Set(["who", "that", "which", "where", "whose", "whom"]);
const possessives = new Set(["your", "their", "his", "her", "its", "our", "my"]);
const specificDeterminers = new Set(["the", "this", "that", "these", "those", ...possessives]);

/** A noun that names something specific enough to count ("medication error", "ticket"). */
function isSpecificNoun(toks: Tok[], i: number): boolean {
  const t = toks[i]!;
  if (!isNoun(t) || t.quoted) return !!t.quoted;
  // "study day", "night shift" name an event; "day" alone is a unit of time.
  if (lx.timeUnits.has(t.lower) || lx.timeUnits.has(t.lemma)) return isNoun(toks[i - 1]);
  if (inList(lx.abstractNouns, t)) return false;
  // "skin irritation", "fault tolerance" are things; "irritation" alone is a feeling.
  if (inList(lx.traitNouns, t)) return isNoun(toks[i - 1]) && !toks[i - 1]!.quoted;
  if (inList(lx.hypeWords, t) || inList(lx.vagueAdjectives, t)) return false;
  if (inList(lx.genericCountNouns, t)) return isNoun(toks[i - 1]) && !toks[i - 1]!.quoted;
  return true;
}

type Obj = {
  from: number;
  to: number;
  /** Heads of the noun phrases after the verb. */
  heads: number[];
};

/** The noun phrases the head verb acts on: "each team member written feedback". */
function objectOf(toks: Tok[], h: number, end: number): Obj {
  let k = h + 1;
  while (k <= end && lx.particles.has(toks[k]!.lower) && toks[k]!.pos !== "NOUN") k++;
  // "Set and share quarterly OKRs": two verbs, one object.
  if (
    toks[k]?.pos === "CCONJ" &&
    k + 1 <= end &&
    !["DET", "NUM", "PRON"].includes(toks[k + 1]!.pos)
  ) {
    k += 2;
    while (k <= end && lx.particles.has(toks[k]!.lower) && toks[k]!.pos !== "NOUN") k++;
  }
  const from = k;
  const heads: number[] = [];
  for (; k <= end; k++) {
    const t = toks[k]!;
    if (t.quoted) continue;
    if (isPossessive(toks, k)) continue;
    if (t.pos === "PUNCT" || t.pos === "SCONJ" || t.pos === "CCONJ" || relativeWords.has(t.lower)) {
      break;
    }
    if (t.pos === "ADP" && t.lower !== "of") break;
    if (t.pos === "VERB" && !(isNoun(toks[k + 1]) && k > from)) break;
    const inside = isNoun(toks[k + 1]) || toks[k + 1]?.pos === "ADJ" || toks[k + 1]?.pos === "VERB";
    if (t.pos === "ADV" && !isComparative(toks, k) && !inside) break;
    const after = toks[k + 1];
    const named = !!after && isNumberTok(after) && isNoun(t); // "level 2", "ward 7"
    const owner = isPossessive(toks, k + 1); // "new starters' IT accounts"
    if ((isNoun(t) || t.pos === "PRON") && !isNoun(after) && !named && !owner) heads.push(k);
  }
  return { from, to: k - 1, heads };
}

/** "'s", or an apostrophe glued to a plural ("starters' accounts"). */
const isPossessive = (toks: Tok[], k: number) => {
  const t = toks[k];
  if (!t) return false;
  if (t.lower === "'s" || t.lower === "’s") return true;
  return (t.value === "'" || t.value === "’") && !t.space && !t.quoted && isNoun(toks[k + 1]);
};

const isPersonTok = (t: Tok) =>
  inList(lx.personNounsForGoals, t) ||
  (t.pos === "PRON" && !["it", "this", "that"].includes(t.lower));

const placeCopulas = new Set(["be", "being", "stay", "remain"]);
const identityCopulas = new Set([
  "be",
  "being",
  "become",
  "remain",
  "stay",
  "seem",
  "appear",
  "act",
]);

type Predicate = {
  kind: "trait" | "vague" | "place" | "credential" | "none";
  word: string;
  /** Who to be rather than how to act: "a role model", "someone the team can rely on". */
  identity?: boolean;
};

/** What the predicate of a copula asks the person to be: "more assertive", "a role model". */
function predicate(toks: Tok[], c: number, end: number): Predicate {
  const cop = toks[c]!;
  let j = c + 1;
  if (cop.lemma === "come") {
    if (toks[j]?.lower !== "across") return { kind: "none", word: "" };
    j += toks[j + 1]?.lower === "as" ? 2 : 1;
  }
  if (cop.lemma === "act" && toks[j]?.lower === "as") j++;
  let degree = false;
  for (; j <= end; j++) {
    const t = toks[j]!;
    if (t.quoted) return { kind: "none", word: "" };
    const next = toks[j + 1];
    if ((t.lower === "better" || t.lower === "worse") && !(next && next.pos === "ADJ")) {
      return { kind: "vague", word: t.value };
    }
    if (isNumberTok(t) && percentAfter(toks, j) > 0) {
      degree = true;
      j = percentAfter(toks, j) - 1;
      continue;
    }
    if (
      lx.degreeWords.has(t.lower) &&
      !(t.lower === "a" || t.lower === "an" || t.lower === "the")
    ) {
      degree = true;
      if ((t.lower === "more" || t.lower === "less") && next?.lower === "of") {
        // "be less of a perfectionist", "be more of a team player".
        const np = toks.slice(j + 2, Math.min(end + 1, j + 6));
        const person = np.find((x) => inList(lx.traitPersonNouns, x) || isTraitWord(x));
        if (person || findPhrase(toks, traitPhraseIndex, j + 2, end)) {
          return { kind: "trait", word: person?.value ?? toks[j + 3]?.value ?? t.value };
        }
        return { kind: "vague", word: toks[j + 3]?.value ?? t.value };
      }
      continue;
    }
    if (t.lower === "on" && next?.lower === "time") return { kind: "vague", word: "on time" };
    // The tagger often calls a predicate adjective a noun ("be more compassionate").
    // The word itself, not its lemma, unless tagged an adjective: "calmer", but not "alerts".
    const exact = t.pos === "ADJ" || lx.traitAdjectives.has(t.lower) || t.lower.includes("-");
    if (isTraitWord(t) && exact) return { kind: "trait", word: t.value };
    if (inList(lx.vagueAdjectives, t) || inList(lx.hypeWords, t)) {
      return { kind: "vague", word: t.value };
    }
    if (t.lower === "a" || t.lower === "an" || t.lower === "the" || possessives.has(t.lower)) {
      // "get a complaint", "grow a pipeline": not a predicate.
      if (!identityCopulas.has(cop.lemma)) return { kind: "none", word: "" };
      return identity(toks, j + 1, end);
    }
    // "be at your station", "stay on the floor"; but "look for", "get into" are not places.
    if (t.pos === "ADP") {
      // "be 100% on it", "be more on the ball": a degree makes a place figurative.
      if (degree) {
        return { kind: "vague", word: wordsOf(toks, j, Math.min(end, j + 2) + 1), identity: true };
      }
      return { kind: placeCopulas.has(cop.lemma) ? "place" : "none", word: "" };
    }
    // "be someone the team can rely on": an identity without an article.
    if (["someone", "somebody", "one"].includes(t.lower) && identityCopulas.has(cop.lemma)) {
      return { kind: "vague", word: t.value, identity: true };
    }
    if (t.pos === "ADV") continue;
    if (isNoun(t)) {
      if (inList(lx.traitPersonNouns, t)) return { kind: "trait", word: t.value };
      if (timeNoun(t) || t.quoted) return { kind: "none", word: "" };
      return identityCopulas.has(cop.lemma) ? identity(toks, j, end) : { kind: "none", word: "" };
    }
    if (t.pos === "ADJ") {
      if (inList(lx.credentialWords, t)) return { kind: "credential", word: t.value };
      // "get written approval": an adjective before a noun starts an object, not a predicate.
      if (isNoun(toks[j + 1]) && !degree) {
        return identityCopulas.has(cop.lemma) ? identity(toks, j, end) : { kind: "none", word: "" };
      }
      return { kind: degree ? "trait" : "vague", word: t.value };
    }
    if (t.pos === "VERB" && degree && /(ed|en)$/.test(t.lower)) {
      return { kind: "trait", word: t.value };
    }
    break;
  }
  return { kind: "none", word: "" };
}

/** "be a <noun>": an identity is vague, a trait when the noun phrase names one. */
function identity(toks: Tok[], from: number, end: number): Predicate {
  let last: Tok | null = null;
  for (let k = from; k <= end; k++) {
    const t = toks[k]!;
    if (t.pos === "ADP" || t.pos === "PUNCT" || t.pos === "VERB" || relativeWords.has(t.lower)) {
      break;
    }
    if (isTraitWord(t) && !isNoun(t)) return { kind: "trait", word: t.value };
    if (inList(lx.traitPersonNouns, t)) return { kind: "trait", word: t.value };
    if (inList(lx.credentialWords, t)) return { kind: "credential", word: t.value };
    if (t.pos !== "DET" && t.pos !== "ADV") last = last ?? t;
  }
  const phrase = findPhrase(toks, traitPhraseIndex, from, end);
  if (phrase) return { kind: "trait", word: phrase.text };
  return { kind: "vague", word: last?.value ?? "be", identity: true };
}

/** Is the copula at i addressed to the employee ("be", "stop being", "don't get")? */
function addressed(toks: Tok[], i: number, c: Clause): boolean {
  if (i === c.head || toks[i]!.lower === "being") return true;
  const prev = toks[i - 1];
  if (!prev) return true;
  return [
    "you",
    "to",
    "stop",
    "n't",
    "not",
    "never",
    "always",
    "'re",
    "and",
    "or",
    "just",
  ].includes(prev.lower);
}

const qualifierWords = new Set([
  "more",
  "less",
  "some",
  "greater",
  "real",
  "genuine",
  "true",
  "positive",
  "negative",
  "right",
  "good",
  "bad",
  "better",
  "great",
  "high",
  "low",
  "much",
  "extra",
  "enough",
  "any",
  "with",
  "no",
  ...possessives,
]);

const measureNouns = new Set(
  "score scores rating ratings mark marks result results grade survey feedback audit assessment review reviews question questions category".split(
    " ",
  ),
);

/** "a score of 90% for warmth of greeting": the trait names what is measured. */
function measuredCategory(toks: Tok[], i: number, c: Clause): boolean {
  const prev = toks[i - 1];
  if (!prev || !["for", "on", "in", "of"].includes(prev.lower)) return false;
  const before = toks.slice(Math.max(c.from, i - 5), i - 1);
  return before.some((x) => inList(measureNouns, x) || x.value === "%" || x.lower === "percent");
}

const showVerbs = new Set([
  "show",
  "display",
  "demonstrate",
  "exhibit",
  "bring",
  "project",
  "convey",
  "radiate",
  "express",
  "exude",
]);

/** A trait the clause asks of the person, or null. */
function traitIn(toks: Tok[], c: Clause): string | null {
  const phrase = findPhrase(toks, traitPhraseIndex, c.from, c.to);
  if (phrase) return phrase.text;
  const head = c.head === null ? null : toks[c.head]!;
  if (head && inVerbs(lx.traitVerbs, head)) return head.value;
  // "show you care", "make sure you smile": a feeling asked of the person.
  for (let i = c.from + 1; i <= c.to; i++) {
    const t = toks[i]!;
    if (t.pos === "VERB" && wordIs(toks[i - 1], "you") && inVerbs(lx.traitVerbs, t)) return t.value;
  }
  // The verb governing an object: the head, or a first word the tagger took for a noun.
  const at = c.head ?? c.from;
  for (let i = c.from; i <= c.to; i++) {
    const t = toks[i]!;
    if (t.quoted) continue;
    const next = toks[i + 1];
    const prev = toks[i - 1];
    const modifier = isNoun(next) && !next!.quoted && i < c.to;
    if (lx.copulas.has(t.lemma) || t.lower === "being") {
      if (t.pos === "VERB" || t.pos === "AUX" || i === c.head) {
        if (addressed(toks, i, c)) {
          const pred = predicate(toks, i, c.to);
          if (pred.kind === "trait") return pred.word;
        }
      }
      continue;
    }
    // "bluntness", "friendliness": a trait adjective made a noun.
    const nessNoun = isNoun(t) && t.lower.endsWith("ness") && !!derive(t.lower, lx.traitAdjectives);
    const traitNoun = t.pos !== "ADJ" && (inList(lx.traitNouns, t) || nessNoun);
    const contextNoun = isNoun(t) && inList(lx.contextTraitNouns, t);
    // A trait noun is asked of the person when it is shown, had or brought ("show more warmth",
    // "improve your attitude"), qualified ("with respect", "more drive") or the whole goal
    // ("better attitude with customers"); not when it names something ("data integrity checks",
    // "courtesy calls", "due diligence on 3 vendors", "sprint commitments").
    const compound = isNoun(prev) && i - 1 !== at;
    if ((traitNoun || contextNoun) && !modifier && !compound && !measuredCategory(toks, i, c)) {
      let qualified = false;
      for (let k = Math.max(c.from, i - 2); k < i; k++) {
        const x = toks[k]!;
        const owner = traitNoun && possessives.has(x.lower);
        if ((qualifierWords.has(x.lower) && !possessives.has(x.lower)) || owner || isTraitWord(x)) {
          qualified = true;
        }
      }
      const governor = toks[at]!;
      const verbs = traitNoun ? lx.displayVerbs : showVerbs;
      const shown = i > at && i - at <= 4 && (inList(verbs, governor) || inVerbs(verbs, governor));
      const whole = c.head === null && traitNoun;
      if (qualified || shown || whole) return t.value;
    }
    // "show more interest", "display less reluctance": an unnamed quality put on show.
    if (isNoun(t) && !modifier && i === at + 2 && showVerbs.has(toks[at]!.lemma)) {
      const degree = toks[at + 1]!.lower;
      // A named abstraction ("more leadership") is vague, not a trait.
      const named = inList(lx.abstractNouns, t) || !isSpecificNoun(toks, i);
      if (["more", "less", "greater", "some"].includes(degree) && !named) return t.value;
    }
    // "in a calm manner", "a positive outlook": a trait word describing a manner; "have a
    // positive word for everyone", "bring a calm presence": one the person is to show.
    if (isTraitWord(t) && t.pos === "ADJ") {
      let k = i + 1;
      while (toks[k]?.pos === "ADJ" || toks[k]?.pos === "PUNCT") k++;
      if (inList(lx.mannerNouns, toks[k])) return t.value;
      const a = wordIs(prev, "a") || wordIs(prev, "an");
      const keeps = a && ["have", "keep", "maintain"].includes(toks[at]!.lemma);
      const shows = showVerbs.has(toks[at]!.lemma) || keeps;
      if (shows && i > at && i - at <= 3 && isNoun(toks[k])) return t.value;
    }
    // "handle conflict more maturely", "greet customers warmly": a manner that is judged.
    // "kindly" before the verb is "please"; after it, a manner ("speak kindly").
    const please = t.lower === "kindly" && (c.head === null || i < c.head);
    if (t.pos === "ADV" && t.lower.endsWith("ly") && !lx.notMannerAdverbs.has(t.lower) && !please) {
      const base = derive(t.lower, lx.traitAdjectives);
      if (base && !lx.vagueAdjectives.has(base)) return t.value;
    }
  }
  return null;
}

/** Does the clause have a number that is a quantity of the goal (a target, if it is a change)? */
function hasQuantity(toks: Tok[], c: Clause, mentions: NumMention[], direction: boolean): boolean {
  for (const m of mentions) {
    if (m.at < c.from || m.at > c.to) continue;
    if (m.role === "quantity") {
      if (!direction || m.marked || m.percent || m.money) return true;
    }
    if (m.role === "duration") {
      // "within 30 days" is a deadline; "to under 2 hours" or "faster, within 2 minutes" a target.
      const target =
        durationBound(toks, m.at) || toTarget(toks, m.at) || (speed(toks, c) && m.marked);
      if (direction ? target : durationBound(toks, m.at)) return true;
    }
  }
  return false;
}

function toTarget(toks: Tok[], i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    if (toks[k]!.lower === "to" || toks[k]!.lower === "from") return true;
    if (toks[k]!.pos === "VERB" || toks[k]!.pos === "PUNCT") break;
  }
  return false;
}

const speedWords = new Set(["faster", "quicker", "sooner", "earlier", "quickly", "promptly"]);

/** A comparison of speed, whose target is a duration: "answer faster, within 2 minutes". */
function speed(toks: Tok[], c: Clause): boolean {
  for (let k = c.from; k <= c.to; k++) if (speedWords.has(toks[k]!.lower)) return true;
  return false;
}

const durationBounds = new Set(
  "under below above less fewer least most maximum minimum max min than exceed exceeding".split(
    " ",
  ),
);

/** "under 7 minutes", "4 hours or less": a duration used as a limit, not a period. */
function durationBound(toks: Tok[], i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    if (durationBounds.has(toks[k]!.lower)) return true;
    if (toks[k]!.pos === "VERB" || toks[k]!.pos === "PUNCT") break;
  }
  const after = toks.slice(i + 2, i + 5).map((t) => t.lower);
  return after.includes("or") && after.some((w) => ["less", "fewer", "under", "below"].includes(w));
}

/** "zero escalations", "no medication errors", "make no …": an absolute over a countable event. */
function countableAbsolute(toks: Tok[], c: Clause): boolean {
  for (let i = c.from; i <= c.to; i++) {
    const t = toks[i]!;
    const zero = t.lower === "zero" || t.value === "0" || (t.lower === "no" && t.pos === "DET");
    if (!zero || t.quoted) continue;
    if (toks[i + 1] && lx.boundAfterNo.has(toks[i + 1]!.lower)) continue;
    for (let k = i + 1; k <= Math.min(c.to, i + 4); k++) {
      const n = toks[k]!;
      if (isNoun(n) && !isNoun(toks[k + 1])) return isSpecificNoun(toks, k);
      if (n.pos === "ADP" || n.pos === "PUNCT") break;
    }
  }
  return false;
}

/** What one clause asks, and whether any of it can be checked. */
function readClause(p: Parsed, c: Clause, mentions: NumMention[]): Reading {
  const { toks } = p;
  const r = emptyReading();
  if (c.condition) {
    // A condition asks nothing of the person, but its numbers set the threshold of the goal.
    r.quantity = hasQuantity(toks, c, mentions, false);
    return r;
  }
  r.trait = traitIn(toks, c);

  const idiom = findPhrase(toks, idiomIndex, c.from, c.to);
  if (idiom) r.idiom = idiom.text;
  for (let i = c.from; i <= c.to && !r.idiom; i++) {
    const t = toks[i]!;
    if (!t.quoted && inList(lx.hypeWords, t)) r.idiom = t.value;
  }
  for (const m of mentions) {
    if (m.at >= c.from && m.at <= c.to && m.role === "hype" && !r.idiom) {
      const next = toks[m.at + 1];
      r.idiom = toks[m.at]!.value + (next?.value === "%" ? "%" : "");
    }
  }

  for (let i = c.from; i <= c.to; i++) {
    const t = toks[i]!;
    // "work more efficiently", "communicate properly": a manner nobody can check.
    const well = t.lower === "well" && !wordIs(toks[i - 1], "as") && !wordIs(toks[i + 1], "as");
    const vagueManner =
      inList(lx.vagueAdjectives, t) || !!derive(t.lower, lx.vagueAdjectives) || well;
    if (t.pos === "ADV" && !t.quoted && vagueManner) r.vague = r.vague ?? t.value;
    if (isOpenComparative(toks, i)) {
      r.direction = true;
      if (inList(lx.qualityComparatives, toks[i]!) && !r.vague) r.vague = toks[i]!.value;
    }
  }

  const h = c.head;
  if (h === null) {
    readVerbless(toks, c, r);
  } else {
    readHead(toks, c, h, r);
  }
  if (r.idiom || r.trait) {
    r.act = false;
    r.deliverable = false;
  }
  if (r.direction) {
    r.act = false;
    r.deliverable = false;
  }
  r.countable = !r.trait && countableAbsolute(toks, c);
  const counts = !r.trait && !r.identity;
  r.quantity = counts && (r.quantity || hasQuantity(toks, c, mentions, r.direction));
  return r;
}

/** A clause with no verb at its head: "Zero escalations …", "EOD recap to team lead daily". */
function readVerbless(toks: Tok[], c: Clause, r: Reading): void {
  // A participle names the act: "markdowns done + labelled", "PRs reviewed within 1 day".
  for (let i = c.from; i <= c.to; i++) {
    const t = toks[i]!;
    if (t.pos !== "VERB" || t.quoted) continue;
    // "existing accounts", "returned surveys": a participle before a noun describes it.
    if (isNoun(toks[i + 1]) && i + 1 <= c.to) continue;
    if (isConcreteVerb(t)) {
      r.act = true;
      return;
    }
  }
  // Otherwise the first noun phrase is the deliverable: "handover notes in the EPR".
  let k = c.from;
  while (k <= c.to && ["DET", "NUM", "ADJ", "PUNCT", "SYM"].includes(toks[k]!.pos)) {
    const t = toks[k]!;
    if (t.pos === "ADJ" && (inList(lx.vagueAdjectives, t) || inList(lx.hypeWords, t))) {
      r.vague = r.vague ?? t.value;
      return;
    }
    k++;
  }
  while (k <= c.to && isNoun(toks[k + 1]) && !toks[k + 1]!.quoted) k++;
  if (k <= c.to && isNoun(toks[k])) {
    const t = toks[k]!;
    if (inList(lx.abstractNouns, t)) r.vague = r.vague ?? t.value;
    else if (isSpecificNoun(toks, k) && !isPersonTok(t)) r.act = true;
  }
}

/** A verb that names an observable act on its own ("scan", "log", "greet"). */
function isConcreteVerb(t: Tok): boolean {
  return !(
    inList(lx.lightVerbs, t) ||
    inList(lx.copulas, t) ||
    inVerbs(lx.aimVerbs, t) ||
    inVerbs(lx.hypeVerbs, t) ||
    inVerbs(lx.judgementVerbs, t) ||
    inVerbs(lx.traitVerbs, t) ||
    inList(lx.directionalVerbs, t) ||
    inList(lx.peopleVerbs, t) ||
    inList(lx.makeVerbs, t)
  );
}

function readHead(toks: Tok[], c: Clause, h: number, r: Reading): void {
  const t = toks[h]!;
  const obj = objectOf(toks, h, c.to);
  const heads = obj.heads.map((k) => toks[k]!);
  const article = toks[obj.from]?.lower ?? "";
  const concreteHeads = obj.heads.filter(
    (k) =>
      (isSpecificNoun(toks, k) && !isPersonTok(toks[k]!)) ||
      ["it", "them", "these", "those"].includes(toks[k]!.lower),
  );
  const personObject = heads.some(isPersonTok);
  // "skin irritation", "fault tolerance": a trait noun after a noun names a thing.
  // "Drive results" is an aim; "present the monthly stock results" a document.
  // "check the quality of every weld" acts on the welds; "take ownership of ward 7" does not.
  const concreteVerb = isConcreteVerb(t) && !inList(lx.completionVerbs, t);
  const abstract = heads.find((x) => {
    const k = toks.indexOf(x);
    const ofThing = wordIs(toks[k + 1], "of") && concreteVerb && x !== heads.at(-1);
    if (inList(lx.abstractNouns, x)) return !ofThing;
    if (inList(lx.traitNouns, x)) return !isNoun(toks[k - 1]);
    return inList(lx.bareAbstractNouns, x) && !isNoun(toks[k - 1]) && article === "";
  });
  const particle = toks
    .slice(h + 1, c.to + 1)
    .find((x) => lx.directionParticles.has(x.lower) && x.pos !== "NOUN");

  // Quality words on the object: "better documentation", "a wow experience", "a clear plan".
  const judged = r.vague !== null || r.idiom !== null;
  for (let k = obj.from; k <= obj.to; k++) {
    const x = toks[k]!;
    if (x.quoted) continue;
    const prenominal = isNoun(toks[k + 1]) || toks[k + 1]?.pos === "ADJ";
    if (inList(lx.hypeWords, x)) r.idiom = r.idiom ?? x.value;
    else if (x.pos === "ADJ" && inList(lx.judgementAdjectives, x)) r.vague = r.vague ?? x.value;
    else if (prenominal && inList(lx.vaguePrenominal, x)) r.vague = r.vague ?? x.value;
  }

  if (!judged && (r.vague || r.idiom)) return;

  // A manner nobody can count: "treat patients with dignity", "handle it with care".
  for (let k = obj.to + 1; k < c.to; k++) {
    if (!wordIs(toks[k], "with") || toks[k]!.quoted) continue;
    let n = k + 1;
    while (toks[n] && (toks[n]!.pos === "DET" || toks[n]!.pos === "ADJ") && n < c.to) n++;
    const noun = toks[n];
    if (noun && isNoun(noun) && inList(lx.abstractNouns, noun) && !isNoun(toks[n + 1])) {
      r.vague = r.vague ?? `with ${noun.value}`;
      return;
    }
  }

  // Someone else's feelings: "make every caller feel valued", "keep the customer happy".
  const firstHead = obj.heads[0];
  // The word right after the object: "keep the stockroom *tidy*", "leave a customer *unhappy*".
  const after = firstHead === undefined ? undefined : toks[firstHead + 1];
  const adjective = after && (after.pos === "ADJ" || isComparative(toks, firstHead! + 1));
  const complement = adjective && !after.quoted && firstHead! + 1 <= c.to ? after : undefined;
  const feelAt = obj.to + 1;
  const feel = ["feel", "seem", "look"].includes(toks[feelAt]?.lemma ?? "")
    ? toks[feelAt]
    : undefined;
  // A feeling belongs to a person: "keep the customer happy", not "keep cash flow positive".
  const feeling = !!complement && isTraitWord(complement) && personObject;
  const causes =
    (feel && feel.pos === "VERB") ||
    (["keep", "leave", "make", "get", "have"].includes(t.lemma) &&
      !!complement &&
      (feeling ||
        inList(lx.vagueAdjectives, complement) ||
        isComparative(toks, toks.indexOf(complement))));
  if (causes) {
    // "make the checkout quicker" is a change with no target; "keep it neater" judges quality.
    const amount =
      !!complement &&
      isOpenComparative(toks, firstHead! + 1) &&
      !inList(lx.qualityComparatives, complement) &&
      !inList(lx.vagueAdjectives, complement);
    if (amount) r.direction = true;
    else r.vague = r.vague ?? complement?.value ?? feel?.value ?? t.value;
    return;
  }

  if (lx.copulas.has(t.lemma) || t.lower === "being") {
    const pred = predicate(toks, h, c.to);
    if (pred.kind === "vague") r.vague = r.vague ?? pred.word;
    // "be a top 10% performer": an identity has nothing to count, whatever its numbers.
    if (pred.identity) r.identity = true;
    if (pred.kind === "place") r.act = true;
    if (pred.kind === "credential") {
      r.act = true;
      r.deliverable = true;
    }
    if (pred.kind !== "none") return;
    // A passive names the act: "all tickets to be closed within 48 hours".
    const participle = toks.slice(h + 1, c.to + 1).find((x) => x.pos !== "ADV");
    if (t.lemma === "be" && participle?.pos === "VERB" && isConcreteVerb(participle)) {
      r.act = true;
      return;
    }
    if (t.lemma === "be" || t.lemma === "become") return;
  }
  if (inVerbs(lx.traitVerbs, t)) return;
  if (inVerbs(lx.hypeVerbs, t) && (t.pos === "VERB" || h === c.from)) {
    r.idiom = r.idiom ?? t.value;
    return;
  }
  if (inVerbs(lx.judgementVerbs, t)) {
    r.vague = r.vague ?? t.value;
    return;
  }
  // "never upset a customer", "reassure every relative": a feeling, not an act.
  if (inVerbs(lx.emotionVerbs, t) && (personObject || heads.length === 0)) {
    r.vague = r.vague ?? t.value;
    return;
  }
  if (lx.selfTargetVerbs.has(t.lemma) && !lx.particles.has(toks[h + 1]?.lower ?? "")) {
    r.quantity = true;
    return;
  }
  // A change of level, unless it creates one thing: "raise a ticket for every outage".
  const creates = ["a", "an", "every", "each"].includes(article);
  const directional =
    (inList(lx.directionalVerbs, t) && !creates) ||
    (lx.particleDirectionalVerbs.has(t.lemma) && !!particle);
  if (directional) r.direction = true;
  // "lift morale", "raise standards": a change in a quality is vague as well as unmeasured.
  if (directional && abstract) r.vague = r.vague ?? abstract.value;
  const phrasal = lx.particleDirectionalVerbs.has(t.lemma) && !!particle;
  if (inVerbs(lx.aimVerbs, t) && !phrasal) {
    r.vague = r.vague ?? (abstract ? `${t.value} ${abstract.value}` : t.value);
    return;
  }
  if (directional) return;
  if (abstract) {
    r.vague = r.vague ?? abstract.value;
    return;
  }
  if (inList(lx.peopleVerbs, t) && personObject && concreteHeads.length === 0) {
    r.vague = r.vague ?? t.value;
    return;
  }
  if (inList(lx.lightVerbs, t) || inList(lx.makeVerbs, t)) {
    // "leave a patient alone", "keep no caller on hold": a person in an observable state.
    const last = obj.heads.at(-1);
    const after = last === undefined ? undefined : toks[last + 1];
    const state =
      personObject &&
      !!after &&
      (after.pos === "ADJ" || after.pos === "ADV") &&
      !/ed$/.test(after.lower) &&
      !isTraitWord(after) &&
      !inList(lx.vagueAdjectives, after);
    r.act = concreteHeads.length > 0 || state;
  } else {
    r.act = heads.length === 0 || concreteHeads.length > 0 || personObject;
  }
  const specific = specificDeterminers.has(article) || isNumberTok(toks[obj.from] ?? t);
  const named = toks.slice(obj.from, obj.to + 1).some((x) => x.quoted || x.pos === "PROPN");
  if (r.act && inList(lx.completionVerbs, t) && concreteHeads.length > 0 && (specific || named)) {
    r.deliverable = true;
  }
}

// ---- Time and absolutes ----

function isTimeBound({ toks, ents }: Parsed): boolean {
  for (const e of ents) {
    const span = toks.slice(e.from, e.to + 1);
    if (span.some((t) => t.quoted)) continue;
    if (e.type === "DATE") return true;
    if (e.type === "TIME" && span.some((t) => /\d|noon|midday|midnight/.test(t.lower))) return true;
    if (e.type === "DURATION") {
      if (sizeOfWork(toks, e.to)) continue;
      if (span.some((t) => t.num || /\d/.test(t.value))) return true;
      if (hasMarkerBefore(toks, e.from)) return true;
    }
  }
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.quoted) continue;
    if (inList(lx.frequencyWords, t)) return true;
    // "before closing it" is an act; "before closing" is a time of day.
    const gerund = /ing$/.test(t.lower) && ["PRON", "DET"].includes(toks[i + 1]?.pos ?? "");
    if (timeNoun(t) && !sizeOfWork(toks, i) && !gerund) {
      if (hasMarkerBefore(toks, i)) return true;
      const prev = toks[i - 1];
      if (prev && (prev.lower === "a" || prev.lower === "an") && inList(lx.rateUnits, t)) {
        return true;
      }
      // "by Mon noon", "due end of Jan": a named day or month is a date.
      if (
        /^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|q[1-4]|h[12]|eod|eow|eom|eoq|eoy|cob)$/.test(
          t.lower,
        )
      ) {
        return true;
      }
    }
    if (t.num && t.value.includes(":") && t.value !== "1:1") return true;
    if (/^\d{1,2}(am|pm)$/.test(t.lower)) return true;
    // "by the 10th", "on the 3rd": a day of the month.
    if (/^\d{1,2}(st|nd|rd|th)$/.test(t.lower) && hasMarkerBefore(toks, i)) return true;
  }
  return false;
}

/** "any change over 3 days of work": a duration that sizes the work, not a time. */
function sizeOfWork(toks: Tok[], i: number): boolean {
  const after = toks[i + 2];
  if (!wordIs(toks[i + 1], "of") || !after || after.pos === "DET" || after.pos === "PRON") {
    return false;
  }
  const before = toks.slice(Math.max(0, i - 4), i).map((t) => t.lower);
  return !before.some((w) => ["within", "in", "after", "before", "than", "by"].includes(w));
}

/** A bound or frequency word up to three tokens before i, within the same phrase. */
function hasMarkerBefore(toks: Tok[], i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    const t = toks[k]!;
    // "of" marks a time only after a part of it: "the end of", "the close of", "the 15th of".
    const part =
      t.lower !== "of" ||
      /^(end|close|start|beginning|middle|\d+(st|nd|rd|th))$/.test(toks[k - 1]?.lower ?? "");
    // "for the next 6 weeks" is a period; "for meetings" names an occasion.
    const period =
      t.lower !== "for" || inList(lx.timeUnits, toks[i]) || inList(lx.rateUnits, toks[i]);
    if (lx.timeMarkers.has(t.lower) && part && period) return true;
    if (t.pos === "PUNCT" || t.pos === "VERB") return false;
  }
  return false;
}

function findAbsolute(p: Parsed, mentions: NumMention[], quantity: boolean): string | null {
  const { toks } = p;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.quoted) continue;
    if (lx.absoluteWords.has(t.lower)) {
      // "never exceed 3 late arrivals" is a bound.
      const bound = toks
        .slice(i + 1, i + 4)
        .some((n) => n.lemma === "exceed" || lx.boundAfterNo.has(n.lower));
      if (!(t.lower === "never" && bound && quantity)) return t.value;
    }
    if (t.lower === "zero" || t.value === "0") return t.value;
    if (t.lower === "no" && t.pos === "DET") {
      const next = toks[i + 1];
      if (next && !lx.boundAfterNo.has(next.lower) && next.pos !== "PUNCT") {
        return `no ${next.value}`;
      }
    }
    if (t.lower === "any" && !toks.slice(i + 1, i + 3).some((x) => timeNoun(x))) {
      const negated = t.neg || toks.slice(Math.max(0, i - 3), i).some((x) => x.lower === "without");
      if (negated) return "not … any";
    }
    if (lx.failureVerbs.has(t.lemma) && t.pos === "VERB" && !quantity) {
      const prev = toks[i - 1];
      const negated = prev && (prev.lower === "n't" || prev.lower === "not");
      if (negated) return `${prev.value === "n't" ? "don't" : "not"} ${t.value}`;
    }
  }
  const phrase = findPhrase(toks, absolutePhraseIndex);
  if (phrase) return phrase.text;
  for (const m of mentions) {
    if (
      m.percent &&
      m.role === "quantity" &&
      /^(100|one hundred|hundred)$/i.test(toks[m.at]!.value)
    ) {
      return `${toks[m.at]!.value}%`;
    }
  }
  return null;
}

// ---- The goal ----

/** "before leaving", "after they leave the unit": an act tied to a recurring event. */
function isTrigger(toks: Tok[], i: number): boolean {
  const t = toks[i]!;
  if (!["before", "after", "upon", "on", "when", "whenever"].includes(t.lower)) return false;
  const next = toks[i + 1];
  if (!next) return false;
  if (next.pos === "VERB" && next.lower.endsWith("ing") && t.lower !== "on") return true;
  // "before they leave", "when a customer complains": a clause with its own verb.
  const subject = next.pos === "PRON" || next.pos === "DET";
  return subject && t.lower !== "on" && toks.slice(i + 2, i + 5).some((x) => x.pos === "VERB");
}

function readGoal(p: Parsed) {
  const { toks } = p;
  const mentions = numberMentions(p);
  const clauses = splitClauses(toks);
  p.heads = clauses.flatMap((c) => (c.head === null ? [] : [c.head]));
  const readings = clauses.map((c) => readClause(p, c, mentions));
  const timeBound = isTimeBound(p);
  const scope =
    toks.some((t, i) => !t.quoted && (lx.scopeWords.has(t.lower) || isTrigger(toks, i))) ||
    findPhrase(toks, absolutePhraseIndex) !== null;

  const trait = readings.find((r) => r.trait)?.trait ?? null;
  const quantity = readings.some((r) => r.quantity);
  const measurable = readings.some(
    (r) =>
      !r.trait && (r.quantity || r.deliverable || r.countable || (r.act && (scope || timeBound))),
  );
  let vague: string | null = null;
  if (!trait) {
    const idiom = readings.find((r) => r.idiom)?.idiom ?? null;
    if (!measurable) {
      vague = idiom ?? readings.find((r) => r.vague)?.vague ?? null;
    }
  }
  const absolute = findAbsolute(p, mentions, quantity);
  return { trait, vague, measurable, timeBound, absolute };
}

// ---- Suggestions ----

const examples: [cues: string[], example: string][] = [
  [
    ["patient", "ward", "nurse", "medication", "chart", "clinic", "bedside", "care"],
    "Complete hourly rounding on every assigned patient during each shift and record it in the chart, with 95% of rounds logged at the 30 June audit.",
  ],
  [
    ["call", "phone", "caller"],
    "Answer every call within 3 rings and log the outcome in the CRM before the end of each shift, keeping the satisfaction score at 4.5 or above through 31 March.",
  ],
  [
    ["ticket", "chat", "email", "escalation", "queue", "support"],
    "Reply to every customer email within 4 business hours and keep the reopen rate below 10% each month through 30 June.",
  ],
  [
    ["code", "codebase", "pull", "build", "test", "bug", "deploy", "architecture", "design"],
    "Add unit tests to every pull request that changes business logic, with no more than 2 escaped defects per sprint through 30 June.",
  ],
  [
    ["stand-up", "stand-ups", "standup", "meeting", "discussion"],
    "Speak in every stand-up with a blocker or a progress update, and send a written summary within 1 day of each planning meeting, through 30 June.",
  ],
  [
    ["deal", "prospect", "pipeline", "quota", "lead", "sale", "sales", "client", "revenue"],
    "Log every prospect call in the CRM the same day and book at least 10 discovery meetings per week through 30 June.",
  ],
  [
    ["customer", "shopper", "store", "shop", "floor", "till"],
    "Greet every customer and offer help within 2 minutes, keeping the satisfaction score at 4.5 or above each week through 31 March.",
  ],
  [
    ["team", "report", "staff", "colleague", "stakeholder", "people", "leader", "coach"],
    "Hold a 30-minute one-to-one with each direct report every two weeks and share written notes within 1 day, through 30 September.",
  ],
  [
    ["shift", "warehouse", "order", "pallet", "safety", "forklift", "truck", "stock"],
    "Complete the safety checklist before the first task of every shift, with no more than 1 missed checklist per month through 30 June.",
  ],
];
const fallbackExample =
  "Submit the weekly status report to your manager by 5pm every Friday, with each open item dated, through 30 June.";

function exampleFor(toks: Tok[]): string {
  for (const [cues, example] of examples) {
    if (toks.some((t) => cues.includes(t.lemma) || cues.includes(t.lower))) return example;
  }
  return fallbackExample;
}

/** The words after the head verb, up to a preposition or punctuation: "average deal size". */
function objectText(toks: Tok[], head: number): string {
  const words: string[] = [];
  for (let k = head + 1; k < toks.length; k++) {
    const t = toks[k]!;
    if (t.pos === "ADP" || t.pos === "PUNCT" || t.pos === "CCONJ" || t.pos === "SCONJ") break;
    words.push(t.value);
  }
  return words.join(" ");
}

function measurableSuggestion(p: Parsed, text: string, plain: boolean): string {
  const { toks, heads } = p;
  const head = heads[0];
  if (plain && head !== undefined && lx.directionalVerbs.has(toks[head]!.lemma)) {
    const obj = objectText(toks, head);
    if (obj) {
      const verb = toks[head]!.value;
      return `Say where it starts, where it should get to and how you will check: e.g. '${verb} ${obj} from [today's figure] to [target] by [date], checked in [report or system].'`;
    }
  }
  const comparative = toks.find((t) =>
    ["faster", "more", "better", "less", "fewer", "quicker", "higher", "lower"].includes(t.lower),
  );
  if (plain && comparative && head !== undefined) {
    return `"${comparative.value}" needs a number: say from what to what, and by when. For example: '${text.replace(/\.$/, "")}: from [today's figure] to [target] by [date].'`;
  }
  return `Add a count, rate, deliverable or checkable action, and the level that counts as met: e.g. '${exampleFor(toks)}'`;
}

function traitSuggestion(toks: Tok[], word: string): string {
  return `Instead of "${word}", name the behaviour you want to see and how you will count it: e.g. '${exampleFor(toks)}'`;
}

function vagueSuggestion(toks: Tok[], word: string): string {
  return `Say what "${word}" looks like when it is done: the action, how much or how often, and by when. For example: '${exampleFor(toks)}'`;
}

function absoluteSuggestion(toks: Tok[]): string {
  const noun = toks.find(
    (t) => isNoun(t) && !timeNoun(t) && !t.ent && !t.quoted && !inList(lx.traitNouns, t),
  );
  const thing = noun ? noun.lower.replace(/s$/, "") : "slip";
  return `Set a limit that allows an occasional slip, as a rate or a cap: e.g. 'no more than 1 ${thing} per month' or '98% of cases', instead of a bar that one mistake fails.`;
}

// ---- Public ----

const messages: Record<LanguageCode, (word: string) => string> = {
  "goal.trait_based": (w) =>
    `This describes a personality trait ("${w}"), not something anyone can observe.`,
  "goal.vague": (w) => `No one could tell when this has been met: "${w}" can mean many things.`,
  "goal.not_measurable": () =>
    "There is nothing here to count or check: no number, rate, deliverable or checkable action.",
  "goal.not_time_bound": () =>
    "This has no deadline, period or frequency. The plan's due date may supply one.",
  "goal.absolute": (w) =>
    `"${w}" sets a bar that a single slip fails, so one bad day ends the goal.`,
};

const timeSuggestion =
  "Add when it is checked: a date ('by 30 June'), a period ('over the next 60 days') or a frequency ('every Friday', 'each shift').";

/** For `npm run bench:review -- --misses --explain` and debugging: the clauses and what each asks. */
export function explainGoal(text: string): unknown {
  const p = parse(text);
  const mentions = numberMentions(p);
  const clauses = splitClauses(p.toks);
  return {
    toks: p.toks.map((t) => `${t.value}/${t.pos}${t.quoted ? "/q" : ""}`).join(" "),
    mentions: mentions.map((m) => `${p.toks[m.at]!.value}:${m.role}${m.marked ? "*" : ""}`),
    clauses: clauses.map((c) => ({
      text: p.toks
        .slice(c.from, c.to + 1)
        .map((t) => t.value)
        .join(" "),
      head: c.head === null ? null : p.toks[c.head]!.value,
      ...readClause(p, c, mentions),
    })),
    goal: readGoal(p),
  };
}

/** Checks one goal or expectation. */
export function checkGoal(text: string): GoalCheck {
  const findings: GoalCheck["findings"] = [];
  const add = (code: LanguageCode, severity: Severity, word: string, suggestion: string) =>
    findings.push({ code, severity, message: messages[code](word), suggestion });

  const p = parse(text);
  const { toks } = p;
  if (!toks.some((t) => t.pos !== "PUNCT")) {
    add("goal.vague", "warning", "an empty goal", vagueSuggestion(toks, "this goal"));
    add("goal.not_measurable", "warning", "", measurableSuggestion(p, text, false));
    add("goal.not_time_bound", "info", "", timeSuggestion);
    return { text, verdict: "flag", findings };
  }

  const { trait, vague, measurable, timeBound, absolute } = readGoal(p);
  if (trait) add("goal.trait_based", "warning", trait, traitSuggestion(toks, trait));
  if (vague) add("goal.vague", "warning", vague, vagueSuggestion(toks, vague));
  if (!measurable) {
    add("goal.not_measurable", "warning", "", measurableSuggestion(p, text, !trait && !vague));
  }
  if (absolute) add("goal.absolute", "warning", absolute, absoluteSuggestion(toks));
  if (!timeBound) add("goal.not_time_bound", "info", "", timeSuggestion);

  const verdict = trait || vague || !measurable ? "flag" : "ok";
  return { text, verdict, findings };
}

/** Does a phrase (lemmas or words) start at token i? Returns its length, or 0. */
function phraseAt(toks: Tok[], i: number, phrase: string[]): number {
  for (let k = 0; k < phrase.length; k++) {
    if (!wordIs(toks[i + k], phrase[k]!)) return 0;
  }
  return phrase.length;
}

export type WordingFinding = {
  code: "wording.judgemental";
  severity: "warning";
  message: string;
  suggestion: string;
  words: string[];
};

const wordingSuggestion =
  "Describe the situation, what was said or done, and its impact: e.g. 'In the 3 May client call (situation), you interrupted the client twice (behaviour), and they asked to change account manager (impact).'";

/** Judgemental or emotional words in evidence or feedback text ("impact, not emotion"). */
export function checkWording(text: string): WordingFinding[] {
  const { toks } = parse(text);
  const found: { at: number; word: string }[] = [];
  const covered = new Set<number>();
  const note = (at: number, length: number) => {
    const word = toks
      .slice(at, at + length)
      .map((t) => t.value)
      .join(" ");
    if (!found.some((f) => f.word.toLowerCase() === word.toLowerCase())) found.push({ at, word });
    for (let k = at; k < at + length; k++) covered.add(k);
  };
  for (let i = 0; i < toks.length; i++) {
    for (const p of lx.judgementalPhrases) {
      const n = phraseAt(toks, i, p);
      if (n) note(i, n);
    }
  }
  for (let i = 0; i < toks.length; i++) {
    if (covered.has(i)) continue;
    const t = toks[i]!;
    if (derive(t.lower, lx.judgementalWords.always) || lx.judgementalWords.always.has(t.lemma)) {
      note(i, 1);
      continue;
    }
    // "aggressive tone" judges; "aggressive timeline" does not. Adverbs ("dramatically") are left alone.
    if (inList(lx.judgementalWords.person, t)) {
      const next = toks[i + 1];
      const modifiesThing = next && nounTags.has(next.pos) && !inList(lx.personNouns, next);
      if (!modifiesThing) note(i, 1);
    }
  }
  if (found.length === 0) return [];
  found.sort((a, b) => a.at - b.at);
  const words = found.map((f) => f.word);
  const list = words.map((w) => `"${w}"`).join(", ");
  return [
    {
      code: "wording.judgemental",
      severity: "warning",
      message: `${list} ${words.length === 1 ? "judges" : "judge"} the person rather than describe what happened. Say what you saw or heard and what it led to.`,
      suggestion: wordingSuggestion,
      words,
    },
  ];
}
