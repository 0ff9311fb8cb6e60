/** The columns the importer reads, in the order the export writes them. */
export const templateColumns = [
  "employee_id",
  "email",
  "name",
  "title",
  "department",
  "location",
  "hire_date",
  "manager_email",
  "roles",
  "hr_scope",
  "demographic_gender",
] as const;

type Row = Record<(typeof templateColumns)[number], string>;

const rows: Row[] = [
  {
    employee_id: "E001",
    email: "amara.okafor@example.com",
    name: "Amara Okafor",
    title: "Head of Operations",
    department: "Operations",
    location: "London",
    hire_date: "2019-04-01",
    manager_email: "",
    roles: "",
    hr_scope: "",
    demographic_gender: "",
  },
  {
    employee_id: "E002",
    email: "tomas.silva@example.com",
    name: "Tomás Silva",
    title: "Support Lead",
    department: "Operations",
    location: "Lisbon",
    hire_date: "2021-09-13",
    manager_email: "amara.okafor@example.com",
    roles: "",
    hr_scope: "",
    demographic_gender: "",
  },
  {
    employee_id: "E003",
    email: "mei.chen@example.com",
    name: "Mei Chen",
    title: "Support Specialist",
    department: "Operations",
    location: "Remote",
    hire_date: "2024-02-05",
    manager_email: "tomas.silva@example.com",
    roles: "",
    hr_scope: "",
    demographic_gender: "",
  },
  {
    employee_id: "E004",
    email: "ravi.patel@example.com",
    name: "Ravi Patel",
    title: "HR Partner",
    department: "People",
    location: "London",
    hire_date: "2020-06-22",
    manager_email: "amara.okafor@example.com",
    roles: "hr",
    hr_scope: "all",
    demographic_gender: "",
  },
];

const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A small example organisation in the import format: one head, a lead, a report, an HR partner. */
export function sampleCsv(): string {
  const lines = [templateColumns.join(",")];
  for (const row of rows) lines.push(templateColumns.map((c) => cell(row[c])).join(","));
  return `${lines.join("\n")}\n`;
}

export function sampleCsvHref(): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(sampleCsv())}`;
}
