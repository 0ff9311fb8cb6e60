import { type CauseKind, labels, type ResourceKind } from "../plans/plans.types.js";

// The manager's diagnostic guide: the conversation to have before any goal is written (see
// docs/domain: "A root-cause diagnosis comes first"). Written by the team in plain language; it
// is product, not configuration. Question ids are stable: recorded notes and answers are keyed
// by them, so a question may be reworded but its id never reused for a different question.

export type GuideQuestion = {
  /** Stable: "<cause>.q<n>"; notes and the employee's answers are keyed by it. */
  id: string;
  text: string;
  /** What to listen for in the answer. */
  listenFor: string;
};

export type GuideResource = {
  kind: ResourceKind;
  /** What it looks like in practice. */
  text: string;
};

export type CauseGuide = {
  cause: CauseKind;
  label: string;
  summary: string;
  questions: GuideQuestion[];
  signs: string[];
  resources: GuideResource[];
  /** Hints for searching L&D's catalogue: skill tags and words to look for. */
  catalogue: { skills: string[]; keywords: string[] };
  demandChanges: string[];
  /** Said once, where getting this cause wrong does harm. */
  caution: string | null;
};

export type DiagnosticGuide = {
  opening: {
    title: string;
    paragraphs: string[];
    /** How to open, step by step. */
    steps: string[];
    stances: { key: "regulator" | "reformer" | "nice"; title: string; text: string }[];
  };
  consent: { title: string; text: string; declineNote: string };
  causes: CauseGuide[];
  /** Asked at the end of every conversation, whatever the causes. */
  closing: { title: string; questions: GuideQuestion[] };
  afterwards: string[];
};

const causes: CauseGuide[] = [
  {
    cause: "unclear_expectations",
    label: labels.cause.unclear_expectations,
    summary:
      "The person does not know — or understands differently from you — what good looks like: which work matters most, to what standard, by when. It is the most common cause and the cheapest to fix, and it is often the manager's part: a standard that was never written down, that changed without anyone saying so, or that lives only in your head. Check this one first, before concluding anything else.",
    questions: [
      {
        id: "unclear_expectations.q1",
        text: "In your own words, what are the most important things you are expected to deliver right now?",
        listenFor:
          "Whether their list matches yours. A different order of priorities is a finding in itself, not a failing.",
      },
      {
        id: "unclear_expectations.q2",
        text: "How do you know when a piece of your work is good enough? Who or what tells you?",
        listenFor:
          "Whether they have a standard to check their work against, or only find out afterwards, from a reaction.",
      },
      {
        id: "unclear_expectations.q3",
        text: "When two things compete for your time, how do you decide which comes first?",
        listenFor: "A rule that differs from yours, or guessing.",
      },
      {
        id: "unclear_expectations.q4",
        text: "Has what is expected of you changed lately — a new role, team, tool or way of working? How did you hear about it?",
        listenFor: "A change that was announced once, in passing, or not at all.",
      },
      {
        id: "unclear_expectations.q5",
        text: "Is there anything I have asked of you that seemed unclear or contradictory?",
        listenFor:
          "Give them room to point at you, and thank them when they do: this is the answer you most need.",
      },
      {
        id: "unclear_expectations.q6",
        text: "Where have you seen the standard written down — a role description, a ticket, an example, feedback from me?",
        listenFor: "If neither of you can point to it, it has not been set yet.",
      },
    ],
    signs: [
      "They work hard, but on the wrong things, or to a different standard from the one you have in mind.",
      "They are surprised when you describe the gap: “nobody told me that”.",
      "Several people give them instructions, or the direction changed recently.",
      "The standard exists only as “you know it when you see it”: nothing written, no example of good work.",
      "Work is sent back after review again and again, each time for a new reason.",
      "They are new to the role, the team or the company, or the team was recently reorganised.",
    ],
    resources: [
      {
        kind: "coaching",
        text: "Your time: a session to walk through the standard together, with examples of good work.",
      },
      {
        kind: "training",
        text: "A written description of what good looks like — a checklist, a template, an internal guide.",
      },
      {
        kind: "mentor",
        text: "A colleague who does this work well, to show how it is done in practice.",
      },
    ],
    catalogue: {
      skills: ["prioritisation", "planning"],
      keywords: ["expectations", "role clarity", "onboarding", "checklist", "standards"],
    },
    demandChanges: [
      "Agree the top three priorities in writing and look at them again in every 1:1.",
      "Let one person give the instructions: route requests through you until the priorities are clear.",
      "Pause new assignments for a week while the standard is written down together.",
      "Review early drafts, not only finished work, so that a misunderstanding shows early.",
    ],
    caution:
      "If the standard was never written down, write it down now and give it time to work before anything else: clarity is kindness. A plan against a standard the person never knew is unfair.",
  },
  {
    cause: "skill",
    label: labels.cause.skill,
    summary:
      "The person knows what is expected and wants to do it, but does not yet know how: a technique, a tool, knowledge of the domain, or experience they have not had the chance to build. It is common after a change of role, technology or scope. The remedy is learning, with time set aside to learn — not pressure. Name the specific skill (“writing SQL reports”, “running a client meeting”), never “be better at the job”.",
    questions: [
      {
        id: "skill.q1",
        text: "Which parts of your work feel easy, and which feel hard or slow?",
        listenFor: "A narrow area of difficulty inside otherwise good work.",
      },
      {
        id: "skill.q2",
        text: "Walk me through a recent piece of work that was hard. Where did you get stuck?",
        listenFor: "The exact step where it goes wrong: that is the skill to build.",
      },
      {
        id: "skill.q3",
        text: "When you get stuck, what do you do? Who do you ask?",
        listenFor:
          "Whether help is within reach, and whether asking feels safe or like admitting failure.",
      },
      {
        id: "skill.q4",
        text: "Have you done this kind of work before, somewhere else or in another form?",
        listenFor: "Experience that transfers, and what is genuinely new to them.",
      },
      {
        id: "skill.q5",
        text: "What do you think you would need to learn to do this well? How do you learn best — a course, working alongside someone, reading, practice?",
        listenFor: "Their own sense of the gap, and the kind of resource that will actually work.",
      },
      {
        id: "skill.q6",
        text: "Realistically, how much time in a week could you give to learning?",
        listenFor:
          "Whether learning would only happen in the evenings. If so, time has to be made in the working week.",
      },
    ],
    signs: [
      "Good results on familiar tasks, trouble with one particular kind of task.",
      "Much effort — long hours, many attempts — and a result still short of the standard.",
      "Certain tasks are avoided, delayed or quietly handed to colleagues.",
      "The same kind of mistake comes back, even after clear feedback.",
      "Something changed recently: a new technology, tool, scope or role.",
      "Many questions about one topic — or none at all, for fear of looking incompetent.",
    ],
    resources: [
      {
        kind: "training",
        text: "A course or workshop on the specific skill, from L&D's catalogue.",
      },
      {
        kind: "mentor",
        text: "A mentor who has the skill, outside the person's reporting line.",
      },
      {
        kind: "time",
        text: "Protected learning hours in the working week, written into the plan.",
      },
      {
        kind: "coaching",
        text: "Working through real tasks together, with feedback as they go.",
      },
    ],
    catalogue: {
      skills: [],
      keywords: ["course", "workshop", "fundamentals", "hands-on practice"],
    },
    demandChanges: [
      "Set aside learning time — for example two to four hours a week — taken off their usual work.",
      "Lower the volume of the hard task while they learn, then raise it step by step.",
      "Pair them with someone on the hard tasks for a few weeks before they do them alone.",
      "Review their work earlier and more often, as teaching rather than judgement.",
    ],
    caution: null,
  },
  {
    cause: "overload",
    label: labels.cause.overload,
    summary:
      "There is more work than one person can do well in the time there is, or it arrives so fragmented that nothing gets finished. Quality and deadlines slip not for lack of skill or will, but for lack of hours. Overload usually grows quietly: a colleague left, a project was added, nothing was taken away. Goals added without removing work make it worse.",
    questions: [
      {
        id: "overload.q1",
        text: "Talk me through a typical week. Where does your time go?",
        listenFor:
          "Work you did not know about, and how much of the week is left for the core job.",
      },
      {
        id: "overload.q2",
        text: "What is on your plate right now — all of it, including what others may not see?",
        listenFor: "Invisible work: helping colleagues, support requests, covering for someone.",
      },
      {
        id: "overload.q3",
        text: "What would you drop or postpone if you could?",
        listenFor: "Where the room is. Their answer is often the first demand change to make.",
      },
      {
        id: "overload.q4",
        text: "How often are you interrupted or pulled onto something urgent? By whom?",
        listenFor: "Fragmentation, and who causes it — sometimes you.",
      },
      {
        id: "overload.q5",
        text: "Are you working evenings or weekends to keep up? Since when?",
        listenFor: "How long it has gone on: long overload turns into exhaustion.",
      },
      {
        id: "overload.q6",
        text: "When did it start to feel like too much? What changed then?",
        listenFor: "The moment the load grew: a departure, a new project, a new process.",
      },
    ],
    signs: [
      "Long hours, messages late at night, leave not taken.",
      "Quality slipped across many kinds of task at once, not in one.",
      "Deadlines missed by a little, often, rather than badly once.",
      "The load grew: a colleague left, a project was added, work arrived from another team.",
      "Tiredness or irritability; dropping the meetings and extras they used to enjoy.",
      "They say yes to everything — or have stopped raising concerns at all.",
    ],
    resources: [
      {
        kind: "reduced_demand",
        text: "Work taken off their plate, named in writing: the project, the task or the share that moves.",
      },
      {
        kind: "time",
        text: "Deadlines moved to what the people available can actually deliver.",
      },
      {
        kind: "tool",
        text: "Automation or a tool that removes repetitive work.",
      },
      {
        kind: "coaching",
        text: "Help with prioritising and saying no, with you backing the no.",
      },
    ],
    catalogue: {
      skills: ["prioritisation", "time management", "delegation"],
      keywords: ["workload", "prioritisation", "planning", "automation"],
    },
    demandChanges: [
      "Take named work off their plate, in writing: which project, task or share moves to whom.",
      "Agree an order of priorities, and what may slip when something urgent arrives.",
      "Shield them from ad-hoc requests: route them through you.",
      "Move deadlines that cannot be met with the people available.",
      "Limit work in progress: finish before starting anything new.",
    ],
    caution:
      "Overload is a finding about the work, not about the person. If it is the main cause, reduce the load first; a success plan on top of it is the wrong tool.",
  },
  {
    cause: "tools_or_resources",
    label: labels.cause.tools_or_resources,
    summary:
      "The person lacks what the job needs: equipment, software, access, information, budget, or help from others that was promised and does not arrive. Like overload, the cause sits outside the person, and it is often the quickest to fix — usually by you.",
    questions: [
      {
        id: "tools_or_resources.q1",
        text: "What slows you down most in an ordinary day?",
        listenFor: "Waiting, workarounds and hand-offs, more than effort.",
      },
      {
        id: "tools_or_resources.q2",
        text: "Is there anything you need for your job that you do not have — access, equipment, software, information, budget?",
        listenFor: "Concrete items with a name, each of which can get an owner and a date.",
      },
      {
        id: "tools_or_resources.q3",
        text: "Is there anyone you depend on who does not deliver in time? What happens then?",
        listenFor: "Dependencies outside their control that their results are being judged on.",
      },
      {
        id: "tools_or_resources.q4",
        text: "Where do you spend time on workarounds?",
        listenFor: "Manual copying, spreadsheets, borrowed logins: the cost of a missing tool.",
      },
      {
        id: "tools_or_resources.q5",
        text: "Have you asked for something and not got it? What happened?",
        listenFor: "Requests that stalled — check whether any were made to you.",
      },
    ],
    signs: [
      "Waiting: tickets for access, approvals, answers from other teams.",
      "Workarounds: spreadsheets, manual copying, shared logins.",
      "Colleagues with better equipment or access produce more on the same work.",
      "Problems cluster around one system, machine or hand-over.",
      "Requests for equipment or access in earlier 1:1s that were never followed up.",
    ],
    resources: [
      {
        kind: "tool",
        text: "The missing equipment, software or access, with an owner and a date.",
      },
      {
        kind: "training",
        text: "An internal guide or a short training on the tool, once it is there.",
      },
      {
        kind: "reduced_demand",
        text: "A lower target for what depends on the missing tool until it arrives.",
      },
    ],
    catalogue: {
      skills: [],
      keywords: ["tool", "software", "access", "equipment", "internal guide"],
    },
    demandChanges: [
      "Until the tool or access arrives, lower the target that depends on it.",
      "Count time lost waiting on others as blocked time, not as theirs.",
      "Give each missing item an owner and a date — often that owner is you.",
    ],
    caution: null,
  },
  {
    cause: "motivation",
    label: labels.cause.motivation,
    summary:
      "The person can do the work and has what they need, but the drive has gone: the work feels pointless, unrecognised, stuck, or no longer theirs. Low motivation is rarely laziness; it usually has a reason — no growth, no recognition, no say, a role that drifted away from what they are good at, or a disappointment such as a missed promotion or a broken promise. Ask what changed. Never write “be more motivated” as a goal: it targets a person, not work.",
    questions: [
      {
        id: "motivation.q1",
        text: "Which parts of your work do you enjoy most? Which drain you?",
        listenFor: "Where the energy still is: work to give more of.",
      },
      {
        id: "motivation.q2",
        text: "When did you last feel really good about something you did here?",
        listenFor: "How long ago, and what made it good.",
      },
      {
        id: "motivation.q3",
        text: "How has your work changed over the past year? Is it still the job you wanted?",
        listenFor: "A role that drifted, or a promise that was not kept.",
      },
      {
        id: "motivation.q4",
        text: "Where would you like to be in a year or two? Does your work now help you get there?",
        listenFor: "A future they can see in this job — or cannot.",
      },
      {
        id: "motivation.q5",
        text: "Do you feel your work is noticed? By whom?",
        listenFor: "Recognition that is missing, including from you.",
      },
      {
        id: "motivation.q6",
        text: "What would make you look forward to Monday again?",
        listenFor: "Their own idea of the remedy. It is often small.",
      },
    ],
    signs: [
      "Performance dropped after being good: the skill is clearly there.",
      "Doing the minimum; no longer offering ideas or help.",
      "A recent disappointment: a missed promotion, a turned-down proposal, a reorganisation, a new manager.",
      "Cynical remarks about the work, the team or the company.",
      "Engaged in some kinds of work and absent in others.",
    ],
    resources: [
      {
        kind: "coaching",
        text: "Regular career conversations: where they want to go and what would help.",
      },
      {
        kind: "mentor",
        text: "A mentor who has walked the path they are interested in.",
      },
      {
        kind: "training",
        text: "Learning towards what they want to do next, not only what they lack.",
      },
    ],
    catalogue: {
      skills: ["career development"],
      keywords: ["career", "growth", "coaching", "leadership"],
    },
    demandChanges: [
      "Give them ownership of one piece of work, end to end, with a visible result.",
      "Trade some routine tasks for work closer to their strengths or goals.",
      "Recognise progress explicitly and early: the early win is for them too.",
      "Agree a growth goal alongside the plan, so it looks forward as well as back.",
    ],
    caution:
      "Withdrawal and low energy can also be signs of a personal or health matter. If it may be that, do not diagnose: offer support and bring in HR.",
  },
  {
    cause: "personal_or_health",
    label: labels.cause.personal_or_health,
    summary:
      "Something outside work, or beyond it, is taking the person's energy: their physical or mental health, caring for someone, a bereavement, a separation, money or housing. You are not their doctor or counsellor and you do not need the details: the person decides what to share. Your part is to notice, to make it safe to say, and to connect them with support — HR, occupational health, an employee assistance programme, leave, adjustments. While a health matter is being addressed a performance plan is often the wrong tool: talk to HR before going further.",
    questions: [
      {
        id: "personal_or_health.q1",
        text: "How are you doing — in general, not only at work?",
        listenFor: "Ask it as a real question, and wait for the answer.",
      },
      {
        id: "personal_or_health.q2",
        text: "Is anything outside work making things harder at the moment? You do not need to tell me what it is.",
        listenFor: "Permission to say “yes” without saying more. Do not probe.",
      },
      {
        id: "personal_or_health.q3",
        text: "Is there anything about how, when or where you work that would make things easier for a while?",
        listenFor: "Adjustments they would find useful: hours, place, load, deadlines.",
      },
      {
        id: "personal_or_health.q4",
        text: "Would it help to talk to someone in HR or occupational health, or to the employee assistance programme? I can arrange it.",
        listenFor: "Whether they want you to make the first call.",
      },
      {
        id: "personal_or_health.q5",
        text: "Is there anything you would like me to keep in mind — or anything you would rather I did not write down?",
        listenFor: "What stays out of the record. Respect it.",
      },
    ],
    signs: [
      "A sudden change in someone who was doing well: mood, attendance, punctuality, care with the work.",
      "More absences, often short, or on particular days.",
      "Tiredness, trouble concentrating, forgetting things they used to handle easily.",
      "They mention caring for someone, a move, a loss or a hard time, even in passing.",
      "Withdrawing from colleagues; avoiding calls or the social side of work.",
    ],
    resources: [
      {
        kind: "time",
        text: "Flexible hours, or time off for appointments or care, for an agreed period.",
      },
      {
        kind: "reduced_demand",
        text: "A lighter load for a while, agreed with HR and reviewed together.",
      },
      {
        kind: "coaching",
        text: "Support through HR: occupational health, counselling or the employee assistance programme.",
      },
      {
        kind: "tool",
        text: "Adjustments to equipment or workplace, where a health matter calls for them.",
      },
    ],
    catalogue: {
      skills: [],
      keywords: ["wellbeing", "employee assistance", "occupational health", "resilience"],
    },
    demandChanges: [
      "Reduce hours or load for a set period, agreed with HR.",
      "Allow flexible hours or place of work for a set period, then review it together.",
      "Move deadlines that clash with treatment, care or leave.",
      "Hold any formal plan until the support is in place (talk to HR first).",
    ],
    caution:
      "Write down only what the person agrees to. Never record a diagnosis or medical details: “a health matter; support arranged with HR” is enough.",
  },
  {
    cause: "relationship_with_manager",
    label: labels.cause.relationship_with_manager,
    summary:
      "The working relationship between the person and their manager has gone wrong: trust is low, communication has broken down, feedback lands as an attack, 1:1s are tense, rare or cancelled. This cause includes you, which makes it the hardest to see and the most important to ask about. If it is part of the picture, bring in HR or another manager as a neutral party: a plan written inside a broken relationship is easily experienced — and sometimes meant — as retaliation.",
    questions: [
      {
        id: "relationship_with_manager.q1",
        text: "How do you find working with me? What works, and what does not?",
        listenFor: "Ask it plainly and do not defend yourself: just listen and note it.",
      },
      {
        id: "relationship_with_manager.q2",
        text: "What could I do differently that would help you do your best work?",
        listenFor: "Something concrete you can start this week.",
      },
      {
        id: "relationship_with_manager.q3",
        text: "Do you feel you can bring a problem or a mistake to me early? What makes that harder?",
        listenFor: "Whether bad news reaches you late, and why.",
      },
      {
        id: "relationship_with_manager.q4",
        text: "How useful are our 1:1s to you? How often do they actually happen?",
        listenFor: "Cancellations and rushed meetings that you may not have noticed.",
      },
      {
        id: "relationship_with_manager.q5",
        text: "When I give you feedback, how does it land?",
        listenFor: "Feedback heard as personal, vague or unfair.",
      },
      {
        id: "relationship_with_manager.q6",
        text: "Would you rather talk about some of this with someone else present — HR, or another manager?",
        listenFor: "A yes is an answer, not an accusation: arrange it.",
      },
    ],
    signs: [
      "Your 1:1s with them were often cancelled or cut short (check the record).",
      "Tension, short answers or silence in conversations with you, but not with others.",
      "They do well with other people or teams, and struggle with you.",
      "They raised a concern or a complaint, or asked for a transfer.",
      "You notice you judge their work more harshly than others', or that you avoid them.",
    ],
    resources: [
      {
        kind: "mentor",
        text: "A mentor outside your reporting line, who they can speak to freely.",
      },
      {
        kind: "coaching",
        text: "Coaching or a facilitated conversation with HR — for you as much as for them.",
      },
      {
        kind: "training",
        text: "Training on giving and receiving feedback, for either of you.",
      },
    ],
    catalogue: {
      skills: ["feedback", "communication"],
      keywords: ["feedback", "communication", "difficult conversations", "mediation"],
    },
    demandChanges: [
      "Hold the 1:1s, every time: restore a steady rhythm before judging results.",
      "Bring HR or another manager into the plan's check-ins as a neutral party.",
      "Agree how feedback will be given: in writing, specific, about the work, with examples.",
      "Give them a mentor outside your reporting line.",
    ],
    caution:
      "If they have recently raised a complaint or asked for a promotion, transfer, leave or an accommodation, talk to HR before any plan: the timing alone can make it retaliation.",
  },
  {
    cause: "process",
    label: labels.cause.process,
    summary:
      "The way the work is organised makes good performance hard for anyone in the role: unclear hand-offs, approvals that take weeks, conflicting targets, a workflow built for a different volume, steps nobody owns. The test: would a strong colleague in the same seat struggle too? If so, fix the process before asking more of the person.",
    questions: [
      {
        id: "process.q1",
        text: "Where does your work get stuck between you and others?",
        listenFor: "Hand-offs and queues, rather than their own steps.",
      },
      {
        id: "process.q2",
        text: "Which steps in how we do this seem to make no sense, or only add delay?",
        listenFor: "Steps that exist for a reason nobody remembers.",
      },
      {
        id: "process.q3",
        text: "When things conflict, who decides? Do you know who that is?",
        listenFor: "Decisions with no owner, which land on them by default.",
      },
      {
        id: "process.q4",
        text: "Do others in similar roles run into the same problems?",
        listenFor: "The same trouble across the team points to the process.",
      },
      {
        id: "process.q5",
        text: "If you could change one thing about how this work is organised, what would it be?",
        listenFor: "Their fix: the people doing the work often know it best.",
      },
    ],
    signs: [
      "Others in the same role show the same problems.",
      "Delays sit at hand-offs, approvals or queues, not in their own work.",
      "Targets or instructions from different people conflict.",
      "Rework because requirements change half-way or arrive incomplete.",
      "Nobody can say who owns a step.",
    ],
    resources: [
      {
        kind: "tool",
        text: "A fix to the workflow or the tool behind it, with an owner and a date.",
      },
      {
        kind: "training",
        text: "A written hand-off or process guide everyone involved agrees to.",
      },
      {
        kind: "reduced_demand",
        text: "Targets adjusted until the process is repaired.",
      },
    ],
    catalogue: {
      skills: ["process improvement"],
      keywords: ["process", "workflow", "hand-off", "documentation"],
    },
    demandChanges: [
      "Measure them only on what they control: take blocked steps out of the goal's metric.",
      "Fix or escalate the process problem yourself, with a named owner and a date.",
      "Write the hand-off down: who delivers what to whom, by when.",
      "Adjust targets until the process is repaired.",
    ],
    caution:
      "If the process is the cause, a success plan for the person is the wrong tool: fix the process, and look again.",
  },
];

export const diagnosticGuide: DiagnosticGuide = {
  opening: {
    title: "Before you start: a conversation, not a verdict",
    paragraphs: [
      "This conversation is for finding out what is getting in the way, before anyone writes a goal. Go in curious. You are looking for causes, not for someone to blame — and often the cause lies partly in the work, the tools, the load or in how the person has been managed, not only in the person.",
      "Use the questions as a menu, not a script: pick the ones that fit, ask one at a time, and let silences be. Write down what you hear, in their words where you can, not your interpretation of it. What you note here, they will read once you complete the conversation.",
      "Their own answers are recorded only if they agree. Read them the consent text before you write any of their words down.",
    ],
    steps: [
      "Book time for it — 45 minutes to an hour, somewhere private — and tell them beforehand what it is about.",
      "Open with the facts you have seen, briefly and without adjectives: what happened, and its impact.",
      "Say what you want: “Before we decide anything, I want to understand what is getting in the way, and what would help.”",
      "Ask, listen, and note. Explore the causes that seem to fit; it is fine if several do.",
      "Close by agreeing what happens next: what you will look into, what you will change, and when you will talk again.",
    ],
    stances: [
      {
        key: "regulator",
        title: "Be the regulator",
        text: "A regulator keeps a system working: looks at the whole of it — the work, the tools, the load, the relationship — adjusts what is within reach, and holds the standard steady. That is your role here: find what is in the way and remove it, while being honest about the standard.",
      },
      {
        key: "reformer",
        title: "Avoid the reformer's trap: the police officer",
        text: "The police officer wants to catch and correct. Every question turns into an accusation, the plan becomes a list of prohibitions (“stop…”, “don't…”), and the person defends themselves instead of telling you what is going on. If you catch yourself collecting proof, stop, and ask a real question.",
      },
      {
        key: "nice",
        title: "Avoid the nice trap: too kind to name the standard",
        text: "Softening the message until it disappears leaves the person thinking all is well, and surprised later. Clarity is kindness: say plainly what is expected and where things stand, then get curious about why.",
      },
    ],
  },
  consent: {
    title: "Recording their answers: ask first",
    text: "I would like to write down some of your answers in your own words, so that what we decide rests on what you told me and not only on my notes. It is your choice. If you agree, your answers are stored encrypted, and only you, me and the HR partners covering your department can read them — not other managers and not your colleagues. You can read everything I record once we complete this conversation. If we settle on causes and there is a plan, the names of the causes may go into it; your answers are not copied there. You can say no now, or change your mind later — then your answers are deleted, and once the conversation is completed you can delete them yourself. Saying no changes nothing about how you are treated. You do not need to share health details: “a personal or health matter” is enough, and we can involve HR or occupational health if you would like.",
    declineNote:
      "If they say no, that is the end of it: keep only your own notes, and do not write their words down.",
  },
  causes,
  closing: {
    title: "To close every conversation",
    questions: [
      {
        id: "closing.q1",
        text: "Of everything we have talked about, what gets in your way the most?",
        listenFor: "Their ranking, which may differ from yours.",
      },
      {
        id: "closing.q2",
        text: "What is the one thing that would help most in the next two weeks?",
        listenFor: "The first resource to commit to, and a candidate for the early win.",
      },
      {
        id: "closing.q3",
        text: "What do you need from me?",
        listenFor: "Your own commitments. Write them down and keep them.",
      },
      {
        id: "closing.q4",
        text: "Is there anything we have not talked about that matters?",
        listenFor: "The cause nobody asked about.",
      },
    ],
  },
  afterwards: [
    "Choose the causes you both recognise; it is fine if there is more than one.",
    "For each, decide on the resources you will commit and the demands you will lower meanwhile — these become the resources on the plan's goals.",
    "If the causes sit mostly outside the person (overload, missing tools, a broken process), fix those first: a plan may be the wrong tool.",
    "If a personal or health matter or the relationship with you is part of it, talk to HR before going further.",
  ],
};

/** Every question in the guide by id: the causes' questions and the closing questions. */
export const guideQuestions: ReadonlyMap<string, { cause: CauseKind | null; text: string }> =
  new Map([
    ...causes.flatMap((c) =>
      c.questions.map((q) => [q.id, { cause: c.cause as CauseKind | null, text: q.text }] as const),
    ),
    ...diagnosticGuide.closing.questions.map(
      (q) => [q.id, { cause: null as CauseKind | null, text: q.text }] as const,
    ),
  ]);

export const causeGuide = (cause: CauseKind): CauseGuide => causes.find((c) => c.cause === cause)!;
