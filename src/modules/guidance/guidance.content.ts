import type { GuidanceCard, HandbookArticle } from "./guidance.types.js";

// Guidance and the handbook, written by the team. This is product text: plain words, short
// sentences, practical examples. Cards hold at most three sentences; the handbook says the rest.
// Card ids are kept in guidance_seen: never rename one that has shipped (add a new card instead).

export const guidanceCards: readonly GuidanceCard[] = [
  {
    id: "coaching-first",
    moment: "plan.start",
    title: "Has coaching come first?",
    body: "Has this person had written feedback and 1:1s on this issue? If a plan would surprise them, start with those instead. For behaviour that no metric can capture, a documented discussion may fit better.",
    handbookSlug: "coaching-comes-first",
  },
  {
    id: "impact-not-emotion",
    moment: "plan.evidence",
    title: "Impact, not emotion",
    body: "Write what happened and what it changed for customers, colleagues or the work. Leave out how it made you feel and what you think it says about the person. “Two releases slipped a week, so support answered 40 extra tickets” is evidence; “careless” is not.",
    handbookSlug: "impact-not-emotion",
  },
  {
    id: "clarity-is-kindness",
    moment: "plan.standard",
    title: "Clarity is kindness",
    body: "No standard is written yet. Staying vague to spare someone's feelings is the nice trap: nobody can meet an expectation that was never said out loud. Write what good looks like in one or two plain sentences, with a number where one fits.",
    handbookSlug: "clarity-is-kindness",
  },
  {
    id: "reformers-trap",
    moment: "plan.prohibitions",
    title: "These goals say what not to do",
    body: "Most of the goals list things to stop: that is the reformer's trap, and it makes the plan read like a charge sheet. A goal should describe what good looks like, so progress can be seen and measured. Try turning “don't miss deadlines” into “deliver the sprint's committed tickets by its last day in 5 of the next 6 sprints”.",
    handbookSlug: "reformers-trap",
  },
  {
    id: "celebrate-early-win",
    moment: "checkin.early_win",
    title: "An early win: say so",
    body: "An early-win milestone has been reached. Name it first at the check-in and write it in the notes: it shows the person the plan can be done, and confidence grows from there. Be specific about what they did, not just that it went well.",
    handbookSlug: "early-wins",
  },
  {
    id: "confidence-falling",
    moment: "checkin.confidence",
    title: "Confidence is falling: add support",
    body: "The employee's confidence has dropped at recent check-ins. Ask what is getting in the way first, then add something concrete: time, a mentor, training, or a lighter load for now. Add it to the goal as a resource, so both of you can see it was given.",
    handbookSlug: "when-confidence-falls",
  },
];

export const handbookArticles: readonly HandbookArticle[] = [
  {
    slug: "coaching-comes-first",
    title: "Before a plan: coaching comes first",
    summary:
      "A success plan should never be the first time someone hears about a problem. Check that feedback and 1:1s came first, and whether a lighter tool fits better.",
    sections: [
      {
        heading: "Why it matters",
        paragraphs: [
          "A plan that arrives as a surprise feels like a verdict, not help. People who are surprised spend their energy defending themselves instead of improving, and they rarely trust the support that comes with it.",
          "Many plans fail before they start: the person never heard clearly, in writing, what was wrong and what good looks like.",
        ],
      },
      {
        heading: "Three questions before you start",
        paragraphs: [
          "If the answer to any of these is no, start there. It is faster, kinder and more likely to work than a plan.",
        ],
        bullets: [
          "Have you raised this issue in your 1:1s, more than once, with examples?",
          "Have you given written feedback on it: the situation, the behaviour and its impact?",
          "Did you agree what would change, and did you follow up on it?",
        ],
      },
      {
        heading: "Choose the lightest tool that fits",
        paragraphs: [
          "Headway has several steps below a success plan. Use the first one that fits.",
        ],
        bullets: [
          "Written feedback: for a specific event or pattern the person may not have noticed.",
          "A documented performance discussion: for behaviour that no metric can capture, such as how someone speaks to colleagues in meetings. It records what was said, what was agreed and when you will look at it again.",
          "A growth goal: for a skill the person wants to build, with no question about their job.",
          "A success plan: when a measurable standard has not been met despite feedback and support, and you want the person to succeed.",
        ],
      },
      {
        heading: "The good-faith question",
        paragraphs: [
          "Before a plan is issued, Headway asks: if this person meets every goal, will they stay? If the honest answer is no, a plan is the wrong tool.",
          "In that case, talk to HR about an honest conversation instead. A plan used as a paper trail harms the person, and it harms the trust of everyone who watches it happen.",
        ],
      },
      {
        heading: "An example",
        paragraphs: [
          "Priya's code reviews have been slow for two months. Her manager mentioned it once, in passing. That is not yet enough for a plan.",
          "Instead: raise it at the next 1:1 with the numbers (reviews take 3 days on average against a team norm of 1), send written feedback after it, agree what will change, and look at it together again in two weeks. If nothing moves and the cause is clear, a plan can follow, and Priya will not be surprised by it.",
        ],
      },
    ],
    related: ["diagnostic-conversation", "clarity-is-kindness"],
  },
  {
    slug: "impact-not-emotion",
    title: "Writing evidence: impact, not emotion",
    summary:
      "Evidence the employee can recognise: what happened, when, and what it changed. Not how it felt, and not what it says about them as a person.",
    sections: [
      {
        heading: "What good evidence looks like",
        paragraphs: [
          "The employee reads every item of evidence in a plan and answers it: I see it the same way, or I see it differently, with their side. Write each item so that a fair person could check it.",
        ],
        bullets: [
          "When: a date, or the period a metric covers.",
          "What happened: the result or behaviour, as a camera would have seen it.",
          "The impact: what it changed for customers, colleagues, the team's goals or the work.",
          "The source: where the numbers come from, so both of you can look at them.",
        ],
      },
      {
        heading: "Situation, behaviour, impact",
        paragraphs: [
          "A simple shape for an incident: the situation (where and when), the behaviour (what the person did or did not do) and the impact (what followed).",
          "For example: “In the client call on 12 March, the quote was sent without the discount the client had agreed. The client escalated to their director, and the renewal was delayed by three weeks.”",
        ],
      },
      {
        heading: "Words to leave out",
        paragraphs: [
          "Feelings and labels start a debate about character that nobody can win. They also make the record one-sided, and the employee has every right to answer them.",
        ],
        bullets: [
          "Labels: careless, lazy, negative, not a team player, bad attitude.",
          "Your feelings: frustrated, disappointed, fed up.",
          "Guesses about intent: doesn't care, isn't trying.",
          "Absolutes: always, never, every time. Say how often instead.",
        ],
      },
      {
        heading: "Rewrites",
        paragraphs: ["Each of these keeps the concern and drops the judgement."],
        bullets: [
          "“Careless with releases” becomes “Two of the last five releases went out without the release checklist; one caused a 40-minute outage for customers in Europe.”",
          "“Always late” becomes “Joined after the 9:00 stand-up on 7 of the last 10 working days; the team repeated their updates each time.”",
          "“Doesn't care about customers” becomes “The average first reply took 19 hours in February, against a standard of 8; three customers complained about the wait.”",
        ],
      },
      {
        heading: "When you feel strongly",
        paragraphs: [
          "Strong feelings tell you that something matters. They are not evidence on their own.",
          "Write the item, leave it for a day, then read it as the employee will. If a sentence would make you defensive, rewrite it as what happened and what it changed.",
        ],
      },
    ],
    related: ["clarity-is-kindness", "reformers-trap"],
  },
  {
    slug: "clarity-is-kindness",
    title: "The nice trap: clarity is kindness",
    summary:
      "Avoiding a clear standard to be kind leaves the person guessing. Say plainly what good looks like, and they have a fair chance to meet it.",
    sections: [
      {
        heading: "The trap",
        paragraphs: [
          "Managers who care about their people sometimes soften a message until it disappears: “it would be great if things could move a bit faster”. The person hears that all is well. Months later a plan arrives, and it feels like an ambush.",
          "Being vague feels kind in the moment. Over time it is the opposite.",
        ],
      },
      {
        heading: "What a standard is",
        paragraphs: [
          "A standard is the expectation for the role, written so that anyone could tell whether it is met. It describes the work, not the person.",
        ],
        bullets: [
          "“Resolve customer tickets within 2 working days, 9 times out of 10.”",
          "“Answer code review requests within one working day.”",
          "“Submit the month-end report by the 3rd working day, with figures that reconcile.”",
        ],
      },
      {
        heading: "How to write one",
        paragraphs: [],
        bullets: [
          "Start from the standard the team already works to. If there is none, agree one that applies to everyone in the role.",
          "Say it in one or two sentences, with a number or a date where one fits.",
          "Check that you would hold anyone in the same role to it. A standard written for one person only is a warning sign.",
          "Leave out judgements of the person: the standard is about the work.",
        ],
      },
      {
        heading: "Say it out loud",
        paragraphs: [
          "Write the standard down, then say it at your next conversation and ask the person to put it in their own words. If their version is different, you have found a problem worth solving first.",
          "Unclear expectations are one of the most common reasons people fall short. Sometimes writing the standard down is all that was needed.",
        ],
      },
      {
        heading: "Kind and clear together",
        paragraphs: [
          "Clear does not mean harsh. You can be warm about the person and clear about the work at the same time:",
          "“I want you to do well here. For that, tickets need to be resolved within two working days; right now it is five. Let's work out together what is getting in the way.”",
        ],
      },
    ],
    related: ["impact-not-emotion", "coaching-comes-first"],
  },
  {
    slug: "reformers-trap",
    title: "The reformer's trap",
    summary:
      "A plan that lists what to stop doing polices the person instead of helping them. Write goals as what good looks like, and find the cause before prescribing.",
    sections: [
      {
        heading: "What it looks like",
        paragraphs: [
          "A manager who sees a problem often reaches for rules: don't be late, stop interrupting, never miss a deadline, no more mistakes. The plan becomes a list of prohibitions, and the manager becomes the person who checks for breaches.",
          "This is the reformer's trap. It assumes the person knows what to do and is choosing not to. Often that is not the case.",
        ],
      },
      {
        heading: "Why prohibitions don't work",
        paragraphs: [],
        bullets: [
          "They describe the failure, not the success: the person still does not know what good looks like.",
          "They can only be broken, never achieved, so there is no early win in them.",
          "They are hard to measure fairly: one slip reads as failure, however much has improved.",
          "They cast you as the police, which ends the honest conversation you need.",
        ],
      },
      {
        heading: "Turn each one into a goal",
        paragraphs: [
          "Ask: what would I see if this problem were solved? Write that down, with a measure, a starting point and a date.",
        ],
        bullets: [
          "“Don't miss deadlines” becomes “Deliver the sprint's committed tickets by its last day in 5 of the next 6 sprints.”",
          "“No more errors in invoices” becomes “At least 95% of invoices pass the finance check first time each month, up from 80%.”",
          "“Never be late to stand-up” becomes “Join the 9:00 stand-up on time on at least 18 of 20 working days.”",
          "“Stop interrupting in meetings” is behaviour no metric captures well. A documented discussion fits it better than a plan goal.",
        ],
      },
      {
        heading: "Be a diagnostician, not the police",
        paragraphs: [
          "The way out of the trap is to find out why before deciding what. Is the expectation unclear? Is a skill missing? Is the person overloaded, short of tools, or dealing with something personal? Each cause needs a different kind of help, and a rule fixes none of them.",
          "The diagnostic guide walks you through that conversation, and suggests the resources that usually fit each cause.",
        ],
      },
    ],
    related: ["diagnostic-conversation", "clarity-is-kindness"],
  },
  {
    slug: "early-wins",
    title: "Early wins",
    summary:
      "A small, early milestone rebuilds confidence. Plan one within about two weeks, and when it is reached, say so.",
    sections: [
      {
        heading: "Why early wins matter",
        paragraphs: [
          "People on a plan often start out believing it cannot be done. Confidence, the belief that effort will pay off, is one of the best predictors of whether someone improves. The quickest way to build it is a real success, early.",
        ],
      },
      {
        heading: "Plan one",
        paragraphs: [
          "For example: the goal is to resolve 90% of tickets within two working days, up from 60%. The early win is 70% in the first two weeks, with the new triage checklist in use.",
        ],
        bullets: [
          "Make the first milestone small and due within about two weeks of the start.",
          "Choose something the person controls, not something that depends on luck or on others.",
          "Make it measurable, so there is no doubt when it has been reached.",
          "Make it a real step toward the goal, not a token task.",
        ],
      },
      {
        heading: "When it is reached",
        paragraphs: [
          "Say so at the next check-in, first, before anything else. Be specific: “You got to 72% in two weeks. Sorting the urgent tickets first every morning made the difference.” Specific praise tells the person what to keep doing.",
          "Write it in the check-in notes, so that it is part of the record just as the shortfalls were. The employee can log it as an achievement too.",
        ],
      },
      {
        heading: "What not to do",
        paragraphs: [],
        bullets: [
          "Don't follow the praise with “but” and a list of what is still wrong. Keep that for later in the conversation.",
          "Don't move the goalposts: a milestone reached is reached.",
          "Don't treat the early win as the end. It is the first step, and the support stays in place.",
        ],
      },
      {
        heading: "If the early win was missed",
        paragraphs: [
          "Treat it as information, not as failure. Ask what got in the way: the milestone may have been too ambitious, the support may not have arrived, or there may be a cause you have not found yet.",
          "Adjust the plan openly if it needs it. Changes are versioned and the employee sees each one.",
        ],
      },
    ],
    related: ["when-confidence-falls"],
  },
  {
    slug: "when-confidence-falls",
    title: "When confidence falls",
    summary:
      "At each check-in the employee rates their confidence. A drop is an early warning: ask what is in the way, and add support before results fall too.",
    sections: [
      {
        heading: "What the rating tells you",
        paragraphs: [
          "At every check-in the employee rates, from 1 to 5, how confident they are of reaching the goals. Confidence usually falls before results do, so a drop is the earliest sign that the plan is not working for them.",
        ],
      },
      {
        heading: "When Headway points it out",
        paragraphs: [
          "One low rating is not a crisis. A downward trend is a prompt to act now, not at the end of the plan.",
        ],
        bullets: [
          "Confidence fell between the last two check-ins.",
          "Confidence dropped by two points or more and has not come back up.",
        ],
      },
      {
        heading: "Ask first",
        paragraphs: [
          "Before adding anything, ask. The person knows better than anyone what is getting in the way.",
        ],
        bullets: [
          "“Your confidence went from 4 to 2. What changed?”",
          "“What is the hardest part right now?”",
          "“What would make the next two weeks easier?”",
          "“Is anything outside work making this harder? You don't need to tell me the details.”",
        ],
      },
      {
        heading: "Then add support",
        paragraphs: [
          "Match the support to what you heard, and add it to the goal as a resource: then it is on the record, and you have committed to delivering it.",
        ],
        bullets: [
          "Time: protected hours for learning or practice.",
          "A mentor: someone who does this work well, outside your reporting line.",
          "Training: a course or workshop from the catalogue for the specific skill.",
          "Tools: access, equipment or a fix to a process.",
          "A lighter load: a demand you lower while the person improves, written down as such.",
        ],
      },
      {
        heading: "Follow through",
        paragraphs: [
          "At the next check-in, record whether the support was delivered. Support promised but not given is the most common way a fair plan turns unfair.",
          "If confidence keeps falling despite real support, talk to HR. The goals, the timeline or the tool itself may need to change.",
        ],
      },
    ],
    related: ["early-wins", "diagnostic-conversation"],
  },
  {
    slug: "diagnostic-conversation",
    title: "Running the diagnostic conversation",
    summary:
      "Before writing goals, find out why the standard is not being met. How to hold the conversation, and the questions to ask for each root cause.",
    sections: [
      {
        heading: "Why diagnose first",
        paragraphs: [
          "The same shortfall can have very different causes. Missed deadlines can come from unclear priorities, a missing skill, too much work, a broken tool or something at home. A plan that treats the wrong cause fails, however well it is written.",
          "The diagnosis decides which resources go with each goal, and sometimes shows that a plan is not needed at all.",
        ],
      },
      {
        heading: "Set up the conversation",
        paragraphs: [],
        bullets: [
          "Meet in private, in a normal 1:1 slot, with enough time. Forty-five minutes is usually right.",
          "Say plainly at the start why you are meeting: the standard, what you have seen, and that you want to understand before deciding anything.",
          "Ask more than you tell. Aim for the person to do most of the talking.",
          "Tell the person what you are writing down. Their own answers are only recorded with their consent.",
        ],
      },
      {
        heading: "The causes to explore",
        paragraphs: [
          "Headway's diagnostic guide covers eight common causes, each with questions to ask and signs to look for. A question to open each one:",
        ],
        bullets: [
          "Unclear expectations: “What do you understand good to look like here?”",
          "Skill: “Which parts of this feel hardest? Where did you learn to do them?”",
          "Overload: “Walk me through last week. What got squeezed out?”",
          "Tools and resources: “What slows you down that shouldn't?”",
          "Motivation: “Which parts of the job do you enjoy? Has that changed?”",
          "A personal or health matter: “Is anything outside work affecting this? You don't need to share details; I'd like to know if support would help.”",
          "The relationship with your manager: “Is there anything about how I manage you that makes this harder?”",
          "Process: “Where does the work get stuck between people or teams?”",
        ],
      },
      {
        heading: "Listen well",
        paragraphs: [],
        bullets: [
          "Let silences run. The useful answer often comes second.",
          "Reflect back what you heard before moving on: “So priorities change mid-sprint, and you're never sure which comes first?”",
          "Don't argue with the person's account in this conversation. You are gathering, not judging.",
          "Notice what you may be contributing. If the cause is the relationship with you, say so, and involve HR.",
        ],
      },
      {
        heading: "After the conversation",
        paragraphs: [
          "Choose the causes that fit, together with the person if you can. The guide then suggests the resources and demand changes that usually help: a course for a skill gap, a lighter load for overload, a written standard for unclear expectations. It also offers matching items from the catalogue, which become the resources on each goal.",
          "If the cause is something a plan cannot fix, such as a broken process or a missing tool, fix that instead.",
        ],
      },
      {
        heading: "An example",
        paragraphs: [
          "Sam resolves support tickets in five days on average, against a standard of two. In the conversation Sam explains that the billing tool times out, and every billing ticket needs a workaround from another team.",
          "The cause is a tool and a process, not Sam's skill. The right answer is to fix the tool access and the hand-off between teams, probably with no plan at all.",
        ],
      },
    ],
    related: ["reformers-trap", "coaching-comes-first"],
  },
  {
    slug: "when-someone-wont-engage",
    title: "When someone won't engage",
    summary:
      "Sometimes a person does not take part in their plan, even with support. Talk first, check your side, and let the record show both honestly.",
    sections: [
      {
        heading: "The signals",
        paragraphs: [
          "Headway looks for signs that a plan is not being taken up, and shows them to the manager and to HR. A signal is a reason to talk, not a conclusion. Acknowledging a plan only confirms it was received, not that it is agreed.",
        ],
        bullets: [
          "The plan was not acknowledged within 5 working days of being issued.",
          "Check-ins were missed.",
          "The employee has no action items of their own.",
          "Clarifications or support were offered and never taken up.",
        ],
      },
      {
        heading: "Talk first",
        paragraphs: [
          "Before anything else, talk about the signals themselves. Not engaging is often a symptom: the person may feel the outcome is already decided, may be overwhelmed or unwell, or may disagree with the evidence and not know how to say so.",
          "Afterwards, record that you talked and when. Headway keeps it on the plan's record.",
        ],
        bullets: [
          "“I noticed you haven't acknowledged the plan yet. What's on your mind about it?”",
          "“We've missed two check-ins. Is the time not working, or is something else going on?”",
          "“You can answer every part of the plan, including the evidence. Would it help to start there?”",
        ],
      },
      {
        heading: "Check your side",
        paragraphs: [
          "Before concluding that someone won't engage, look at what they were offered.",
        ],
        bullets: [
          "Was the support on each goal actually delivered, or only promised?",
          "Were check-ins held when scheduled, by you as well?",
          "Did the person know how to ask for a clarification or for support?",
          "Has the person raised a concern about the plan or about you? If so, HR must be involved.",
        ],
      },
      {
        heading: "Involve HR",
        paragraphs: [
          "HR sees the engagement signals for plans in their scope. If talking has not helped, ask HR to join: a third person can restart a conversation that has stalled, and can check that the plan is fair.",
          "The employee can also write to HR in confidence at any time.",
        ],
      },
      {
        heading: "Close honestly",
        paragraphs: [
          "If someone does not engage even with real support, the plan can close with that documented. The record shows, side by side, the support offered and delivered and the engagement that was missing, so the outcome is honest, and the employee's own account stays part of it.",
          "Write the closing reflection the way you write evidence: what happened, not what you think of the person.",
        ],
      },
    ],
    related: ["when-confidence-falls", "diagnostic-conversation"],
  },
];

export function findCard(id: string): GuidanceCard | null {
  return guidanceCards.find((c) => c.id === id) ?? null;
}

export function findArticle(slug: string): HandbookArticle | null {
  return handbookArticles.find((a) => a.slug === slug) ?? null;
}
