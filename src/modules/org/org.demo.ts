import type { GrantedRole } from "../../access/access.types.js";
import type { CatalogueFormat, CatalogueKind } from "../catalogue/catalogue.types.js";
import type { CauseKind } from "../plans/plans.types.js";
import { toCsv } from "./org.csv.js";

// The demo organisation: a fictional company of 41 people whose reports include the situations
// coaching and success plans exist for. Pure data and a pure CSV renderer; `headway demo` runs
// the CSV through the ordinary import, so re-running it matches everyone by employee id.

export const DEMO_ORG_NAME = "Brightwater";
export const DEMO_DOMAIN = "brightwater.example";
export const DEMO_PASSWORD = "headway-demo-password";

export type DemoSituationKind =
  | "missed_deadlines"
  | "customer_friction"
  | "new_technology"
  | "new_hire"
  | "ready_to_grow";

/** What a person is going through, for later modules (coaching, success plans) to seed from. */
export type DemoSituation = { kind: DemoSituationKind; summary: string };

export const situationLabels: Record<DemoSituationKind, string> = {
  missed_deadlines: "missed deadlines",
  customer_friction: "friction with customers",
  new_technology: "a new technology to learn",
  new_hire: "new hire",
  ready_to_grow: "ready to grow",
};

export type DemoPerson = {
  employeeId: string;
  name: string;
  /** The part of the email before the @; the domain is DEMO_DOMAIN. */
  emailLocal: string;
  title: string;
  department: "Operations" | "Customer Support" | "Engineering" | "Sales";
  location: string;
  /** A fixed date, or days before the demo's anchor date (recent hires stay recent on the first run). */
  hired: string | { daysAgo: number };
  managerId: string | null;
  roles?: GrantedRole[];
  /** HR partners: "all", or the departments they cover. */
  hrScope?: "all" | string[];
  demographics: { gender?: string; age_band?: string };
  situation?: DemoSituation;
};

export const demoPeople: readonly DemoPerson[] = [
  // Operations: the CEO, HR, L&D and the admin.
  {
    employeeId: "BW-1001",
    name: "Helen Marsh",
    emailLocal: "helen.marsh",
    title: "Chief Executive Officer",
    department: "Operations",
    location: "London",
    hired: "2014-03-03",
    managerId: null,
    demographics: { gender: "woman", age_band: "45-54" },
  },
  {
    employeeId: "BW-1002",
    name: "Priya Raman",
    emailLocal: "priya.raman",
    title: "Head of People",
    department: "Operations",
    location: "London",
    hired: "2016-09-12",
    managerId: "BW-1001",
    roles: ["hr"],
    hrScope: "all",
    demographics: { gender: "woman", age_band: "35-44" },
  },
  {
    employeeId: "BW-1003",
    name: "Tomás Ferreira",
    emailLocal: "tomas.ferreira",
    title: "HR Business Partner, Engineering",
    department: "Operations",
    location: "Lisbon",
    hired: "2020-02-17",
    managerId: "BW-1002",
    roles: ["hr"],
    hrScope: ["Engineering"],
    demographics: { gender: "man", age_band: "35-44" },
  },
  {
    employeeId: "BW-1004",
    name: "Grace Okonkwo",
    emailLocal: "grace.okonkwo",
    title: "Learning & Development Lead",
    department: "Operations",
    location: "London",
    hired: "2019-06-03",
    managerId: "BW-1002",
    roles: ["ld"],
    demographics: { gender: "woman", age_band: "35-44" },
  },
  {
    employeeId: "BW-1005",
    name: "Martin Kowalski",
    emailLocal: "martin.kowalski",
    title: "IT & Systems Administrator",
    department: "Operations",
    location: "Manchester",
    hired: "2018-01-08",
    managerId: "BW-1001",
    roles: ["admin"],
    demographics: { gender: "man", age_band: "45-54" },
  },

  // Customer Support: a head, two team leads, nine in the teams.
  {
    employeeId: "BW-1101",
    name: "Sofia Lindgren",
    emailLocal: "sofia.lindgren",
    title: "Head of Customer Support",
    department: "Customer Support",
    location: "London",
    hired: "2015-11-02",
    managerId: "BW-1001",
    demographics: { gender: "woman", age_band: "45-54" },
  },
  {
    employeeId: "BW-1102",
    name: "Marcus Bell",
    emailLocal: "marcus.bell",
    title: "Support Team Lead, Tier 1",
    department: "Customer Support",
    location: "Manchester",
    hired: "2018-04-16",
    managerId: "BW-1101",
    demographics: { gender: "man", age_band: "35-44" },
  },
  {
    employeeId: "BW-1103",
    name: "Aisha Rahman",
    emailLocal: "aisha.rahman",
    title: "Support Team Lead, Tier 2",
    department: "Customer Support",
    location: "Toronto",
    hired: "2017-08-21",
    managerId: "BW-1101",
    demographics: { gender: "woman", age_band: "35-44" },
  },
  {
    employeeId: "BW-1104",
    name: "Jordan Pike",
    emailLocal: "jordan.pike",
    title: "Customer Support Specialist",
    department: "Customer Support",
    location: "Manchester",
    hired: "2021-03-01",
    managerId: "BW-1102",
    demographics: { gender: "non-binary", age_band: "25-34" },
    situation: {
      kind: "customer_friction",
      summary:
        "Two customer escalations this quarter over curt, scripted replies; CSAT 71% against a team average of 88%.",
    },
  },
  {
    employeeId: "BW-1105",
    name: "Chloé Dubois",
    emailLocal: "chloe.dubois",
    title: "Customer Support Specialist",
    department: "Customer Support",
    location: "Lisbon",
    hired: "2022-05-09",
    managerId: "BW-1102",
    demographics: { gender: "woman", age_band: "25-34" },
  },
  {
    employeeId: "BW-1106",
    name: "Ravi Patel",
    emailLocal: "ravi.patel",
    title: "Customer Support Specialist",
    department: "Customer Support",
    location: "Manchester",
    hired: "2019-10-14",
    managerId: "BW-1102",
    demographics: { gender: "man", age_band: "25-34" },
  },
  {
    employeeId: "BW-1107",
    name: "Emily Carter",
    emailLocal: "emily.carter",
    title: "Customer Support Specialist",
    department: "Customer Support",
    location: "Manchester",
    hired: { daysAgo: 18 },
    managerId: "BW-1102",
    demographics: { gender: "woman", age_band: "18-24" },
    situation: {
      kind: "new_hire",
      summary:
        "Joined a few weeks ago; learning the product and the ticketing tool, with no written picture yet of what good looks like at 30, 60 and 90 days.",
    },
  },
  {
    employeeId: "BW-1108",
    name: "Kwame Mensah",
    emailLocal: "kwame.mensah",
    title: "Senior Support Engineer",
    department: "Customer Support",
    location: "Toronto",
    hired: "2018-12-03",
    managerId: "BW-1103",
    demographics: { gender: "man", age_band: "35-44" },
  },
  {
    employeeId: "BW-1109",
    name: "Lucia Romano",
    emailLocal: "lucia.romano",
    title: "Support Engineer",
    department: "Customer Support",
    location: "Toronto",
    hired: "2021-09-20",
    managerId: "BW-1103",
    demographics: { gender: "woman", age_band: "25-34" },
  },
  {
    employeeId: "BW-1110",
    name: "Noah Fischer",
    emailLocal: "noah.fischer",
    title: "Support Engineer",
    department: "Customer Support",
    location: "Toronto",
    hired: "2023-01-16",
    managerId: "BW-1103",
    demographics: { gender: "man", age_band: "25-34" },
  },
  {
    employeeId: "BW-1111",
    name: "Hannah Schmidt",
    emailLocal: "hannah.schmidt",
    title: "Support Engineer",
    department: "Customer Support",
    location: "Lisbon",
    hired: "2020-07-06",
    managerId: "BW-1103",
    demographics: { gender: "woman", age_band: "35-44" },
  },
  {
    employeeId: "BW-1112",
    name: "Oliver Grant",
    emailLocal: "oliver.grant",
    title: "Customer Support Specialist",
    department: "Customer Support",
    location: "Manchester",
    hired: "2022-11-28",
    managerId: "BW-1102",
    demographics: { age_band: "25-34" },
  },

  // Engineering: a VP, two engineering managers, eleven engineers and a designer.
  {
    employeeId: "BW-1201",
    name: "Daniel Cho",
    emailLocal: "daniel.cho",
    title: "VP Engineering",
    department: "Engineering",
    location: "London",
    hired: "2016-02-01",
    managerId: "BW-1001",
    demographics: { gender: "man", age_band: "45-54" },
  },
  {
    employeeId: "BW-1202",
    name: "Fatima Al-Sayed",
    emailLocal: "fatima.alsayed",
    title: "Engineering Manager, Platform",
    department: "Engineering",
    location: "London",
    hired: "2019-03-11",
    managerId: "BW-1201",
    demographics: { gender: "woman", age_band: "35-44" },
  },
  {
    employeeId: "BW-1203",
    name: "Ben Hartley",
    emailLocal: "ben.hartley",
    title: "Engineering Manager, Product",
    department: "Engineering",
    location: "Lisbon",
    hired: "2018-10-01",
    managerId: "BW-1201",
    demographics: { gender: "man", age_band: "35-44" },
  },
  {
    employeeId: "BW-1204",
    name: "Samuel Adeyemi",
    emailLocal: "samuel.adeyemi",
    title: "Senior Software Engineer",
    department: "Engineering",
    location: "London",
    hired: "2017-05-22",
    managerId: "BW-1202",
    demographics: { gender: "man", age_band: "35-44" },
  },
  {
    employeeId: "BW-1205",
    name: "Wei Zhang",
    emailLocal: "wei.zhang",
    title: "Software Engineer",
    department: "Engineering",
    location: "London",
    hired: "2020-11-09",
    managerId: "BW-1202",
    demographics: { gender: "man", age_band: "45-54" },
    situation: {
      kind: "new_technology",
      summary:
        "The platform team is moving its services onto Kubernetes; he has shipped PHP on virtual machines for a decade and has never worked with containers.",
    },
  },
  {
    employeeId: "BW-1206",
    name: "Laura Jensen",
    emailLocal: "laura.jensen",
    title: "Site Reliability Engineer",
    department: "Engineering",
    location: "Copenhagen",
    hired: "2021-04-12",
    managerId: "BW-1202",
    demographics: { gender: "woman", age_band: "25-34" },
  },
  {
    employeeId: "BW-1207",
    name: "Diego Morales",
    emailLocal: "diego.morales",
    title: "Software Engineer",
    department: "Engineering",
    location: "Lisbon",
    hired: { daysAgo: 41 },
    managerId: "BW-1202",
    demographics: { gender: "man", age_band: "25-34" },
    situation: {
      kind: "new_hire",
      summary:
        "Six weeks in; has shipped two small fixes and is still finding his way around the deployment pipeline.",
    },
  },
  {
    employeeId: "BW-1208",
    name: "Anna Novak",
    emailLocal: "anna.novak",
    title: "Software Engineer",
    department: "Engineering",
    location: "London",
    hired: "2022-02-14",
    managerId: "BW-1202",
    demographics: { gender: "woman", age_band: "25-34" },
    situation: {
      kind: "ready_to_grow",
      summary:
        "Consistently strong reviews and the go-to person for incident follow-ups; wants to grow towards a tech-lead role.",
    },
  },
  {
    employeeId: "BW-1209",
    name: "Ethan Brooks",
    emailLocal: "ethan.brooks",
    title: "Software Engineer",
    department: "Engineering",
    location: "Lisbon",
    hired: "2019-08-05",
    managerId: "BW-1203",
    demographics: { gender: "man", age_band: "25-34" },
    situation: {
      kind: "missed_deadlines",
      summary:
        "Missed the last three sprint commitments on the invoicing rewrite; estimates slip by one to two weeks and blockers surface late.",
    },
  },
  {
    employeeId: "BW-1210",
    name: "Inês Costa",
    emailLocal: "ines.costa",
    title: "Senior Software Engineer",
    department: "Engineering",
    location: "Lisbon",
    hired: "2018-06-18",
    managerId: "BW-1203",
    demographics: { gender: "woman", age_band: "35-44" },
  },
  {
    employeeId: "BW-1211",
    name: "Kenji Watanabe",
    emailLocal: "kenji.watanabe",
    title: "Frontend Engineer",
    department: "Engineering",
    location: "London",
    hired: "2021-10-25",
    managerId: "BW-1203",
    demographics: { gender: "man", age_band: "25-34" },
  },
  {
    employeeId: "BW-1212",
    name: "Mia Thompson",
    emailLocal: "mia.thompson",
    title: "QA Engineer",
    department: "Engineering",
    location: "Lisbon",
    hired: "2020-03-30",
    managerId: "BW-1203",
    demographics: { gender: "woman", age_band: "25-34" },
  },
  {
    employeeId: "BW-1213",
    name: "Arjun Mehta",
    emailLocal: "arjun.mehta",
    title: "Software Engineer",
    department: "Engineering",
    location: "London",
    hired: "2023-06-05",
    managerId: "BW-1203",
    demographics: { gender: "man", age_band: "18-24" },
  },
  {
    employeeId: "BW-1214",
    name: "Zoe Williams",
    emailLocal: "zoe.williams",
    title: "Product Designer",
    department: "Engineering",
    location: "London",
    hired: { daysAgo: 12 },
    managerId: "BW-1203",
    demographics: { gender: "woman", age_band: "25-34" },
    situation: {
      kind: "new_hire",
      summary:
        "In her second week; the first designer on the product team, so nobody has written down yet what success looks like for the role.",
    },
  },

  // Sales: a head, two sales managers, seven in the teams.
  {
    employeeId: "BW-1301",
    name: "Rebecca Stone",
    emailLocal: "rebecca.stone",
    title: "Head of Sales",
    department: "Sales",
    location: "London",
    hired: "2017-01-09",
    managerId: "BW-1001",
    demographics: { gender: "woman", age_band: "45-54" },
  },
  {
    employeeId: "BW-1302",
    name: "Carlos Mendes",
    emailLocal: "carlos.mendes",
    title: "Sales Manager, Enterprise",
    department: "Sales",
    location: "London",
    hired: "2018-09-17",
    managerId: "BW-1301",
    demographics: { gender: "man", age_band: "35-44" },
  },
  {
    employeeId: "BW-1303",
    name: "Naomi Clarke",
    emailLocal: "naomi.clarke",
    title: "Sales Manager, Mid-Market",
    department: "Sales",
    location: "Manchester",
    hired: "2019-05-13",
    managerId: "BW-1301",
    demographics: { gender: "woman", age_band: "35-44" },
  },
  {
    employeeId: "BW-1304",
    name: "Liam O'Connor",
    emailLocal: "liam.oconnor",
    title: "Account Executive",
    department: "Sales",
    location: "London",
    hired: "2020-01-20",
    managerId: "BW-1302",
    demographics: { gender: "man", age_band: "25-34" },
    situation: {
      kind: "customer_friction",
      summary:
        "A key account asked for a different account executive after a tense renewal call; two prospects described his follow-ups as pushy.",
    },
  },
  {
    employeeId: "BW-1305",
    name: "Sara Nilsson",
    emailLocal: "sara.nilsson",
    title: "Account Executive",
    department: "Sales",
    location: "Toronto",
    hired: "2021-07-12",
    managerId: "BW-1302",
    demographics: { gender: "woman", age_band: "25-34" },
  },
  {
    employeeId: "BW-1306",
    name: "James Whitaker",
    emailLocal: "james.whitaker",
    title: "Senior Account Executive",
    department: "Sales",
    location: "London",
    hired: "2016-10-03",
    managerId: "BW-1302",
    demographics: { gender: "man", age_band: "55+" },
    situation: {
      kind: "missed_deadlines",
      summary:
        "Sent two enterprise proposals after the customer's deadline this quarter; one of the deals was lost.",
    },
  },
  {
    employeeId: "BW-1307",
    name: "Yasmin Haddad",
    emailLocal: "yasmin.haddad",
    title: "Account Executive",
    department: "Sales",
    location: "Manchester",
    hired: "2022-03-07",
    managerId: "BW-1303",
    demographics: { gender: "woman", age_band: "25-34" },
    situation: {
      kind: "new_technology",
      summary:
        "Sales moved to a new CRM this quarter; her pipeline and forecast entries are often incomplete and she still keeps a private spreadsheet.",
    },
  },
  {
    employeeId: "BW-1308",
    name: "Tom Richardson",
    emailLocal: "tom.richardson",
    title: "Sales Development Representative",
    department: "Sales",
    location: "Manchester",
    hired: { daysAgo: 55 },
    managerId: "BW-1303",
    demographics: { gender: "man", age_band: "18-24" },
    situation: {
      kind: "new_hire",
      summary:
        "Nearly two months in; booking meetings at half the team's rate and unsure which accounts to prioritise.",
    },
  },
  {
    employeeId: "BW-1309",
    name: "Elena Petrova",
    emailLocal: "elena.petrova",
    title: "Sales Development Representative",
    department: "Sales",
    location: "Manchester",
    hired: "2023-09-18",
    managerId: "BW-1303",
    demographics: { gender: "woman", age_band: "18-24" },
  },
  {
    employeeId: "BW-1310",
    name: "Owen Davies",
    emailLocal: "owen.davies",
    title: "Account Executive",
    department: "Sales",
    location: "Manchester",
    hired: "2021-11-15",
    managerId: "BW-1303",
    demographics: { gender: "man", age_band: "35-44" },
  },
];

export function demoEmail(person: Pick<DemoPerson, "emailLocal">): string {
  return `${person.emailLocal}@${DEMO_DOMAIN}`;
}

/** The recent hire whose stored hire date tells a re-run which day the demo was first made. */
const anchorPerson = demoPeople.find((p) => typeof p.hired !== "string")!;
export const DEMO_ANCHOR_EMAIL = demoEmail(anchorPerson);

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The day the demo counts "days ago" from: today on the first run; on later runs, the day it was
 * first made (read back from the anchor person's hire date), so re-running changes nothing.
 */
export function demoAnchorDate({
  today,
  anchorHireDate,
}: {
  today: string;
  anchorHireDate: string | null;
}): string {
  if (!anchorHireDate || typeof anchorPerson.hired === "string") return today;
  return addDays(anchorHireDate, anchorPerson.hired.daysAgo);
}

export function demoHireDate(person: DemoPerson, anchor: string): string {
  return typeof person.hired === "string" ? person.hired : addDays(anchor, -person.hired.daysAgo);
}

/** A label for the sign-in table: what signing in as this person shows. */
export function demoRoleLabel(person: DemoPerson): string {
  if (person.roles?.includes("admin")) return "admin";
  if (person.roles?.includes("hr"))
    return person.hrScope === "all"
      ? "HR partner (whole organisation)"
      : `HR partner (${(person.hrScope ?? []).join(", ")})`;
  if (person.roles?.includes("ld")) return "L&D";
  if (person.managerId === null) return "CEO";
  const hasReports = demoPeople.some((p) => p.managerId === person.employeeId);
  if (!hasReports) return "employee";
  const managerIsCeo =
    demoPeople.find((p) => p.employeeId === person.managerId)?.managerId === null;
  return managerIsCeo ? `head of ${person.department}` : "manager";
}

export const demoColumns = [
  "employee_id",
  "email",
  "name",
  "title",
  "department",
  "location",
  "hire_date",
  "manager_employee_id",
  "roles",
  "hr_scope",
  "demographic_gender",
  "demographic_age_band",
] as const;

/** The demo organisation as an import CSV; `anchor` (YYYY-MM-DD) dates the recent hires. */
export function renderDemoCsv({ anchor }: { anchor: string }): string {
  return toCsv(
    demoPeople.map((p) => ({
      employee_id: p.employeeId,
      email: demoEmail(p),
      name: p.name,
      title: p.title,
      department: p.department,
      location: p.location,
      hire_date: demoHireDate(p, anchor),
      manager_employee_id: p.managerId ?? "",
      roles: (p.roles ?? []).join(";"),
      hr_scope: p.hrScope === undefined ? "" : p.hrScope === "all" ? "all" : p.hrScope.join(";"),
      demographic_gender: p.demographics.gender ?? "",
      demographic_age_band: p.demographics.age_band ?? "",
    })),
    demoColumns,
  );
}

// ---------- enablement: L&D's catalogue and the mentors ----------

/** A workshop date, counted from the demo's anchor day (so dates are upcoming on the first run). */
export type DemoWorkshopDate = {
  daysAfterAnchor: number;
  /** Start, as HH:MM in UTC. */
  startsAt: string;
  hours: number;
  location: string;
  seats: number;
};

export type DemoCatalogueItem = {
  kind: CatalogueKind;
  title: string;
  provider: string;
  link: string;
  description: string;
  durationHours: number | null;
  format: CatalogueFormat;
  skills: string[];
  causes: CauseKind[];
  dates?: DemoWorkshopDate[];
};

/**
 * What Brightwater's L&D lead keeps: courses, workshops with dates, tools and internal guides,
 * each tagged with the skills it builds and the root causes it usually answers, so the diagnostic
 * guide and the goal pickers find them for the demo's situations (Kubernetes, estimates, curt
 * replies to customers, pushy follow-ups, a new CRM).
 */
export const demoCatalogue: readonly DemoCatalogueItem[] = [
  {
    kind: "course",
    title: "SQL for reporting and analysis",
    provider: "Northwind Learning",
    link: "https://northwind-learning.example/courses/sql-for-reporting",
    description:
      "Writing queries that answer business questions: joins, grouping, window functions, and checking the numbers before they go into a report.",
    durationHours: 12,
    format: "online",
    skills: ["sql", "reporting"],
    causes: ["skill"],
  },
  {
    kind: "course",
    title: "Kubernetes fundamentals for developers",
    provider: "Cloud Native Academy",
    link: "https://cloudnative-academy.example/kubernetes-for-developers",
    description:
      "Containers, pods, deployments and services from an application developer's point of view, with hands-on labs on a practice cluster.",
    durationHours: 16,
    format: "self_paced",
    skills: ["kubernetes", "containers", "docker"],
    causes: ["skill"],
  },
  {
    kind: "course",
    title: "Estimating and planning software work",
    provider: "Brightwater Academy",
    link: "https://learning.brightwater.example/courses/estimating-software-work",
    description:
      "Breaking work down until it can be estimated, saying early when an estimate slips, and surfacing blockers the day they appear.",
    durationHours: 6,
    format: "blended",
    skills: ["estimation", "planning"],
    causes: ["skill", "unclear_expectations"],
  },
  {
    kind: "course",
    title: "Writing for customers: clear, kind replies",
    provider: "Brightwater Academy",
    link: "https://learning.brightwater.example/courses/writing-for-customers",
    description:
      "Replies that answer the question asked, in the customer's words, without a script: structure, tone, and when to pick up the phone instead.",
    durationHours: 4,
    format: "online",
    skills: ["written communication", "customer communication"],
    causes: ["skill"],
  },
  {
    kind: "course",
    title: "Consultative selling",
    provider: "Pipeline Institute",
    link: "https://pipeline-institute.example/consultative-selling",
    description:
      "Discovery calls that find the customer's problem, follow-ups that add something each time, and knowing when to step back.",
    durationHours: 10,
    format: "online",
    skills: ["discovery calls", "negotiation", "customer communication"],
    causes: ["skill"],
  },
  {
    kind: "course",
    title: "Writing winning proposals",
    provider: "Pipeline Institute",
    link: "https://pipeline-institute.example/winning-proposals",
    description:
      "A proposal that starts from the customer's deadline: a timeline worked back from it, reusable sections, and a review before it is due.",
    durationHours: 5,
    format: "online",
    skills: ["proposal writing", "planning"],
    causes: ["skill", "process"],
  },
  {
    kind: "workshop",
    title: "De-escalating difficult customer conversations",
    provider: "Brightwater Academy",
    link: "",
    description:
      "A half-day of practice with real (anonymised) escalations: listening first, naming the problem, and agreeing the next step.",
    durationHours: 3,
    format: "in_person",
    skills: ["de-escalation", "customer communication"],
    causes: ["skill"],
    dates: [
      {
        daysAfterAnchor: 14,
        startsAt: "09:30",
        hours: 3,
        location: "London office, room 3",
        seats: 12,
      },
      {
        daysAfterAnchor: 42,
        startsAt: "13:30",
        hours: 3,
        location: "Manchester office",
        seats: 12,
      },
    ],
  },
  {
    kind: "workshop",
    title: "Managing your time and priorities",
    provider: "Brightwater Academy",
    link: "",
    description:
      "Sorting a week's work by what matters, saying no with a reason, and protecting time for the work that needs it.",
    durationHours: 3,
    format: "blended",
    skills: ["prioritisation", "time management"],
    causes: ["overload", "process"],
    dates: [{ daysAfterAnchor: 21, startsAt: "10:00", hours: 3, location: "Online", seats: 20 }],
  },
  {
    kind: "workshop",
    title: "Giving and receiving feedback",
    provider: "Brightwater Academy",
    link: "",
    description:
      "For managers and their reports: situation, behaviour, impact; feedback that is specific, kind and about the work.",
    durationHours: 2.5,
    format: "in_person",
    skills: ["feedback", "coaching"],
    causes: ["relationship_with_manager", "unclear_expectations"],
    dates: [
      {
        daysAfterAnchor: 28,
        startsAt: "14:00",
        hours: 2.5,
        location: "London office, room 1",
        seats: 10,
      },
    ],
  },
  {
    kind: "tool",
    title: "Kubernetes practice cluster",
    provider: "Platform team",
    link: "https://wiki.brightwater.example/platform/practice-cluster",
    description:
      "A cluster of your own to break and rebuild, with sample services; ask the platform team for access.",
    durationHours: null,
    format: "self_paced",
    skills: ["kubernetes", "containers"],
    causes: ["tools_or_resources"],
  },
  {
    kind: "tool",
    title: "CRM pipeline dashboard",
    provider: "Sales Operations",
    link: "https://wiki.brightwater.example/sales/pipeline-dashboard",
    description:
      "The pipeline and forecast views the team reviews each Monday, with a checklist of the fields a deal needs at each stage.",
    durationHours: null,
    format: "online",
    skills: ["crm", "forecasting"],
    causes: ["tools_or_resources", "process"],
  },
  {
    kind: "guide",
    title: "How we plan a sprint",
    provider: "Engineering",
    link: "https://wiki.brightwater.example/engineering/sprint-planning",
    description:
      "What a commitment means here, how we size work, and what to do the day something will not make it.",
    durationHours: 1,
    format: "self_paced",
    skills: ["planning", "estimation"],
    causes: ["unclear_expectations", "process"],
  },
  {
    kind: "guide",
    title: "Support tone and style guide",
    provider: "Customer Support",
    link: "https://wiki.brightwater.example/support/tone-and-style",
    description:
      "How Brightwater sounds to customers, with before-and-after examples of replies and the phrases we avoid.",
    durationHours: 1,
    format: "self_paced",
    skills: ["written communication"],
    causes: ["unclear_expectations"],
  },
  {
    kind: "guide",
    title: "Employee assistance programme",
    provider: "People team",
    link: "https://intranet.brightwater.example/people/employee-assistance",
    description:
      "Free, confidential support for personal, health and money matters, for you and your family; nobody at Brightwater learns who called.",
    durationHours: null,
    format: "self_paced",
    skills: [],
    causes: ["personal_or_health"],
  },
];

/** A demo person who volunteers to mentor (by employee id), with what they can help with. */
export type DemoMentor = {
  employeeId: string;
  skills: string[];
  capacity: number;
  availability: string;
  bio: string;
};

export const demoMentors: readonly DemoMentor[] = [
  {
    employeeId: "BW-1206", // Laura Jensen, Site Reliability Engineer
    skills: ["kubernetes", "containers", "incident response"],
    capacity: 2,
    availability: "Tuesday and Thursday afternoons",
    bio: "Moved our services onto Kubernetes; happy to pair on your first deployments.",
  },
  {
    employeeId: "BW-1210", // Inês Costa, Senior Software Engineer
    skills: ["estimation", "planning", "sql", "code review"],
    capacity: 2,
    availability: "An hour a week, mornings",
    bio: "Runs the product team's planning; likes turning a vague ticket into a plan.",
  },
  {
    employeeId: "BW-1108", // Kwame Mensah, Senior Support Engineer
    skills: ["de-escalation", "customer communication", "written communication"],
    capacity: 2,
    availability: "Wednesdays, after the morning queue",
    bio: "Takes the hardest escalations and writes most of our reply templates.",
  },
  {
    employeeId: "BW-1303", // Naomi Clarke, Sales Manager, Mid-Market
    skills: ["negotiation", "discovery calls", "crm", "forecasting"],
    capacity: 1,
    availability: "Fridays",
    bio: "Fifteen years of renewals and a tidy pipeline; glad to listen in on a call.",
  },
];

/** A workshop date as instants, from the anchor day (YYYY-MM-DD). */
export function demoWorkshopDate(
  date: DemoWorkshopDate,
  anchor: string,
): { startsAt: Date; endsAt: Date } {
  const startsAt = new Date(`${addDays(anchor, date.daysAfterAnchor)}T${date.startsAt}:00Z`);
  return { startsAt, endsAt: new Date(startsAt.getTime() + date.hours * 3_600_000) };
}
