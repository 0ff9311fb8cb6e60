import { describe, expect, it } from "vitest";
import { MAX_IMPORT_ROWS, parsePeopleCsv } from "./org.csv.js";
import {
  type ExistingPerson,
  findCycle,
  type ImportRow,
  neutraliseFormula,
  parseHrScope,
  planImport,
  restoreFormula,
} from "./org.rules.js";

// ---------- builders ----------

let nextLine = 2;
/** A full CSV row (every column present) with readable defaults. */
function row(overrides: Partial<ImportRow> = {}): ImportRow {
  const line = overrides.line ?? nextLine++;
  return {
    line,
    employeeId: null,
    email: `person${line}@example.com`,
    name: `Person ${line}`,
    title: "Engineer",
    department: "Engineering",
    location: "Berlin",
    hireDate: null,
    managerEmail: null,
    managerEmployeeId: null,
    roles: [],
    hrScope: "",
    demographics: {},
    ...overrides,
  };
}

function person(overrides: Partial<ExistingPerson> & { id: string }): ExistingPerson {
  return {
    employeeId: null,
    email: `${overrides.id}@example.com`,
    name: overrides.id,
    title: "Engineer",
    department: "Engineering",
    location: "Berlin",
    hireDate: null,
    managerId: null,
    roles: [],
    hrScopeAll: false,
    hrScopeDepartments: [],
    demographics: {},
    ...overrides,
  };
}

/** The existing person as the full CSV row that describes them exactly. */
function rowOf(p: ExistingPerson, line: number, managerEmail: string | null = null): ImportRow {
  return row({
    line,
    employeeId: p.employeeId,
    email: p.email,
    name: p.name,
    title: p.title,
    department: p.department,
    location: p.location,
    hireDate: p.hireDate,
    managerEmail,
    roles: p.roles,
    hrScope: p.hrScopeAll ? "all" : p.hrScopeDepartments.join(";"),
  });
}

const problemsOf = (rows: ImportRow[], existing: ExistingPerson[] = []) =>
  planImport({ rows, existing }).problems;

// ---------- planImport ----------

describe("planImport: what a file would do", () => {
  it("creates people who are not in Headway, with managers from the same file", () => {
    const plan = planImport({
      rows: [
        row({ line: 2, email: "boss@example.com", name: "Boss" }),
        row({ line: 3, email: "ann@example.com", name: "Ann", managerEmail: "boss@example.com" }),
      ],
      existing: [],
    });
    expect(plan.problems).toEqual([]);
    expect(plan.summary).toEqual({ create: 2, update: 0, unchanged: 0, problems: 0 });
    expect(plan.rows[1]!.values.managerId).toBe("new:2");
  });

  it("updates a person whose details changed, naming the changed fields", () => {
    const ann = person({ id: "ann", employeeId: "E1", title: "Engineer" });
    const plan = planImport({
      rows: [{ ...rowOf(ann, 2), title: "Senior Engineer" }],
      existing: [ann],
    });
    expect(plan.rows[0]).toMatchObject({ action: "update", id: "ann", changedFields: ["title"] });
  });

  it("leaves everyone unchanged when the same file is imported again (idempotent)", () => {
    const boss = person({ id: "boss", employeeId: "E1", hireDate: "2020-01-15" });
    const ann = person({
      id: "ann",
      employeeId: "E2",
      managerId: "boss",
      roles: ["hr"],
      hrScopeAll: true,
    });
    const ben = person({
      id: "ben",
      managerId: "boss",
      hrScopeDepartments: ["Sales", "Support"],
      roles: ["hr"],
    });
    const plan = planImport({
      rows: [rowOf(boss, 2), rowOf(ann, 3, boss.email), rowOf(ben, 4, boss.email)],
      existing: [boss, ann, ben],
    });
    expect(plan.problems).toEqual([]);
    expect(plan.summary).toEqual({ create: 0, update: 0, unchanged: 3, problems: 0 });
  });

  it("keeps what a file has no column for: a file of names and titles does not wipe managers or departments", () => {
    const boss = person({ id: "boss", department: "Sales", hireDate: "2019-05-01" });
    const ann = person({ id: "ann", managerId: "boss", department: "Sales", roles: ["ld"] });
    const plan = planImport({
      rows: [
        { line: 2, employeeId: null, email: boss.email, name: boss.name, demographics: {} },
        {
          line: 3,
          employeeId: null,
          email: ann.email,
          name: ann.name,
          title: "Lead",
          demographics: {},
        },
      ],
      existing: [boss, ann],
    });
    expect(plan.problems).toEqual([]);
    expect(plan.rows.map((r) => r.action)).toEqual(["unchanged", "update"]);
    expect(plan.rows[1]!.changedFields).toEqual(["title"]);
    expect(plan.rows[1]!.values).toMatchObject({
      managerId: "boss",
      department: "Sales",
      roles: ["ld"],
    });
    expect(plan.rows[0]!.values.hireDate).toBe("2019-05-01");
  });

  it("clears a manager when the manager column is there and the cell is empty", () => {
    const boss = person({ id: "boss" });
    const ann = person({ id: "ann", managerId: "boss" });
    const plan = planImport({ rows: [rowOf(ann, 2, null)], existing: [boss, ann] });
    expect(plan.rows[0]).toMatchObject({ action: "update", changedFields: ["managerId"] });
    expect(plan.rows[0]!.values.managerId).toBeNull();
  });

  it.each([
    {
      how: "by employee id first, even when the email changed",
      row: { employeeId: "E1", email: "ann.new@example.com" },
      expected: { id: "ann", changedFields: ["email"] },
    },
    {
      how: "by email when the row has no employee id, keeping the stored id",
      row: { employeeId: null, email: "ann@example.com" },
      expected: { id: "ann", changedFields: [] },
    },
    {
      how: "by email, case-insensitively",
      row: { employeeId: "E1", email: "ANN@example.com" },
      expected: { id: "ann", changedFields: ["email"] },
    },
  ])("matches an existing person $how", ({ row: r, expected }) => {
    const ann = person({ id: "ann", employeeId: "E1" });
    const plan = planImport({ rows: [{ ...rowOf(ann, 2), ...r }], existing: [ann] });
    expect(plan.problems).toEqual([]);
    expect(plan.rows[0]).toMatchObject(expected);
    expect(plan.rows[0]!.values.employeeId).toBe("E1");
  });

  it("gives an employee id to a person matched by email who had none", () => {
    const ann = person({ id: "ann", employeeId: null });
    const plan = planImport({ rows: [{ ...rowOf(ann, 2), employeeId: "E7" }], existing: [ann] });
    expect(plan.rows[0]).toMatchObject({
      id: "ann",
      action: "update",
      changedFields: ["employeeId"],
    });
  });

  it.each([
    {
      problem: "an employee id of one person and the email of another",
      row: { employeeId: "E1", email: "bob@example.com" },
      field: "email",
      message: /E1 belongs to ann, but bob@example.com belongs to bob/,
    },
    {
      problem: "an email whose person already has another employee id",
      row: { employeeId: "E9", email: "bob@example.com" },
      field: "employee_id",
      message: /already has employee id E2, not E9/,
    },
  ])("refuses a row with $problem", ({ row: r, field, message }) => {
    const ann = person({ id: "ann", employeeId: "E1" });
    const bob = person({ id: "bob", employeeId: "E2" });
    const problems = problemsOf([row({ line: 5, ...r })], [ann, bob]);
    expect(problems).toEqual([{ line: 5, field, message: expect.stringMatching(message) }]);
  });

  it("refuses two rows that would both update the same person", () => {
    const ann = person({ id: "ann", employeeId: "E1" });
    const problems = problemsOf(
      [
        row({ line: 2, employeeId: "E1", email: "ann.new@example.com" }),
        row({ line: 3, email: "ann@example.com" }),
      ],
      [ann],
    );
    expect(problems).toEqual([
      { line: 3, field: "email", message: expect.stringMatching(/line 2 both match ann/) },
    ]);
  });

  it.each([
    {
      duplicate: "emails (in any case)",
      rows: [
        row({ line: 4, email: "sam@example.com" }),
        row({ line: 9, email: "SAM@example.com" }),
      ],
      field: "email",
      message: /also appears on line 4/,
    },
    {
      duplicate: "employee ids",
      rows: [row({ line: 4, employeeId: "E5" }), row({ line: 9, employeeId: "E5" })],
      field: "employee_id",
      message: /E5 also appears on line 4/,
    },
  ])("names both lines of duplicate $duplicate in the file", ({ rows, field, message }) => {
    expect(problemsOf(rows)).toEqual([{ line: 9, field, message: expect.stringMatching(message) }]);
  });

  it.each([
    {
      reference: "a manager email",
      row: { managerEmail: "ghost@example.com" },
      field: "manager_email",
      message: "No one has the email ghost@example.com, in this file or in Headway.",
    },
    {
      reference: "a manager employee id",
      row: { managerEmployeeId: "X404" },
      field: "manager_employee_id",
      message: "No one has employee id X404, in this file or in Headway.",
    },
  ])("refuses an unknown manager by $reference", ({ row: r, field, message }) => {
    expect(problemsOf([row({ line: 3, ...r })])).toEqual([{ line: 3, field, message }]);
  });

  it("finds a manager by employee id among existing people and rows of the file", () => {
    const boss = person({ id: "boss", employeeId: "B1" });
    const plan = planImport({
      rows: [
        row({ line: 2, email: "lead@example.com", employeeId: "L1", managerEmployeeId: "B1" }),
        row({ line: 3, email: "dev@example.com", managerEmployeeId: "L1" }),
      ],
      existing: [boss],
    });
    expect(plan.problems).toEqual([]);
    expect(plan.rows.map((r) => r.values.managerId)).toEqual(["boss", "new:2"]);
  });

  it("refuses a person who is their own manager", () => {
    expect(
      problemsOf([
        row({ line: 2, email: "me@example.com", name: "Me", managerEmail: "me@example.com" }),
      ]),
    ).toEqual([{ line: 2, field: "manager", message: "Me cannot be their own manager." }]);
  });

  it.each([
    {
      cycle: "two people managing each other",
      rows: [
        row({ line: 2, email: "a@example.com", name: "A", managerEmail: "b@example.com" }),
        row({ line: 3, email: "b@example.com", name: "B", managerEmail: "a@example.com" }),
      ],
      existing: [],
      loop: "A → B → A",
    },
    {
      cycle: "three people in a loop",
      rows: [
        row({ line: 2, email: "a@example.com", name: "A", managerEmail: "c@example.com" }),
        row({ line: 3, email: "b@example.com", name: "B", managerEmail: "a@example.com" }),
        row({ line: 4, email: "c@example.com", name: "C", managerEmail: "b@example.com" }),
      ],
      existing: [],
      loop: /A → C → B → A|A → B → C → A|B → A → C → B|C → B → A → C/,
    },
    {
      cycle: "a loop closed through people already in Headway",
      // In Headway: Vera manages Walt. The file puts Vera under a new hire who reports to Walt.
      rows: [
        row({ line: 2, email: "vera@example.com", name: "Vera", managerEmail: "nina@example.com" }),
        row({ line: 3, email: "nina@example.com", name: "Nina", managerEmail: "walt@example.com" }),
      ],
      existing: [
        person({ id: "vera", email: "vera@example.com", name: "Vera" }),
        person({ id: "walt", email: "walt@example.com", name: "Walt", managerId: "vera" }),
      ],
      loop: /Vera|Nina|Walt/,
    },
  ])("refuses reporting lines with $cycle", ({ rows, existing, loop }) => {
    const problems = problemsOf(rows, existing);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 2, field: "manager" });
    expect(problems[0]!.message).toMatch(/Reporting lines form a loop/);
    expect(problems[0]!.message).toMatch(loop);
  });

  it("names everyone in a loop closed through existing people", () => {
    const [problem] = problemsOf(
      [
        row({ line: 2, email: "vera@example.com", name: "Vera", managerEmail: "nina@example.com" }),
        row({ line: 3, email: "nina@example.com", name: "Nina", managerEmail: "walt@example.com" }),
      ],
      [
        person({ id: "vera", email: "vera@example.com", name: "Vera" }),
        person({ id: "walt", email: "walt@example.com", name: "Walt", managerId: "vera" }),
      ],
    );
    for (const name of ["Vera", "Nina", "Walt"]) expect(problem!.message).toContain(name);
  });

  it.each([
    { hireDate: "2024-02-30", message: /not a date/ },
    { hireDate: "31/12/2024", message: /not a date; use YYYY-MM-DD/ },
    { hireDate: "2023-02-29", message: /not a date/ },
    { hireDate: "yesterday", message: /not a date/ },
    { hireDate: "0000-01-01", message: /out of range/ },
    { hireDate: "1850-06-01", message: /out of range/ },
  ])("refuses the hire date $hireDate", ({ hireDate, message }) => {
    expect(problemsOf([row({ line: 2, hireDate })])).toEqual([
      { line: 2, field: "hire_date", message: expect.stringMatching(message) },
    ]);
  });

  it.each(["2024-02-29", "1999-12-31", "2100-12-31"])("accepts the hire date %s", (hireDate) => {
    expect(problemsOf([row({ hireDate })])).toEqual([]);
  });

  it.each([
    { roles: ["manager"], unknown: "manager" },
    { roles: ["admin", "boss"], unknown: "boss" },
    { roles: ["employee"], unknown: "employee" },
  ])("refuses the unknown role $unknown", ({ roles, unknown }) => {
    expect(problemsOf([row({ line: 2, roles })])).toEqual([
      { line: 2, field: "roles", message: expect.stringContaining(`Unknown role "${unknown}"`) },
    ]);
  });

  it.each([
    { what: "a missing email", row: { email: "" }, field: "email", message: "Email is required." },
    {
      what: "a malformed email",
      row: { email: "not-an-email" },
      field: "email",
      message: '"not-an-email" is not an email address.',
    },
    { what: "a missing name", row: { name: "  " }, field: "name", message: "Name is required." },
    {
      what: "an overlong name",
      row: { name: "n".repeat(201) },
      field: "name",
      message: expect.stringMatching(/at most 200/),
    },
  ])("refuses $what", ({ row: r, field, message }) => {
    expect(problemsOf([row({ line: 7, ...r })])).toEqual([{ line: 7, field, message }]);
  });

  it("reports every problem of the file, sorted by line", () => {
    const problems = problemsOf([
      row({ line: 3, email: "x" }),
      row({ line: 2, name: "", hireDate: "soon" }),
    ]);
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [2, "name"],
      [2, "hire_date"],
      [3, "email"],
    ]);
  });

  it.each([
    {
      importer: "an admin",
      mayManageAccess: true,
      row: { roles: ["hr"], hrScope: "all" },
      problems: 0,
    },
    {
      importer: "organisation-wide HR",
      mayManageAccess: false,
      row: { roles: ["admin"] },
      problems: 1,
    },
    {
      importer: "organisation-wide HR",
      mayManageAccess: false,
      row: { hrScope: "Sales" },
      problems: 1,
    },
    {
      importer: "organisation-wide HR",
      mayManageAccess: false,
      row: { title: "Lead" },
      problems: 0,
    },
  ])(
    "lets $importer grant $row.roles / $row.hrScope: $problems problem(s)",
    ({ mayManageAccess, row: r, problems }) => {
      const ann = person({ id: "ann" });
      const plan = planImport({
        rows: [{ ...rowOf(ann, 2), ...r }],
        existing: [ann],
        mayManageAccess,
      });
      expect(plan.problems).toHaveLength(problems);
    },
  );

  it("does not let a non-admin importer change an admin's details (their email is their account)", () => {
    const root = person({ id: "root", roles: ["admin"] });
    const plan = planImport({
      rows: [{ ...rowOf(root, 2), email: "attacker@example.com", employeeId: null }],
      existing: [{ ...root, employeeId: null }],
      mayManageAccess: false,
    });
    // Matched by… nothing: a new email and no id is a new person, not the admin.
    expect(plan.rows[0]!.action).toBe("create");
    const byId = planImport({
      rows: [{ ...rowOf({ ...root, employeeId: "A1" }, 2), email: "attacker@example.com" }],
      existing: [{ ...root, employeeId: "A1" }],
      mayManageAccess: false,
    });
    expect(byId.problems).toEqual([
      {
        line: 2,
        field: "email",
        message: "root is an admin; only an admin can change their details.",
      },
    ]);
  });
});

describe("parseHrScope", () => {
  it.each([
    { value: null, scope: { all: false, departments: [] } },
    { value: "", scope: { all: false, departments: [] } },
    { value: "all", scope: { all: true, departments: [] } },
    { value: " ALL ", scope: { all: true, departments: [] } },
    { value: "Sales", scope: { all: false, departments: ["Sales"] } },
    { value: "Sales; Support ;", scope: { all: false, departments: ["Sales", "Support"] } },
  ])("reads $value as $scope", ({ value, scope }) => {
    expect(parseHrScope(value)).toEqual(scope);
  });

  it("imports an HR partner's scope from the hr_scope column", () => {
    const plan = planImport({
      rows: [row({ roles: ["hr"], hrScope: "Sales;Support" })],
      existing: [],
    });
    expect(plan.rows[0]!.values).toMatchObject({
      roles: ["hr"],
      hrScopeAll: false,
      hrScopeDepartments: ["Sales", "Support"],
    });
  });
});

describe("findCycle", () => {
  const graph = (edges: Record<string, string | null>) => new Map(Object.entries(edges));
  it.each<{ graph: Record<string, string | null>; cycle: string[] | null }>([
    { graph: {}, cycle: null },
    { graph: { a: null }, cycle: null },
    { graph: { a: null, b: "a", c: "b", d: "a" }, cycle: null },
    { graph: { a: "a" }, cycle: ["a"] },
    { graph: { a: "b", b: "a" }, cycle: ["a", "b"] },
    { graph: { a: "b", b: "c", c: "a" }, cycle: ["a", "b", "c"] },
    { graph: { x: "a", a: "b", b: "c", c: "b" }, cycle: ["b", "c"] },
    { graph: { a: "missing" }, cycle: null },
  ])("finds $cycle in $graph", ({ graph: edges, cycle }) => {
    expect(findCycle(graph(edges))).toEqual(cycle);
  });
});

describe("neutraliseFormula", () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'],
    ["+1+1", "'+1+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
    ["|cmd", "'|cmd"],
    ["Ann Smith", "Ann Smith"],
    ["a=b", "a=b"],
    ["", ""],
  ])("turns %j into %j, and back on import", (value, safe) => {
    expect(neutraliseFormula(value)).toBe(safe);
    expect(restoreFormula(safe)).toBe(value);
  });
});

// ---------- parsePeopleCsv ----------

describe("parsePeopleCsv", () => {
  it("reads rows with their line numbers and every column", () => {
    const rows = parsePeopleCsv(
      "employee_id,email,name,title,department,location,hire_date,manager_email,roles,hr_scope,demographic_gender\n" +
        "E1,ann@example.com,Ann,CTO,Engineering,Berlin,2020-01-02,,admin;hr,all,woman\n",
    );
    expect(rows).toEqual([
      {
        line: 2,
        employeeId: "E1",
        email: "ann@example.com",
        name: "Ann",
        title: "CTO",
        department: "Engineering",
        location: "Berlin",
        hireDate: "2020-01-02",
        managerEmail: null,
        roles: ["admin", "hr"],
        hrScope: "all",
        demographics: { gender: "woman" },
      },
    ]);
  });

  it.each([
    [
      "Work Email,Full Name,Job Title,Start Date,Manager Email",
      "a@example.com,Ann,CTO,2020-01-02,b@example.com",
    ],
    [
      "EMAIL,Name,job-title,start_date,manager email",
      "a@example.com,Ann,CTO,2020-01-02,b@example.com",
    ],
    [
      " email , name ,title,hire_date,manager_email",
      "a@example.com,Ann,CTO,2020-01-02,b@example.com",
    ],
  ])("understands the header aliases %j", (header, line) => {
    expect(parsePeopleCsv(`${header}\n${line}\n`)[0]).toMatchObject({
      email: "a@example.com",
      name: "Ann",
      title: "CTO",
      hireDate: "2020-01-02",
      managerEmail: "b@example.com",
    });
  });

  it("ignores a byte-order mark, blank lines and CRLF line ends", () => {
    const rows = parsePeopleCsv(
      "\uFEFFemail,name\r\n\r\na@example.com,Ann\r\nb@example.com,Bob\r\n",
    );
    expect(rows.map((r) => [r.line, r.email])).toEqual([
      [3, "a@example.com"],
      [4, "b@example.com"],
    ]);
  });

  it("leaves the fields of absent columns undefined, so an update keeps them", () => {
    const [r] = parsePeopleCsv("email,name\na@example.com,Ann\n");
    expect(r).toEqual({
      line: 2,
      employeeId: null,
      email: "a@example.com",
      name: "Ann",
      demographics: {},
    });
  });

  it.each([
    { header: "name,title", missing: "email", message: /lacks the column email\./ },
    { header: "email,title", missing: "name", message: /lacks the column name\./ },
    {
      header: "title,department",
      missing: "email and name",
      message: /lacks the columns email and name\./,
    },
  ])("names the missing column(s) $missing", ({ header, message }) => {
    expect(() => parsePeopleCsv(`${header}\nx,y\n`)).toThrow(message);
  });

  it.each([
    { what: "an empty file", text: "" },
    { what: "a file of blank lines", text: "\n\r\n  \n" },
    { what: "a byte-order mark alone", text: "\uFEFF" },
  ])("refuses $what with a clear message", ({ text }) => {
    expect(() => parsePeopleCsv(text)).toThrow(/The file is empty/);
  });

  it("refuses an unclosed quote, naming the line where it opens", () => {
    const text = 'email,name\na@example.com,Ann\nb@example.com,"Bob\nc@example.com,Cy\n';
    const error = catchError(() => parsePeopleCsv(text));
    expect(error).toMatchObject({ code: "import.invalid" });
    expect(error.message).toMatch(/line 3/);
    expect(error.message).toMatch(/never closed/);
    expect(error.details).toEqual([
      { line: 3, field: "(file)", message: expect.stringMatching(/line 3/) },
    ]);
  });

  it("refuses a row with more values than the header, naming its line", () => {
    const error = catchError(() =>
      parsePeopleCsv("email,name\na@example.com,Ann\nb@example.com,Smith, Bob\n"),
    );
    expect(error.message).toMatch(/\(line 3\)/);
    expect(error.details).toEqual([expect.objectContaining({ line: 3 })]);
  });

  it("refuses a stray quote inside a value, naming its line", () => {
    const error = catchError(() => parsePeopleCsv('email,name\na@example.com,A"nn\n'));
    expect(error.message).toMatch(/line 2/);
  });

  it(`accepts ${MAX_IMPORT_ROWS} rows and refuses one more`, () => {
    const header = "email,name\n";
    const rows = (n: number) =>
      header + Array.from({ length: n }, (_, i) => `p${i}@example.com,P ${i}`).join("\n");
    expect(parsePeopleCsv(rows(MAX_IMPORT_ROWS))).toHaveLength(MAX_IMPORT_ROWS);
    expect(() => parsePeopleCsv(rows(MAX_IMPORT_ROWS + 1))).toThrow(
      `more than ${MAX_IMPORT_ROWS} rows; import at most ${MAX_IMPORT_ROWS} at a time`,
    );
  });
});

function catchError(fn: () => unknown): { code: string; message: string; details: unknown } {
  try {
    fn();
  } catch (err) {
    return err as { code: string; message: string; details: unknown };
  }
  throw new Error("expected an error");
}
