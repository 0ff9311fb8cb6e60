import type { CoachingStage, DeckQuestion, DeckTheme } from "./oneonones.rules.js";

// The question deck: good 1:1 questions, by coaching stage and theme. A question's id is
// "<stage>.<theme>.<n>" and talking points keep it: reword a question freely, give a new one the
// next free number of its theme, and never reuse the number of a removed one.

type Row = [n: number, theme: DeckTheme, text: string];

const establishTrust: Row[] = [
  [1, "career", "How did you end up in this line of work? What drew you to it?"],
  [2, "career", "Looking back at your previous roles, which one taught you the most, and why?"],
  [
    3,
    "career",
    "If everything went well, where would you like to be in five years, at work or outside it?",
  ],
  [4, "career", "What made you decide to join us, and how does it compare with what you expected?"],
  [1, "wellbeing", "How are you doing, really, outside work as much as in it?"],
  [2, "wellbeing", "What does a good week look like for you? And a bad one?"],
  [
    3,
    "wellbeing",
    "Is there anything in your life you would like me to know about, so work can fit around it?",
  ],
  [4, "wellbeing", "What helps you recharge after an intense stretch of work?"],
  [
    1,
    "feedback",
    "How do you prefer to hear feedback from me: in the moment, in our 1:1s, in writing, or a mix?",
  ],
  [2, "feedback", "What did a past manager do that you would like me to keep doing, or never do?"],
  [3, "feedback", "What could I change to make these 1:1s more useful to you?"],
  [
    4,
    "feedback",
    "When you disagree with me, how will I know? How can I make it easier to say so?",
  ],
  [1, "blockers", "What is taking more of your time or energy than it should right now?"],
  [2, "blockers", "Is there anything about how we work here that still puzzles you?"],
  [3, "blockers", "Who or what do you find hardest to get answers from?"],
  [
    4,
    "blockers",
    "If you could fix one thing about your day-to-day by tomorrow, what would it be?",
  ],
  [1, "team", "Who on the team have you found easiest to work with so far, and why?"],
  [2, "team", "Who would you like to get to know better, on the team or around it?"],
  [3, "team", "From where you sit, how do decisions get made on our team?"],
  [4, "team", "What would you tell someone joining this team on their first day?"],
  [1, "recognition", "Which piece of your work are you proudest of, here or anywhere before?"],
  [
    2,
    "recognition",
    "How do you like to be thanked: in public, in private, in writing, or not at all?",
  ],
  [3, "recognition", "What did you get done recently that you feel nobody noticed?"],
  [4, "recognition", "Which thank-you from your career has stuck with you, and why?"],
];

const makeItPersonal: Row[] = [
  [1, "career", "Which parts of your work would you do more of if you could choose freely?"],
  [
    2,
    "career",
    "Do you see yourself leading people, going deeper as a specialist, or something else?",
  ],
  [3, "career", "What kind of work makes you lose track of time?"],
  [4, "career", "Which of your skills do you think we are not using enough?"],
  [
    1,
    "wellbeing",
    "When in the day or week do you do your best thinking? Does your calendar let you use it?",
  ],
  [
    2,
    "wellbeing",
    "Do you recharge around people or on your own? How does your current work fit that?",
  ],
  [3, "wellbeing", "What kind of pressure brings out your best, and what kind wears you down?"],
  [
    4,
    "wellbeing",
    "How sustainable is your workload, from one to ten, and what would move it up a point?",
  ],
  [1, "feedback", "Which piece of feedback you once received changed how you work?"],
  [
    2,
    "feedback",
    "Do you prefer feedback straight to the point or talked through? Do I get the balance right?",
  ],
  [3, "feedback", "What would your colleagues say is your greatest strength? Do you agree?"],
  [4, "feedback", "What do I do as a manager that does not work well for you in particular?"],
  [
    1,
    "blockers",
    "Do you prefer several things at once or one at a time? Does your current work let you?",
  ],
  [2, "blockers", "Which kind of task do you tend to put off, and why do you think that is?"],
  [3, "blockers", "Where do you need more context from me to decide things on your own?"],
  [4, "blockers", "Do you prefer detailed instructions, or a goal and freedom in how to reach it?"],
  [
    1,
    "team",
    "Which role do you naturally take in a group: driving, connecting, questioning, making?",
  ],
  [2, "team", "Who on the team do you learn the most from?"],
  [3, "team", "How do you like to collaborate: pairing, in writing, or in meetings?"],
  [4, "team", "Which team habit helps you, and which one gets in your way?"],
  [1, "recognition", "Which strength of yours do you think I have not seen yet?"],
  [2, "recognition", "What would you like to be known for on this team?"],
  [3, "recognition", "When did you last feel really good at your job? What were you doing?"],
  [
    4,
    "recognition",
    "Is there work of yours you would like more people to know about? How could we share it?",
  ],
];

const commitToGrowth: Row[] = [
  [1, "career", "Which skill do you want to be noticeably better at six months from now?"],
  [2, "career", "What would a stretch assignment look like for you this quarter?"],
  [
    3,
    "career",
    "If we wrote down one growth goal for you today, what would it be, and how would we know it is met?",
  ],
  [
    4,
    "career",
    "Whose career, here or elsewhere, would you like to learn from? Could we set up a conversation?",
  ],
  [1, "wellbeing", "What should come off your plate to make room for growing without burning out?"],
  [2, "wellbeing", "How much time a week could you realistically protect for learning?"],
  [3, "wellbeing", "Which habit would you like to build this quarter to make work feel better?"],
  [4, "wellbeing", "Where do you feel stretched in a good way right now, and where in a bad way?"],
  [
    1,
    "feedback",
    "Whose feedback would help you with your growth goal, and how should we ask for it?",
  ],
  [2, "feedback", "What could I do in the next month to support your development better?"],
  [
    3,
    "feedback",
    "Which piece of recent feedback do you want to act on, and what is the first step?",
  ],
  [4, "feedback", "How should I follow up on your growth goal without it feeling like monitoring?"],
  [1, "blockers", "What is keeping you from making progress on your growth goal right now?"],
  [
    2,
    "blockers",
    "Which resource would make your next step easier: a course, a mentor, time, a tool?",
  ],
  [3, "blockers", "Which decision or approval are you waiting on that slows your growth?"],
  [
    4,
    "blockers",
    "If your development stalled this quarter, what would most likely be the reason?",
  ],
  [1, "team", "Is there something you could teach the team? Would you like to?"],
  [2, "team", "Which upcoming project would be a good place for you to try something new?"],
  [3, "team", "Who on the team could you pair with to learn what you want to get better at?"],
  [4, "team", "How could the team help you reach your growth goal?"],
  [1, "recognition", "What progress have you made since we last talked that you are pleased with?"],
  [2, "recognition", "What can you do now that you could not do a year ago?"],
  [3, "recognition", "How should we mark it when you reach your growth goal?"],
  [4, "recognition", "Which recent win would make a good example for others, and may I share it?"],
];

const confrontReality: Row[] = [
  [1, "career", "Honestly, how are you tracking against what you wanted to achieve this quarter?"],
  [2, "career", "If you look at your results over the last months, what story do they tell?"],
  [3, "career", "What would need to be true for your next step, and where is the gap today?"],
  [4, "career", "Is this role still the right one for you? What would make you say no?"],
  [1, "wellbeing", "Is our pace sustainable for you? What do your hours, energy and sleep say?"],
  [
    2,
    "wellbeing",
    "Which of your commitments do you now think you cannot keep? Let us look at them together.",
  ],
  [3, "wellbeing", "What are you saying yes to that you should say no to?"],
  [4, "wellbeing", "From one to ten, how are you coping? What is behind that number?"],
  [1, "feedback", "This is how I see your recent work. Where do you see it differently?"],
  [2, "feedback", "Which feedback do you suspect I have been holding back? Ask me for it."],
  [3, "feedback", "What is the hardest truth about my management you could tell me?"],
  [4, "feedback", "Which of my commitments to you have I not followed through on?"],
  [1, "blockers", "Which of our open commitments are overdue, and what is really in the way?"],
  [2, "blockers", "What are we avoiding talking about?"],
  [
    3,
    "blockers",
    "Which problem have we discussed more than once without fixing it? What would it take?",
  ],
  [
    4,
    "blockers",
    "If this deadline were tomorrow, what would not be done, and what do we do about it?",
  ],
  [
    1,
    "team",
    "Is there a conflict on the team that nobody is dealing with? What is your part in it?",
  ],
  [
    2,
    "team",
    "How does the team's recent output compare with what we committed to? Where did it slip?",
  ],
  [3, "team", "Is there someone you find hard to work with? What have you tried so far?"],
  [4, "team", "What is one thing the team does that we should stop?"],
  [1, "recognition", "Which of your recent results should be credited to you and is not yet?"],
  [2, "recognition", "Which commitments did you keep this month that we should name?"],
  [
    3,
    "recognition",
    "Is the recognition you get here fair compared with others? Tell me honestly.",
  ],
  [4, "recognition", "What did you do recently that was harder than it looked from outside?"],
];

const prefix: Record<CoachingStage, string> = {
  establish_trust: "trust",
  make_it_personal: "personal",
  commit_to_growth: "growth",
  confront_reality: "reality",
};

function build(stage: CoachingStage, rows: Row[]): DeckQuestion[] {
  return rows.map(([n, theme, text]) => ({
    id: `${prefix[stage]}.${theme}.${n}`,
    text,
    stage,
    theme,
  }));
}

/** Every question, ids like "growth.blockers.2". */
export const questionDeck: readonly DeckQuestion[] = Object.freeze([
  ...build("establish_trust", establishTrust),
  ...build("make_it_personal", makeItPersonal),
  ...build("commit_to_growth", commitToGrowth),
  ...build("confront_reality", confrontReality),
]);

const byId = new Map(questionDeck.map((q) => [q.id, q]));

export function findDeckQuestion(id: string): DeckQuestion | null {
  return byId.get(id) ?? null;
}

export const stageLabels: Record<CoachingStage, string> = {
  establish_trust: "Establish trust",
  make_it_personal: "Make it personal",
  commit_to_growth: "Commit to growth",
  confront_reality: "Confront reality",
};

export const themeLabels: Record<DeckTheme, string> = {
  career: "Career",
  wellbeing: "Wellbeing",
  feedback: "Feedback, both ways",
  blockers: "Blockers",
  team: "Team",
  recognition: "Recognition",
};
