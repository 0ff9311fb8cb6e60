// Word lists for the goal language checker and the wording check. Data only: lower-case words or
// lemmas; multi-word entries are space-separated and matched token by token. Hyphenated words
// ("go-to", "safety-conscious") are matched whole.

const set = (words: string) => new Set(words.trim().split(/\s+/));
const phrases = (...items: string[]) => items.map((p) => p.split(" "));

/** Personality, attitude, emotion or character, as a predicate: "be more positive". */
export const traitAdjectives = set(`
  positive negative emotional unemotional confident insecure likable likeable friendly friendlier
  unfriendly patient impatient empathetic empathic sympathetic calm calmer enthusiastic cheerful
  upbeat passionate motivated unmotivated humble arrogant aggressive pushy moody decisive
  indecisive supportive caring compassionate approachable unapproachable intimidating controlling
  defensive curious sarcastic bored boring irritated irritable lazy respectful disrespectful polite
  impolite rude warm cold attentive inspiring inspirational mature immature hungry driven
  ambitious energetic outgoing assertive shy timid nervous anxious sensitive insensitive dramatic
  hysterical grumpy happy kind nice pleasant agreeable optimistic pessimistic cynical loyal
  committed dedicated eager keen modest open-minded flexible adaptable resilient confrontational
  abrasive argumentative difficult stubborn charismatic personable easygoing easy-going tolerant
  considerate courteous gracious tactful diplomatic thoughtful bubbly lively excited grateful
  appreciative cooperative apathetic indifferent complacent frustrated angry upset temperamental
  volatile hostile condescending dismissive passive cocky selfish conscious safety-conscious
  self-aware humbler warmer kinder nicer happier bossy touchy whiny needy genuine sincere serious
  relaxed composed level-headed engaged disengaged invested interested uninterested
`);

/** Nouns naming a trait or an attitude: "improve your attitude", "show more enthusiasm". */
export const traitNouns = set(`
  attitude enthusiasm confidence positivity negativity temper personality mindset passion hunger
  motivation warmth respect empathy compassion pride ethic energy charisma maturity patience
  humility commitment dedication loyalty mood moods emotion emotions demeanour demeanor character
  zeal eagerness optimism cheerfulness friendliness politeness courtesy kindness sincerity
  arrogance ego drama attitudes grit spirit tone
`);

/** Trait phrases, matched on lemmas. */
export const traitPhrases = phrases(
  "team player",
  "work ethic",
  "bedside manner",
  "people person",
  "attitude problem",
  "care more",
  "care less",
  "take pride",
  "sense of humour",
  "sense of humor",
  "can-do",
  "lose temper",
  "lose your temper",
  "come across",
);

/** "drive" and "spirit" are traits only as nouns ("show more drive", "team spirit"). */
export const traitNounsNeedingNounTag = set("drive spirit");

/** Work-style words and fuzzy qualities: nobody could tell when they are met. */
export const vagueAdjectives = set(`
  proactive professional unprofessional reliable unreliable responsive organised organized
  disorganised efficient productive careful visible tidy helpful accountable dependable thorough
  effective consistent diligent strategic collaborative independent detail-oriented punctual
  better best good great excellent world-class go-to expert strong stronger high-quality clean
  involved available focused autonomous self-sufficient hands-on customer-focused results-driven
  smarter harder faster-paced polished sharper neater appropriate appropriately properly proper
  effectively efficiently professionally proactively responsibly
`);

export const vagueNouns = set(`
  ownership communication communications quality initiative leadership alignment morale engagement
  professionalism accountability knowledge skill skills service safety merchandising charting
  performance productivity efficiency teamwork collaboration presence example relationship
  relationships culture visibility urgency excellence effort focus judgement judgment awareness
  understanding growth standards procedures procedure process processes rules guidelines
  expectations expert voice job best improvement organisation organization reliability
  responsiveness consistency punctuality proactivity mentality contribution synergy results
  outcomes value impact difference dignity
`);

/** Verbs that name an aim rather than a checkable act. */
export const vagueVerbs = set(`
  improve enhance develop strengthen elevate own empower drive lead champion embrace foster
  collaborate communicate engage align streamline optimise optimize strive try focus understand
  learn grow delegate prioritise prioritize manage work contribute excel aspire aim think consider
  strategise strategize innovate support step treat
`);

export const vaguePhrases = phrases(
  "step up",
  "lead by example",
  "go the extra mile",
  "on time",
  "raise the bar",
  "time management",
  "work hard",
  "work harder",
  "do better",
  "do a better job",
  "pull your weight",
  "up your game",
  "take responsibility",
  "pay attention",
  "big picture",
  "sense of urgency",
  "get along",
  "fit in",
);

/** Verbs that carry no checkable act of their own ("have", "keep", "make"…). */
export const lightVerbs = set(`
  be have get make do keep take show become stay remain seem feel look sound act appear go
  come let put want need start stop continue begin ensure display demonstrate exhibit bring
  being care smile
`);

/** Copulas: "be calm", "sound bored", "get defensive". */
export const copulas = set("be being become get stay remain seem sound appear act feel look");

/** Change-of-level verbs: checkable only with a number ("increase average deal size"). */
export const directionalVerbs = set(`
  increase reduce raise grow cut lower decrease boost lift minimise minimize maximise maximize
  improve double halve shrink expand accelerate speed
`);

/** Skipped before the head verb of an imperative goal. */
export const leadIns = set(`
  please don't not n't never always also then consistently try to continue stop you should
  will must can
`);

/** Light verbs that name an act when their object is a thing: "take the course", "make a call". */
export const actWithObject = set("take make do give have hold run");

/** Verbs spelled like a vague noun: "process every return", "service each forklift". */
export const verbsNotNouns = set("process service");

/** Degree words between a copula or "show" and the trait: "be *much more* positive". */
export const degreeWords = set(`
  more less so too very a an the bit little much far way really always never consistently
  generally overall somewhat some better
`);

/** Nouns too general to check on their own ("never make mistakes"), unless compounded. */
export const genericCountNouns = set(`
  mistake mistakes error errors problem problems issue issues thing things fault faults slip slips
  procedure procedures process processes rule rules policy policies standard standards guideline
  guidelines instruction instructions expectation expectations task tasks work job stuff duty
  duties responsibility responsibilities
`);

/** Words that count something. */
export const quantityWords = set(`
  zero once twice thrice half dozen double triple quadruple couple none
`);

/** Comparators that turn a duration into a target: "handle time under 7 minutes". */
export const comparators = set(`
  under below above less fewer least most maximum minimum max min than within
`);

/** Frequencies written as one word. */
export const frequencyWords = set(`
  daily weekly monthly quarterly annually yearly hourly fortnightly nightly biweekly bimonthly
  twice-weekly twice-monthly half-yearly semi-annually annual
`);

/** Units and recurring events a period or frequency can be counted in. */
export const timeNouns = set(`
  day days week weeks fortnight month months quarter quarters year years hour hours minute minutes
  shift shifts sprint sprints stand-up stand-ups standup standups huddle huddles meeting meetings
  round rounds handover handovers morning mornings afternoon evening night weekend weekends
  weekday weekdays term season cycle cycles iteration iterations release releases review reviews
  audit audits survey period deadline eod eow q1 q2 q3 q4 h1 h2 fy monday tuesday wednesday
  thursday friday saturday sunday mondays tuesdays wednesdays thursdays fridays saturdays sundays
  january february march april may june july august september october november december spring
  summer autumn fall winter today tomorrow tonight
`);

/** Units an "a/an" can make a rate of: "twice a week", "60 calls a day". */
export const rateUnits = set("day week month year hour minute quarter shift fortnight sprint");

/** Words before a time noun that make it a bound or a frequency. */
export const timeMarkers = set(`
  per every each this next same by before until till within during at of for over after starting
  from between end close following coming
`);

/** Universal scope: the condition applies to each case, so each case can be checked. */
export const scopeWords = set("every each all always never any per");

/** One slip fails these. */
export const absoluteWords = set(`
  never always perfect perfectly flawless flawlessly faultless error-free mistake-free zero-defect
  spotless none
`);
export const absolutePhrases = phrases(
  "at all times",
  "without fail",
  "without exception",
  "without exceptions",
  "every single",
  "not a single",
  "not once",
  "not even one",
  "100 percent",
  "one hundred percent",
);

/** After "no", these make a bound, not an absolute: "no more than 2". */
export const boundAfterNo = set(`
  more less fewer later earlier longer greater higher lower than sooner longer further
`);

/** Failures that, negated, forbid every slip: "don't miss any", "do not skip". */
export const failureVerbs = set("miss skip forget fail break lose drop");

/**
 * Judgemental or emotional words for evidence and feedback. `always` words judge in any use;
 * `person` words judge only as a predicate or about a person or behaviour ("an aggressive
 * tone", not "an aggressive timeline").
 */
export const judgementalWords = {
  always: set(`
    lazy rude sloppy clueless incompetent hysterical careless disrespectful useless stupid
    arrogant hopeless pathetic unprofessional immature whiny moody abrasive obnoxious ignorant
    insubordinate toxic bossy lazybones slacker hothead childish pushy sulky grumpy idiotic
    incapable inept dim dumb annoying irritating unbearable impossible sullen disrespect
    laziness rudeness sloppiness carelessness incompetence hysteria arrogance immaturity
  `),
  person: set(`
    aggressive dramatic emotional negative difficult sensitive defensive hostile angry volatile
    erratic unstable confrontational argumentative passive-aggressive cold dismissive
    condescending attitude aggression drama
  `),
};

/** Judgemental phrases, matched on lemmas. */
export const judgementalPhrases = phrases(
  "attitude problem",
  "bad attitude",
  "poor attitude",
  "negative attitude",
  "not a team player",
  "drama queen",
  "no common sense",
  "couldn't care less",
  "does not care",
  "doesn't care",
  "too emotional",
  "over the top",
);

/** Nouns a "person" word judges when it modifies them: "aggressive tone", "emotional outburst". */
export const personNouns = set(`
  person people employee employees manner tone behaviour behavior attitude response responses
  reaction reactions outburst outbursts email emails message messages comment comments remark
  remarks colleague colleagues coworker coworkers manager member personality style way voice
  language conduct approach
`);

/** Derived forms the lemmatiser leaves alone: "lazily", "laziness" → "lazy". */
export const derivedSuffixes: [suffix: string, replacement: string][] = [
  ["iness", "y"],
  ["ily", "y"],
  ["lessness", "less"],
  ["lessly", "less"],
  ["fulness", "ful"],
  ["fully", "ful"],
  ["ness", ""],
  ["ence", "ent"],
  ["ently", "ent"],
  ["ically", "ical"],
  ["ively", "ive"],
  ["ly", ""],
];
