// Goal language: could a reasonable employee tell when this goal has been met, and if not, why
// not. Pure: wink-nlp tokens, lemmas, parts of speech, negation and entities, plus the word
// lists in review.lexicon.ts. No I/O; one NLP instance for the process.
//
// Verdict: "ok" when the goal is measurable and neither trait-based nor vague; otherwise "flag".
// `goal.absolute` ("never", "zero complaints") is a warning that does not by itself flag the
// verdict: "zero safety incidents this quarter" can be checked, it is just harsh. A goal that is
// absolute and has nothing to count ("never make mistakes") flags as not measurable.
// `goal.not_time_bound` is advisory (info): the plan's due dates may supply the time.

import model from "wink-eng-lite-web-model";
import winkNLP, { type ItsFunction } from "wink-nlp";
import * as lx from "./review.lexicon.js";
import type { GoalCheck, LanguageCode, Severity } from "./review.types.js";

const nlp = winkNLP(model, ["sbd", "negation", "pos", "ner"]);
const its = nlp.its;
// wink types `lemma` with an addons parameter its own ItsFunction type does not accept.
const lemmaOf = its.lemma as unknown as ItsFunction<string>;

type Tok = {
  value: string;
  lower: string;
  lemma: string;
  pos: string;
  neg: boolean;
  /** Entity type when one entity covers the whole token. */
  ent: string | null;
  num: boolean;
};
type Ent = { type: string; from: number; to: number; value: string };
type Parsed = { toks: Tok[]; ents: Ent[]; heads: number[] };

const clauseBreaks = new Set([".", ";", ":", "!", "?", ",", "(", ")", "—", "–"]);
const nounTags = new Set(["NOUN", "PROPN"]);
const headTags = new Set(["VERB", "AUX", "PROPN", "NOUN", "ADJ"]);
const timeUnits = new Set([
  "second",
  "minute",
  "hour",
  "day",
  "week",
  "fortnight",
  "month",
  "quarter",
  "year",
  "shift",
  "sprint",
]);

/** Tokens with hyphenated words joined ("go-to", "safety-conscious"), and their entities. */
function parse(text: string): Parsed {
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
    const digits = /^[\d.,:-]+$/.test(joined);
    const pos = poses[end] ?? "X";
    toks.push({
      value: joined,
      lower: joined.toLowerCase(),
      lemma: single ? (lemmas[i] ?? "").toLowerCase() : joined.toLowerCase(),
      // "one-to-one" is a thing, not a number.
      pos: !single && pos === "NUM" && !digits ? "NOUN" : pos,
      neg: negs[i] ?? false,
      ent: whole && first !== null ? (details[first]?.type ?? null) : null,
      num: (single || digits) && (poses[i] === "NUM" || types[i] === "number"),
    });
    for (let k = i; k <= end; k++) map[k] = toks.length - 1;
    i = end;
  }

  const ents: Ent[] = [];
  spans.forEach((s, k) => {
    const from = map[s[0] ?? 0] ?? 0;
    const to = map[s[1] ?? 0] ?? 0;
    const d = details[k];
    if (!d) return;
    // An entity inside a hyphenated word ("one-to-one") is part of a name, not a number.
    if (from === to && toks[from]?.ent !== d.type) return;
    ents.push({ type: d.type, from, to, value: d.value });
  });

  return { toks, ents, heads: findHeads(toks) };
}

/** The head verb of each clause of an imperative goal ("Reply to…", "Don't be…"). */
function findHeads(toks: Tok[]): number[] {
  const heads: number[] = [];
  let start = true;
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i]!;
    if (clauseBreaks.has(tok.value)) {
      start = true;
      continue;
    }
    if (tok.pos === "CCONJ") {
      const next = toks[i + 1];
      if (next && (next.pos === "VERB" || next.pos === "AUX" || lx.copulas.has(next.lemma))) {
        start = true;
      }
      continue;
    }
    if (!start) continue;
    if (lx.leadIns.has(tok.lower) || tok.lower === "n't") continue;
    const next = toks[i + 1]?.lower;
    if (tok.lower === "do" && (next === "not" || next === "n't")) continue;
    if (tok.lower === "make" && next === "sure") {
      i++;
      continue;
    }
    if (tok.pos === "ADV" && !lx.copulas.has(tok.lemma)) continue;
    if (headTags.has(tok.pos)) heads.push(i);
    start = false;
  }
  return heads;
}

const isDigitish = (s: string) => /\d/.test(s);
const timeNoun = (t: Tok) =>
  lx.timeNouns.has(t.lower) ||
  lx.timeNouns.has(t.lemma) ||
  /^(q[1-4]|h[12]|fy\d{0,4})$/.test(t.lower);
const inList = (set: Set<string>, t: Tok) => set.has(t.lower) || set.has(t.lemma);

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

/** Does a phrase (lemmas or words) start at token i? Returns its length, or 0. */
function phraseAt(toks: Tok[], i: number, phrase: string[]): number {
  for (let k = 0; k < phrase.length; k++) {
    const t = toks[i + k];
    if (!t || (t.lemma !== phrase[k] && t.lower !== phrase[k])) return 0;
  }
  return phrase.length;
}

function findPhrase(toks: Tok[], list: string[][]): string | null {
  for (let i = 0; i < toks.length; i++) {
    for (const p of list) {
      const n = phraseAt(toks, i, p);
      if (n) {
        return toks
          .slice(i, i + n)
          .map((t) => t.value)
          .join(" ");
      }
    }
  }
  return null;
}

// ---- Features ----

function isTimeBound({ toks, ents }: Parsed): boolean {
  for (const e of ents) {
    if (e.type === "DATE" || e.type === "TIME") return true;
    if (e.type === "DURATION") {
      if (toks.slice(e.from, e.to + 1).some((t) => t.num || isDigitish(t.value))) return true;
      if (hasMarkerBefore(toks, e.from)) return true;
    }
  }
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (inList(lx.frequencyWords, t)) return true;
    if (timeNoun(t)) {
      if (hasMarkerBefore(toks, i)) return true;
      const prev = toks[i - 1];
      if (prev && (prev.lower === "a" || prev.lower === "an") && lx.rateUnits.has(t.lemma)) {
        return true;
      }
    }
    if (t.num && t.value.includes(":")) return true;
  }
  return false;
}

/** A bound or frequency word up to three tokens before i, within the same phrase. */
function hasMarkerBefore(toks: Tok[], i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    const t = toks[k]!;
    if (lx.timeMarkers.has(t.lower)) return true;
    if (t.pos === "PUNCT" || t.pos === "VERB") return false;
  }
  return false;
}

/** A number of things: a count, a rate, a percentage, money, or a duration used as a target. */
function findQuantity({ toks, ents }: Parsed): boolean {
  for (const e of ents) {
    if (e.type === "PERCENT" || e.type === "MONEY") return true;
    if (e.type === "CARDINAL") {
      if (!isDurationNumber(toks, e.to) || hasComparatorBefore(toks, e.from)) return true;
    }
    if (e.type === "DURATION" && hasComparatorBefore(toks, e.from)) {
      if (toks.slice(e.from, e.to + 1).some((t) => t.num || isDigitish(t.value))) return true;
    }
  }
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (lx.quantityWords.has(t.lower)) return true;
    if (t.ent === null && t.num && !t.value.includes(":") && !isDurationNumber(toks, i)) {
      return true;
    }
    if (t.value === "%" || t.lower === "percent") return true;
  }
  return false;
}

/** "two" in "within two business days" counts time, not things. */
function isDurationNumber(toks: Tok[], i: number): boolean {
  for (let k = i + 1; k <= Math.min(toks.length - 1, i + 2); k++) {
    const t = toks[k]!;
    if (timeUnits.has(t.lemma)) return true;
    if (t.lower !== "working" && t.lower !== "business" && t.pos !== "ADJ") return false;
  }
  return false;
}

function hasComparatorBefore(toks: Tok[], i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 2); k--) {
    const t = toks[k]!;
    if (t.lower !== "within" && lx.comparators.has(t.lower)) return true;
  }
  return false;
}

/** A noun that names something specific enough to count ("medication error", "ticket"). */
function hasSpecificNoun(toks: Tok[]): boolean {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (!nounTags.has(t.pos) || timeNoun(t) || t.ent) continue;
    if (inList(lx.traitNouns, t) || inList(lx.vagueNouns, t)) continue;
    if (inList(lx.genericCountNouns, t)) {
      const prev = toks[i - 1];
      if (!prev || !nounTags.has(prev.pos)) continue;
    }
    return true;
  }
  return false;
}

const isVerbish = (t: Tok) =>
  lx.lightVerbs.has(t.lemma) ||
  lx.lightVerbs.has(t.lower) ||
  lx.vagueVerbs.has(t.lemma) ||
  lx.copulas.has(t.lemma) ||
  lx.directionalVerbs.has(t.lemma);

/** Words that cannot head an observable act. Nouns count only at the head of a verbless goal. */
const nonConcrete = (t: Tok, head: boolean) =>
  isVerbish(t) ||
  inList(lx.traitAdjectives, t) ||
  inList(lx.vagueAdjectives, t) ||
  inList(lx.frequencyWords, t) ||
  timeNoun(t) ||
  (head &&
    !lx.verbsNotNouns.has(t.lower) &&
    (inList(lx.vagueNouns, t) || inList(lx.traitNouns, t)));

/** The noun phrase right after token h: "more ownership", "the forklift refresher course". */
function objectAfter(toks: Tok[], h: number): Tok[] {
  const np: Tok[] = [];
  for (let k = h + 1; k < toks.length; k++) {
    const t = toks[k]!;
    if (t.pos === "DET" || t.pos === "PRON" || t.lower === "more" || t.lower === "less") {
      if (np.length > 0) break;
      continue;
    }
    if (t.pos === "ADJ" || t.pos === "NOUN" || t.pos === "PROPN" || t.pos === "NUM") np.push(t);
    else break;
  }
  return np;
}

const namesQuality = (np: Tok[]) =>
  np.some(
    (t) =>
      inList(lx.vagueNouns, t) ||
      inList(lx.traitNouns, t) ||
      inList(lx.vagueAdjectives, t) ||
      inList(lx.traitAdjectives, t),
  );

/** Is token h an observable act: "log every call", "take the refresher course"? */
function isAct(toks: Tok[], h: number, head: boolean): boolean {
  const t = toks[h]!;
  const np = objectAfter(toks, h);
  if (namesQuality(np)) return false;
  if (!nonConcrete(t, head)) return true;
  if (t.lemma === "show" && toks[h + 1]?.lower === "up") return true;
  if (!lx.actWithObject.has(t.lemma)) return false;
  const noun = np.filter((n) => nounTags.has(n.pos)).at(-1);
  return !!noun && !timeNoun(noun) && !inList(lx.genericCountNouns, noun);
}

/** An observable act, at the head of a clause or anywhere as a verb. */
function hasConcreteAct({ toks, heads }: Parsed): boolean {
  for (const h of heads) if (isAct(toks, h, true)) return true;
  return toks.some((t, i) => t.pos === "VERB" && !heads.includes(i) && isAct(toks, i, false));
}

function findAbsolute({ toks, ents }: Parsed, quantity: boolean): string | null {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
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
    if (t.lower === "any") {
      const negated = t.neg || toks.slice(Math.max(0, i - 3), i).some((p) => p.lower === "without");
      if (negated) return "not … any";
    }
    if (lx.failureVerbs.has(t.lemma) && t.pos === "VERB" && !quantity) {
      const prev = toks[i - 1];
      const negated = prev && (prev.lower === "n't" || prev.lower === "not");
      if (negated) return `${prev.value === "n't" ? "don't" : "not"} ${t.value}`;
    }
  }
  const phrase = findPhrase(toks, lx.absolutePhrases);
  if (phrase) return phrase;
  for (const e of ents) {
    if (e.type === "PERCENT" && /^(100\s*%|100 percent|one hundred percent)$/i.test(e.value)) {
      return e.value;
    }
  }
  return null;
}

type Quality = { code: "trait" | "vague"; word: string };

/** Is the copula at i addressed to the employee ("be", "stop being", "don't get")? */
function targetsEmployee(toks: Tok[], i: number, heads: number[]): boolean {
  if (heads.includes(i) || toks[i]!.lower === "being") return true;
  const prev = toks[i - 1];
  if (!prev) return true;
  return ["you", "to", "stop", "n't", "not", "never", "always", "'re"].includes(prev.lower);
}

/** What the goal asks the person to be: "be more positive", "be the go-to expert". */
function copulaQualities(toks: Tok[], heads: number[]): Quality[] {
  const found: Quality[] = [];
  for (let i = 0; i < toks.length; i++) {
    const q = copulaAt(toks, heads, i);
    if (q) found.push(q);
  }
  return found;
}

function copulaAt(toks: Tok[], heads: number[], i: number): Quality | null {
  const c = toks[i]!;
  if (!lx.copulas.has(c.lemma) && c.lower !== "being") return null;
  if (!targetsEmployee(toks, i, heads)) return null;
  let degree = false;
  let article = false;
  for (let j = i + 1; j < Math.min(toks.length, i + 7); j++) {
    const t = toks[j]!;
    if (lx.degreeWords.has(t.lower) && !(t.lower === "better" && j === i + 1)) {
      if (t.lower === "a" || t.lower === "an" || t.lower === "the") article = true;
      else degree = true;
      continue;
    }
    const trait = derive(t.lower, lx.traitAdjectives) ?? derive(t.lemma, lx.traitAdjectives);
    if (trait) return { code: "trait", word: t.value };
    if (phraseAt(toks, j, ["on", "time"])) return { code: "vague", word: "on time" };
    if (inList(lx.vagueAdjectives, t)) return { code: "vague", word: t.value };
    if (t.pos === "ADV") continue;
    if (article && (t.pos === "ADJ" || nounTags.has(t.pos))) {
      // "be a more inspiring leader", "be the voice of the customer".
      for (let k = j; k < Math.min(toks.length, j + 3); k++) {
        const w = toks[k]!;
        if (inList(lx.traitAdjectives, w)) return { code: "trait", word: w.value };
      }
      return { code: "vague", word: toks[j]!.value };
    }
    if (t.pos === "ADJ" || (degree && t.pos === "NOUN")) {
      return { code: degree ? "trait" : "vague", word: t.value };
    }
    break;
  }
  return null;
}

function findTrait(p: Parsed, qualities: Quality[]): string | null {
  const { toks, heads } = p;
  const phrase = findPhrase(toks, lx.traitPhrases);
  if (phrase) return phrase;
  const trait = qualities.find((q) => q.code === "trait");
  if (trait) return trait.word;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const next = toks[i + 1];
    // "act more confident", "speak more confidently".
    if ((t.lower === "more" || t.lower === "less") && next) {
      const trait = derive(next.lower, lx.traitAdjectives);
      if (trait && !(toks[i + 2] && nounTags.has(toks[i + 2]!.pos))) return next.value;
    }
    if (inList(lx.traitNouns, t) && nounTags.has(t.pos)) {
      if (lx.traitNounsNeedingNounTag.has(t.lower) && (t.pos !== "NOUN" || heads.includes(i))) {
        continue;
      }
      if (next && nounTags.has(next.pos) && next.lower !== "problem") continue;
      if (toks[i - 1]?.lower === "with" && next?.lower === "to") continue;
      return t.value;
    }
    // "speak respectfully", "answer calmly": a manner that is judged, not observed.
    if (t.pos === "ADV" && t.lower.endsWith("ly") && t.lower !== "kindly") {
      if (derive(t.lower, lx.traitAdjectives)) return t.value;
    }
    // "show more hunger": an unnamed quality someone is asked to display.
    if (["show", "display", "demonstrate", "exhibit", "bring"].includes(t.lemma) && next) {
      if (next.lower === "more" || next.lower === "less") {
        const obj = toks[i + 2];
        if (obj && nounTags.has(obj.pos) && !inList(lx.vagueNouns, obj) && !obj.ent) {
          return obj.value;
        }
      }
    }
  }
  return null;
}

function findVague(p: Parsed, qualities: Quality[]): string | null {
  const { toks, heads } = p;
  const vague = qualities.find((q) => q.code === "vague");
  if (vague) return vague.word;
  const phrase = findPhrase(toks, lx.vaguePhrases);
  if (phrase) return phrase;
  for (const h of heads) {
    const t = toks[h]!;
    if (lx.vagueVerbs.has(t.lemma) && !lx.directionalVerbs.has(t.lemma)) return t.value;
    if (t.lemma === "improve") return t.value;
  }
  for (const t of toks) {
    if (inList(lx.vagueNouns, t) || inList(lx.vagueAdjectives, t)) return t.value;
    if (t.pos === "VERB" && lx.vagueVerbs.has(t.lemma) && !lx.directionalVerbs.has(t.lemma)) {
      return t.value;
    }
  }
  return null;
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
function objectOf(toks: Tok[], head: number): string {
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
    const obj = objectOf(toks, head);
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
    (t) => nounTags.has(t.pos) && !timeNoun(t) && !t.ent && !inList(lx.traitNouns, t),
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

  const quantity = findQuantity(p);
  const timeBound = isTimeBound(p);
  const absolute = findAbsolute(p, quantity);
  const qualities = copulaQualities(toks, p.heads);
  const trait = findTrait(p, qualities);
  const specific = hasSpecificNoun(toks);
  const onlyGeneric = !specific && toks.some((t) => inList(lx.genericCountNouns, t));
  const scoped = toks.some((t) => lx.scopeWords.has(t.lower));
  const actMeasurable = hasConcreteAct(p) && (scoped || timeBound) && !onlyGeneric;
  const countMeasurable = absolute !== null && specific;
  // A trait has nothing to count unless the goal names a number.
  const measurable = trait ? quantity : quantity || actMeasurable || countMeasurable;
  const vague = !trait && !measurable ? findVague(p, qualities) : null;

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
