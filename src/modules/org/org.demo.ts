import type { GrantedRole } from "../../access/access.types.js";
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
