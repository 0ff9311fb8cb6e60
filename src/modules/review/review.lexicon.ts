// Word lists for the goal language checker and the wording check. Data only: lower-case words or
// lemmas; multi-word entries are space-separated and matched token by token ("*" in a phrase
// stands for one to three words). Hyphenated words ("go-to", "safety-conscious") are matched
// whole. The lists are general English and business usage, not a catalogue of test sentences:
// the checker decides by the role a word plays in the parse, and these only say what a word is.

const set = (words: string) => new Set(words.trim().split(/\s+/));
const phrases = (...items: string[]) => items.map((p) => p.split(" "));

// ---- Personality, attitude and emotion ----

/**
 * Disposition, character, attitude or feeling, as a predicate of the person ("be more
 * assertive", "stay calm", "get defensive"). Big Five adjective markers, performance-review
 * character words and common emotions.
 */
export const traitAdjectives = set(`
  talkative extraverted extroverted introverted assertive unassertive bold daring vigorous outgoing
  sociable gregarious lively bubbly chatty loud quiet reserved shy withdrawn timid bashful inhibited
  passive silent aloof vibrant spirited animated enthusiastic unenthusiastic exuberant effervescent
  upbeat peppy perky energetic lethargic sluggish listless
  warm warmer kind kinder unkind cooperative uncooperative unselfish selfless selfish polite
  impolite agreeable disagreeable trusting distrustful generous stingy fair unfair considerate
  inconsiderate sympathetic unsympathetic cold colder harsh critical antagonistic combative
  quarrelsome hostile callous cruel mean spiteful vindictive gentle gentler tender soft-hearted
  kind-hearted warm-hearted good-natured good-humoured good-humored amiable affable cordial genial
  congenial collegial friendly friendlier unfriendly pleasant unpleasant nice nicer courteous
  discourteous gracious ungracious respectful disrespectful tactful tactless diplomatic
  undiplomatic tolerant intolerant patient impatient forgiving unforgiving compassionate caring
  uncaring empathetic empathic unempathetic supportive unsupportive nurturing humble humbler
  modest arrogant conceited vain egotistical egocentric self-centred self-centered boastful smug
  cocky haughty snobbish pompous condescending patronising patronizing dismissive sarcastic snarky
  cynical petty judgemental judgmental opinionated stubborn obstinate headstrong bull-headed
  pig-headed inflexible rigid dogmatic argumentative confrontational abrasive blunt curt abrupt
  brusque terse short-tempered hot-headed bad-tempered ill-tempered even-tempered grumpy grouchy
  surly sullen sulky petulant touchy prickly thin-skinned thick-skinned defensive sensitive
  insensitive oversensitive hypersensitive pushy bossy domineering overbearing controlling
  manipulative aggressive passive-aggressive intimidating scary belligerent insolent impertinent
  cheeky flippant glib cavalier distant standoffish frosty approachable unapproachable welcoming
  unwelcoming hospitable inhospitable likable likeable unlikable unlikeable personable charming
  disciplined undisciplined hard-working hardworking industrious meticulous methodical lazy
  careless sloppy negligent irresponsible haphazard forgetful scatterbrained scatty absent-minded
  unfocused distracted focused ambitious unambitious driven motivated unmotivated demotivated
  self-motivated determined persistent tenacious dedicated committed uncommitted devoted loyal
  disloyal conscientious perfectionist perfectionistic scrupulous principled unprincipled ethical
  unethical honest dishonest trustworthy untrustworthy truthful sincere insincere genuine authentic
  deceitful sneaky devious two-faced
  calm calmer relaxed composed collected unflappable unflustered level-headed cool-headed steady
  unstable emotional unemotional moody temperamental volatile erratic anxious nervous tense jittery
  jumpy edgy uptight stressed panicky flustered frazzled frantic hysterical irritable irritated
  annoyed angry cross furious upset frustrated agitated worried fearful insecure self-conscious
  confident unconfident self-confident self-assured assured poised resilient fragile envious
  jealous bitter resentful negative pessimistic positive optimistic cheerful cheery happy happier
  unhappy sad gloomy glum miserable morose content grateful ungrateful thankful appreciative
  unappreciative
  curious incurious inquisitive imaginative unimaginative open-minded closed-minded narrow-minded
  broad-minded receptive unreceptive adventurous reflective
  passionate dispassionate keen eager willing unwilling reluctant apathetic indifferent
  disinterested uninterested interested engaged disengaged invested bored boring complacent lax
  lackadaisical half-hearted wholehearted whole-hearted hungry gritty brave courageous fearless
  decisive indecisive hesitant tentative meek submissive deferential dominant forceful
  charismatic inspiring inspirational uninspiring magnetic mature immature childish juvenile naive
  sensible unreasonable rational irrational down-to-earth grounded attentive inattentive alert
  vigilant observant mindful thoughtful thoughtless rough robotic mechanical wooden stiff awkward
  gruff stern strict lenient tough serious playful jokey goofy silly dramatic melodramatic
  theatrical shouty soft-spoken softly-spoken well-mannered ill-mannered civil uncivil mannerly
  self-aware self-critical self-disciplined self-reliant self-effacing self-important
  safety-conscious conscious cost-conscious security-conscious humourless humorless
  flighty fickle impulsive rash reckless cautious timorous sheepish rude proud nasty obnoxious
  annoying irritating whiny needy clingy crabby cranky snappy snippy testy tetchy huffy stroppy
  mardy ratty bolshy lippy mouthy shirty chirpy sunny jovial jolly carefree easygoing easy-going
  laid-back uptight highly-strung high-strung neurotic paranoid obsessive restless fidgety gentle
  sweet sour brash loud-mouthed big-headed bigheaded know-it-all stand-offish offhand off-hand
  short snippy tetchy negative-minded grudging begrudging resentful spiky feisty fiery
  hot-tempered quick-tempered mild-mannered
`);

/** Adverbs built on trait words that are not manner: "fairly quick", "kindly note", "pretty". */
export const notMannerAdverbs = set(`
  fairly pretty really truly genuinely seriously honestly frankly hardly openly quietly
  simply directly closely fully shortly lately highly critically mechanically roughly
  consciously
`);

/** Hyphenated endings that make a character word: "open-minded", "kind-hearted", "strong-willed". */
export const traitCompoundEnds = set(`
  minded hearted tempered natured spirited willed headed mannered conscious
`);

/** Nouns naming a trait, an attitude or a feeling, whatever the context: "show more warmth". */
export const traitNouns = set(`
  attitude attitudes enthusiasm positivity negativity empathy compassion warmth humility arrogance
  maturity immaturity personality mindset demeanour demeanor temperament disposition outlook
  patience impatience kindness friendliness politeness courtesy rudeness sincerity optimism
  pessimism cynicism cheerfulness eagerness zeal zest gusto motivation self-confidence self-belief
  self-esteem self-awareness resilience grit tenacity determination perseverance courage bravery
  assertiveness decisiveness indecisiveness curiosity open-mindedness charisma likeability
  likability approachability integrity honesty conscientiousness carelessness laziness
  complacency apathy indifference defensiveness stubbornness aggression aggressiveness hostility
  anger irritation nervousness calmness composure poise tact gratitude sensitivity
  insensitivity willingness unwillingness can-do vibe vibes humour humor emotions
  thoughtfulness attentiveness gentleness tolerance intolerance negativity selfishness
  selflessness generosity diligence dedication devotion enthusiasm sarcasm insolence
  moodiness grumpiness bluntness abruptness pushiness bossiness touchiness
`);

/**
 * Trait nouns with other everyday senses ("sprint commitments", "energy usage", "customer
 * loyalty"): a trait only when shown, brought or had, qualified ("more drive", "your tone") or
 * after "with".
 */
export const contextTraitNouns = set(`
  energy drive spirit tone respect pride commitment passion hunger mood moods temper ego character
  loyalty confidence emotion appreciation focus heart hustle fire edge swagger manners interest
  concern affection
`);

/** Nouns a trait adjective describes as a manner: "in a calm manner", "a positive outlook". */
export const mannerNouns = set(`
  manner way tone voice attitude outlook approach demeanour demeanor energy vibe spirit face smile
  personality mindset disposition temperament presence body language
`);

/** People named by a trait: "be less of a perfectionist", "stop being a know-it-all". */
export const traitPersonNouns = set(`
  perfectionist micromanager pushover doormat workaholic slacker complainer moaner whiner gossip
  hothead know-it-all introvert extrovert extravert cynic pessimist optimist loner diva bully
  martyr self-starter go-getter people-pleaser busybody grump sourpuss crybaby show-off
`);

/** Words that bring a trait noun into play: "show more warmth", "have a can-do spirit". */
export const displayVerbs = set(`
  show display demonstrate exhibit bring have project convey radiate express keep maintain find
  develop build gain improve fix change adjust control manage check lose curb regain boost
  channel harness work put use drop ditch leave tone dial rein exude ooze hold hide temper
  contain master grow
`);

/** Verbs whose whole content is a feeling or an attitude: "care more", "enjoy your work". */
export const traitVerbs = set(`
  care enjoy love relax worry panic stress overreact sulk moan whine smile cheer lighten loosen
  toughen chill calm fret grumble gripe snap mope complain
`);

/** Trait phrases, matched on lemmas. */
export const traitPhrases = phrases(
  "team player",
  "work ethic",
  "bedside manner",
  "people person",
  "people skill",
  "attitude problem",
  "can-do",
  "can do attitude",
  "care more",
  "care less",
  "take pride",
  "sense of humour",
  "sense of humor",
  "lose * temper",
  "keep * temper",
  "lose * cool",
  "keep * cool",
  "keep calm",
  "stay cool",
  "come across",
  "thick skin",
  "thicker skin",
  "short fuse",
  "fly off the handle",
  "chip on * shoulder",
  "get worked up",
  "get wound up",
  "blow up at",
  "bite * tongue",
  "keep * emotions in check",
  "check * ego",
  "brave face",
  "with a smile",
  "glass half full",
  "control freak",
  "rub * the wrong way",
  "heart on * sleeve",
  "calm down",
  "cheer up",
  "lighten up",
  "toughen up",
  "loosen up",
  "man up",
  "grow up",
  "perk up",
  "buck up",
  "chill out",
  "more of a people",
  "put * heart into",
  "heart and soul",
);

// ---- Vague aims, fuzzy qualities, jargon ----

/** Work-style words and fuzzy qualities: nobody could tell when they are met. */
export const vagueAdjectives = set(`
  proactive professional unprofessional reliable unreliable dependable undependable responsive
  unresponsive organised organized disorganised disorganized efficient inefficient productive
  unproductive careful visible invisible tidy tidier neat neater clean cleaner helpful unhelpful
  accountable thorough effective ineffective consistent inconsistent diligent strategic
  collaborative independent autonomous self-sufficient detail-oriented detail-focused punctual
  available present involved hands-on customer-focused customer-centric customer-centred
  results-driven results-oriented data-driven solution-oriented solutions-focused forward-thinking
  agile nimble adaptable versatile resourceful capable competent skilled knowledgeable savvy sharp
  sharper smart smarter clever articulate concise aligned ready prepared timely prompt appropriate
  inappropriate proper properly appropriately good better best great excellent strong stronger
  solid robust high-quality polished smooth smoother tight tighter lean active visible approachable
  go-to expert on-brand on-message credible influential trusted respected valued
  effectively efficiently professionally proactively responsibly consistently reliably properly
  carefully thoroughly diligently promptly
`);

/**
 * Judgements of quality that leave an object vague ("write better documentation", "provide
 * excellent service"). Narrower than vagueAdjectives: "a clean copy", "all available shifts"
 * and "a visible sign" describe the thing, they do not grade it.
 */
export const judgementAdjectives = set(`
  good better best great excellent strong stronger solid robust high-quality polished proper
  appropriate effective efficient consistent thorough smooth smoother superior fantastic
  brilliant amazing awesome superb perfect ideal optimal exemplary impressive first-rate
  top-quality higher-quality
`);

/** Judgements that are vague before a noun ("a clear plan", "a proper handover"). */
export const vaguePrenominal = set(`
  clear clearer decent solid sensible structured comprehensive meaningful coherent realistic
  reasonable sound well-thought-out high-level nice
`);

/** Hype and superlatives: praise, not a level anyone can check. */
export const hypeWords = set(`
  world-class best-in-class first-class top-class top-notch top-tier top-flight next-level a-grade
  a-class five-star 5-star gold-standard exceptional amazing awesome incredible phenomenal stellar
  superb fantastic brilliant remarkable extraordinary unbeatable unrivalled unrivaled unparalleled
  second-to-none legendary magical memorable wow wow-factor seamless frictionless effortless
  white-glove elite cutting-edge bleeding-edge state-of-the-art game-changing groundbreaking
  best-ever rockstar rock-star ninja superstar a-game
  a-player a-team high-octane high-impact impactful meaningful transformational transformative
  visionary delightful stunning kick-ass badass greatest best-possible unforgettable
  outstanding-quality rock-solid bulletproof premium-quality top-performing high-performing
  high-performance
`);

/** Verbs of hype: "crush the number", "smash your targets", "wow every guest". */
export const hypeVerbs = set(`
  crush smash nail ace rock slay dominate wow delight dazzle amaze impress supercharge turbocharge
  skyrocket rocket turbo-charge outshine shine thrive flourish soar excel hustle crush-it

`);

/** Verbs that name an aim rather than an act: checkable only through a number or a means. */
export const aimVerbs = set(`
  improve enhance strengthen foster empower embrace champion strive aspire optimise optimize
  streamline elevate own align engage innovate nurture cultivate inspire motivate encourage
  promote advocate uplift energise energize leverage harness unlock transform revamp rethink
  embody exemplify master understand learn grasp appreciate value prioritise prioritize focus
  concentrate collaborate communicate contribute facilitate spearhead orchestrate socialise
  socialize evangelise evangelize strategise strategize ideate synergise synergize upskill hone
  sharpen refine polish tighten sort iron smooth firm beef brush bone ramp reinvigorate revitalise
  revitalize modernise modernize professionalise professionalize mature aim try seek
  consider think reflect know remember respect trust believe accept recognise recognize embrace
  exceed surpass outperform overachieve
`);

/** Verbs about people whose object is a person: checkable only with a number or a means. */
export const peopleVerbs = set(`
  support help lead manage coach mentor guide develop empower inspire motivate engage involve
  include nurture challenge stretch encourage look
`);

/** Creation and delivery verbs: concrete with a thing as object, vague with an abstraction. */
export const makeVerbs = set(`
  build create deliver provide produce develop establish drive generate design craft shape form
  forge set offer bring give ensure maintain achieve
`);

/** Verbs that cause a feeling in someone: "never upset a customer", "reassure relatives". */
export const emotionVerbs = set(`
  upset annoy irritate offend disappoint frustrate anger alienate embarrass please reassure
  comfort charm excite delight wow impress inspire motivate enthuse energise energize engage
  humiliate belittle intimidate scare frighten patronise patronize
`);

/** Judgements dressed as verbs: "overengineer", "micromanage", "procrastinate". */
export const judgementVerbs = set(`
  overengineer over-engineer overengineering overthink overcomplicate overanalyse overanalyze
  overpromise overcommit overshare underdeliver under-deliver underperform micromanage
  procrastinate dawdle slack coast nitpick gossip dither waffle ramble dither faff dillydally
  bicker
`);

/** Nouns naming a quality, an aim or an abstraction rather than a thing that can be counted. */
export const abstractNouns = set(`
  ownership initiative leadership accountability responsibility culture trust rapport
  relationship relationships alignment synergy synergies engagement morale visibility presence
  excellence quality values impact difference experience experiences atmosphere vibe environment
  mindset vision innovation growth success momentum focus awareness understanding knowledge skill
  skills expertise competence competency competencies capability capabilities credibility
  reputation influence partnership partnerships collaboration teamwork communication
  communications cooperation transparency openness inclusion inclusivity belonging wellbeing
  well-being happiness satisfaction loyalty safety hygiene standard standards professionalism
  discipline consistency reliability efficiency effectiveness productivity performance mastery
  judgement judgment intuition creativity agility integrity ethics dignity care service support
  help buy-in traction mindshare clarity direction purpose urgency harmony unity cohesion spirit
  pride best job work stuff things thing everything anything something way ways approach
  behaviour behavior behaviours behaviors conduct game bar expectations expectation example
  role voice face brand image profile energy passion effort efforts attention focus reason
  ambition potential confidence improvement improvements progress development adoption ideas
  mindfulness urgency accountability practice practices fundamentals basics craft detail details
  feedback-culture empowerment enablement involvement ambassador champion advocate presence
  difference contribution contributions productivity standards
  organisation organization prioritisation prioritization time-management procedures rules
  guidelines policies processes process procedure protocol protocols
`);

/** Aims when bare ("drive results", "add value"), things when specific ("the monthly results"). */
export const bareAbstractNouns = set("results result outcomes outcome output value numbers");

/** Nouns too general to count on their own ("never make mistakes"), unless compounded. */
export const genericCountNouns = set(`
  mistake mistakes error errors problem problems issue issues thing things fault faults slip slips
  procedure procedures process processes rule rules policy policies guideline guidelines
  instruction instructions expectation expectations task tasks work job stuff duty duties
  responsibility responsibilities everything anything something
`);

/** People and groups: the object of "support", "lead", "empower"… is not a deliverable. */
export const personNounsForGoals = set(`
  team teams staff colleague colleagues coworker coworkers co-worker co-workers peer peers people
  person everyone everybody customer customers client clients patient patients guest guests
  shopper shoppers caller callers user users member members report reports junior juniors
  senior seniors manager managers stakeholder stakeholders starter starters hire hires employee
  employees family families resident residents visitor visitors partner partners department
  departments crew squad group groups nurse nurses doctor doctors engineer engineers rep reps
`);

/** The person as an identity: "be a role model", "become the go-to expert". Checked by article. */
export const credentialWords = set(`
  certified qualified registered licensed accredited chartered approved authorised authorized
  trained signed-off
`);

/**
 * Business-speak idioms, figurative and hype goals, matched on lemmas or words ("*" = one to
 * three words). General jargon, not test statements.
 */
export const idioms = phrases(
  "go the extra mile",
  "the extra mile",
  "above and beyond",
  "step up",
  "step it up",
  "up * game",
  "raise * game",
  "lift * game",
  "raise the bar",
  "set the bar",
  "bring * a-game",
  "a-game",
  "give it * all",
  "give * best",
  "do * best",
  "try * best",
  "try harder",
  "work harder",
  "work smarter",
  "work hard",
  "do better",
  "do a better job",
  "do a good job",
  "do a great job",
  "pull * weight",
  "pull * socks up",
  "pull * finger out",
  "get * act together",
  "get * house in order",
  "get * ducks in a row",
  "ducks in a row",
  "get on top of",
  "stay on top of",
  "keep on top of",
  "be on top of",
  "get to grips with",
  "get up to speed",
  "hit the ground running",
  "think outside the box",
  "outside the box",
  "move the needle",
  "move the dial",
  "push the envelope",
  "push the boundaries",
  "own it",
  "own the room",
  "crush it",
  "smash it",
  "nail it",
  "ace it",
  "kill it",
  "rock it",
  "boss it",
  "knock it out of the park",
  "out of the park",
  "hit a home run",
  "next level",
  "level up",
  "up-level",
  "uplevel",
  "make * pop",
  "make it pop",
  "make * shine",
  "make * sing",
  "make waves",
  "make a splash",
  "make a difference",
  "make an impact",
  "make * mark",
  "leave * mark",
  "make things happen",
  "make it happen",
  "get things done",
  "get stuff done",
  "get it done",
  "over the line",
  "across the line",
  "drop the ball",
  "keep the ball rolling",
  "eye on the ball",
  "on the ball",
  "plates spinning",
  "spin * plates",
  "finger on the pulse",
  "touch base",
  "circle back",
  "low-hanging fruit",
  "boil the ocean",
  "big picture",
  "blue-sky",
  "blue sky thinking",
  "game changer",
  "game-changer",
  "paradigm shift",
  "wear many hats",
  "all hands on deck",
  "on the same page",
  "same hymn sheet",
  "buy into",
  "buy in from",
  "get buy in",
  "be in the zone",
  "get in the zone",
  "on board with",
  "get * on board",
  "bring * on board",
  "give your all",
  "make every * count",
  "buy-in",
  "rise to the challenge",
  "rise to the occasion",
  "comfort zone",
  "stretch yourself",
  "push yourself",
  "challenge yourself",
  "live * values",
  "live and breathe",
  "walk the talk",
  "walk the walk",
  "talk the talk",
  "lead from the front",
  "lead by example",
  "set an example",
  "set a good example",
  "role model",
  "put * first",
  "first and foremost",
  "do the right thing",
  "do what it takes",
  "whatever it takes",
  "play * part",
  "do * part",
  "do * bit",
  "own up",
  "hold * accountable",
  "bend over backwards",
  "pull out all the stops",
  "leave no stone unturned",
  "hit the mark",
  "knock * socks off",
  "blow * away",
  "wow factor",
  "hearts and minds",
  "win * over",
  "turn heads",
  "turn the corner",
  "turn over a new leaf",
  "clean up * act",
  "shape up",
  "head in the game",
  "keep * head down",
  "nose to the grindstone",
  "shoulder to the wheel",
  "go all in",
  "go for gold",
  "reach for the stars",
  "shoot for the moon",
  "aim high",
  "dream big",
  "think big",
  "play to win",
  "hit * stride",
  "find * feet",
  "find * voice",
  "on fire",
  "on form",
  "on * game",
  "move mountains",
  "punch above * weight",
  "carry the team",
  "pick up the slack",
  "take up the slack",
  "fill * shoes",
  "the glue",
  "one-stop shop",
  "one stop shop",
  "trusted advisor",
  "trusted adviser",
  "thought leader",
  "thought leadership",
  "pair of hands",
  "safe hands",
  "jack of all trades",
  "hit * numbers",
  "make * numbers",
  "exceed expectations",
  "exceed * expectations",
  "meet expectations",
  "meet * expectations",
  "manage expectations",
  "manage * expectations",
  "live up to",
  "measure up",
  "cut corners",
  "cut the mustard",
  "make the grade",
  "up to scratch",
  "up to par",
  "up to standard",
  "up to the mark",
  "in good shape",
  "shipshape",
  "ship-shape",
  "spick and span",
  "tip-top",
  "tight ship",
  "sort out",
  "sort * out",
  "sort things out",
  "iron out",
  "tighten up",
  "tighten * up",
  "smooth out",
  "firm up",
  "beef up",
  "brush up",
  "bone up",
  "polish up",
  "get * head around",
  "wrap * head around",
  "get a handle on",
  "get a grip",
  "join the dots",
  "connect the dots",
  "read the room",
  "speak up",
  "speak * mind",
  "seat at the table",
  "step up to the plate",
  "add value",
  "add more value",
  "deliver value",
  "create value",
  "drive value",
  "bring value",
  "value add",
  "value-add",
  "be there for",
  "let * down",
  "lean in",
  "keep * eye on",
  "keep an eye on",
  "in the loop",
  "keep * in the loop",
  "ahead of the curve",
  "ahead of the game",
  "best foot forward",
  "put * best foot forward",
  "hit the ground",
  "fire on all cylinders",
  "firing on all cylinders",
  "full steam ahead",
  "keep * finger on",
  "sing from",
  "take * to the next level",
  "take it up a notch",
  "up a notch",
  "kick it up",
  "kick * into gear",
  "into high gear",
  "into gear",
  "get * skates on",
  "pick up the pace",
  "up the pace",
  "step on it",
  "get cracking",
  "get moving",
  "hustle more",
  "grind harder",
  "bring it",
  "bring the energy",
  "bring the heat",
  "bring * magic",
  "magic happen",
  "wow * customer",
  "wow experience",
  "customer obsession",
  "customer obsessed",
  "customer-obsessed",
  "obsess over",
  "fanatical about",
  "raving fans",
  "raving fan",
  "delight * customer",
  "moment of truth",
  "moments of truth",
  "number one",
  "no. 1",
  "#1",
  "top performer",
  "top performers",
  "high performer",
  "high flyer",
  "high-flyer",
  "star player",
  "all-star",
  "10x",
  "110%",
  "hundred and ten percent",
  "feel valued",
  "feel heard",
  "feel welcome",
  "feel special",
  "feel ignored",
  "feel like",
  "safety first",
  "give up",
  "deliver on",
  "be on it",
  "be * on it",
  "back on track",
  "on track",
  "work * magic",
  "crack on",
  "get stuck in",
  "take charge",
  "at the heart of",
  "make yourself",
  "turn * around",
  "double down",
  "make it count",
  "follow through",
  "lose sight of",
  "keep sight of",
  "keep * in mind",
  "bear in mind",
  "keep in mind",
  "half done",
  "half-done",
  "on the lookout",
  "keep an eye out",
  "look out for",
  "quality first",
  "customer first",
  "patient first",
  "patients first",
  "people first",
  "first port of call",
  "go-to person",
  "go-to",
  "point person",
  "front and centre",
  "front and center",
  "out of * comfort zone",
  "hit it out of the park",
  "run with it",
  "run with the ball",
  "take the ball",
  "grab the bull",
  "by the horns",
  "roll up * sleeves",
  "get * hands dirty",
  "in the weeds",
  "get in the weeds",
  "do the heavy lifting",
  "keep the lights on",
  "steady the ship",
  "right the ship",
  "turn the ship",
  "steer the ship",
  "rock the boat",
  "raise * profile",
  "build * profile",
  "build * brand",
  "personal brand",
  "elevator pitch",
  "win-win",
  "win win",
);

/** A quantity phrase that is hype, not a level: "give 110%", "a 10x engineer". */
export const effortNouns = set(`
  effort energy commitment focus dedication best all heart everything
`);

/** Degree words between a copula or a display verb and the trait: "be *much more* positive". */
export const degreeWords = set(`
  more less so too very a an the bit little much far way really always never consistently
  generally overall somewhat some better even extra truly genuinely visibly noticeably
  increasingly considerably significantly slightly just quite rather fully totally completely
  100% 110% constantly
`);

/** Words that, after the copula, introduce a predicate about the person: "be *more of* a". */
export const copulas = set(
  "be being become get stay remain seem sound appear act feel look grow come",
);

/** Change-of-level verbs: checkable only with a target ("increase average deal size"). */
export const directionalVerbs = set(`
  increase reduce raise grow cut lower decrease boost lift minimise minimize maximise maximize
  improve shrink expand accelerate speed shorten lengthen extend narrow widen trim slash curb
  limit tackle lessen diminish enlarge heighten deepen broaden
  decelerate slow hasten quicken
`);

/** Particles that, after a verb, make a direction: "drive *up*", "bring *down*", "cut *down* on". */
export const directionParticles = set("up down back");

/** Verbs that make a direction only with a particle: "bring down", "drive up", "push up". */
export const particleDirectionalVerbs = set("bring push drive get knock pull take ramp scale step");

/** Verbs that set their own target: "double the referrals" is twice the baseline. */
export const selfTargetVerbs = set("double halve triple quadruple treble");

/** Verbs that carry no checkable act of their own: only their object can make one. */
export const lightVerbs = set(`
  be have get make do keep take show become stay remain seem feel look sound act appear go come
  let put want need start stop continue begin display demonstrate exhibit bring give hold run
  hit reach meet achieve find leave
`);

/** Completion verbs: with a specific thing as object, doing it is a checkable deliverable. */
export const completionVerbs = set(`
  complete finish pass submit publish attend migrate fix deliver launch ship install obtain earn
  write draft produce present file send book enrol enroll register renew resolve deploy release
  implement configure replace upgrade decommission archive document record sign return close
  clear finalise finalize hand hire fill train onboard audit test retire patch
`);

/** Skipped before the head verb of an imperative goal. */
export const leadIns = set(`
  please don't dont not n't never always also then consistently just you should will must can
  need needs to
`);

/** "stop being", "keep improving", "start logging": the aspect verb is skipped. */
export const aspectVerbs = set("stop start keep continue quit begin resume try aim strive");

/** Light verbs that name an act when their object is a thing: "take the course", "make a call". */
export const actWithObject = set(
  "take make do give have hold run get keep put bring find leave hit reach meet achieve",
);

/** Particles after a verb. */
export const particles = set("up out off down back in on over through away around about together");

/** Subordinators that open a condition, not an act: "when the unit is busy". */
export const conditionWords = set("when whenever if unless where wherever once whether");

/** Subordinators that open a parallel clause: "while keeping AHT under 6 minutes". */
export const parallelWords = set("while whilst although though because whereas so");

/** Prepositions that, with an -ing verb, name the means: "by sending", "through coaching". */
export const meansWords = set("by through via with without");

/** Words before a number that make it a target or a threshold. */
export const targetMarkers = set(`
  to by from under below above over less fewer more least most maximum minimum max min than
  within at of beyond exceed exceeds exceeding only target goal quota cap limit floor
`);

/** Nouns after which a number is a value, not a name: "min 25", "target 40", "score 4.5". */
export const thresholdNouns = set(`
  min max minimum maximum target goal quota cap limit score rating average mean median total
  count rate nps csat ces sla kpi p50 p90 p95 p99 top
`);

/** Nouns after which a number names a thing: "line 3", "ward 7", "tier 2", "sprint 14". */
export const identifierNouns = set(`
  line ward tier level sprint version v phase step stage room bay aisle gate dock zone floor unit
  bed lane route station building store branch site pod cell desk till register lot row column
  block wave batch cohort release iteration cycle term item ticket case order invoice po job
  project bus truck van area wing theatre clinic door window counter checkout priority sev
  severity category class type standard iso soc grade band module chapter section page part
  lesson week day quarter year team shift queue region territory district patch key number no
  press machine oven belt conveyor cage rack shelf bin slot locker group table
`);

/** Units and words a number can count or measure, so "3 hours" is a duration. */
export const timeUnits = set(`
  second seconds sec secs minute minutes min mins hour hours hr hrs h day days d week weeks wk wks
  fortnight fortnights month months mo mos mth mths quarter quarters qtr year years yr yrs shift
  shifts sprint sprints
`);

/** Words that count something. */
export const quantityWords = set(`
  zero once twice thrice half dozen double triple quadruple couple none
`);

/** Frequencies written as one word. */
export const frequencyWords = set(`
  daily weekly monthly quarterly annually yearly hourly fortnightly nightly biweekly bimonthly
  twice-weekly twice-monthly half-yearly semi-annually annual bi-weekly bi-monthly
`);

/** Units and recurring events a period or frequency can be counted in. */
export const timeNouns = set(`
  day days week weeks wk wks fortnight month months mo mth quarter quarters qtr year years yr hour
  hours hr hrs h minute minutes shift shifts sprint sprints stand-up stand-ups standup standups
  huddle huddles meeting meetings round rounds handover handovers morning mornings afternoon
  afternoons evening evenings night nights weekend weekends weekday weekdays term season cycle
  cycles iteration iterations release releases review reviews audit audits survey period
  deadline eod eow eom eoq eoy cob ye year-end month-end quarter-end q1 q2 q3 q4 h1 h2 fy monday
  tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays fridays
  saturdays sundays mon tue tues wed thu thur thurs fri sat sun january february march april may
  june july august september october november december jan feb mar apr jun jul aug sep sept oct
  nov dec spring summer autumn fall winter today tomorrow tonight noon midday midnight appraisal
  retro retros retrospective date half opening closing close-down start-up
`);

/** Units an "a/an" or "/" can make a rate of: "twice a week", "25 InMails/wk". */
export const rateUnits = set(`
  day week month year hour minute quarter shift fortnight sprint wk mo mth yr hr h d min qtr
`);

/** Words before a time noun that make it a bound or a frequency. */
export const timeMarkers = set(`
  per every each this next same by before until till within during at of for over after starting
  from between end close following coming / p past any given
`);

/** Universal scope: the condition applies to each case, so each case can be checked. */
export const scopeWords = set("every each all always never any per whenever both");

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
  "no exceptions",
  "every single",
  "not a single",
  "not once",
  "not even one",
);

/** After "no", these make a bound, not an absolute: "no more than 2". */
export const boundAfterNo = set(`
  more less fewer later earlier longer greater higher lower than sooner longer further
`);

/** Failures that, negated, forbid every slip: "don't miss any", "do not skip". */
export const failureVerbs = set("miss skip forget fail break lose drop");

/** Comparatives the lemmatiser leaves alone, and -er words that are not comparatives. */
export const comparativeAdverbs = set(`
  faster quicker sooner earlier later harder smarter better worse more less fewer oftener
  closer longer shorter higher lower
`);
export const notComparatives = set(`
  other order under over after ever never either rather whether per former latter
  customer number member manager water paper offer letter matter register
`);

/** Comparatives that judge quality ("better", "stronger"), not only amount ("faster", "more"). */
export const qualityComparatives = set(`
  better best worse stronger cleaner tidier neater sharper smarter harder clearer nicer greater
  richer deeper tighter smoother
`);

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
