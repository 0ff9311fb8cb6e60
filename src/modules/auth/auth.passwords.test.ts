import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../org/org.demo.js";
import { checkPassword, personalWords } from "./auth.passwords.js";

const ada = {
  name: "Ada Lovelace",
  email: "ada.lovelace@example.com",
  organisationName: "Acme Widgets",
};

describe("the password policy", () => {
  it.each([
    ["Password123!", /one of the most common passwords/],
    ["qwertyuiop12", /one of the most common passwords/],
    ["iloveyou1234", /one of the most common passwords/],
    ["P@ssw0rd2024", /one of the most common passwords/],
  ])(
    "refuses %s as a common or breached-pattern password, and says what to do",
    (password, why) => {
      const { problems } = checkPassword(password, ada);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(why);
      expect(problems[0]).toMatch(/A few unrelated words/);
    },
  );

  it.each([
    "adalovelace2026",
    "Ada Lovelace 1815",
    "Lovelace!Lovelace",
    "acmewidgets2026!",
    "Headway2026!",
  ])("refuses %s, built on the person's name, the organisation's or Headway's", (password) => {
    const { problems } = checkPassword(password, ada);
    expect(problems).toEqual([expect.stringMatching(/your name, your email address/)]);
  });

  it("accepts the same words as a stranger's password when they are not that person's", () => {
    expect(checkPassword("Ada Lovelace 1815").problems).toEqual([]);
    expect(checkPassword("Ada Lovelace 1815", ada).problems).not.toEqual([]);
  });

  it.each([
    ["aaaaaaaaaaaa", /repeat one character/],
    ["abcdefghijkl", /too easy to guess/],
    ["zxcvbnm,./12", /too easy to guess/],
  ])("refuses %s as too easy to guess", (password, why) => {
    expect(checkPassword(password, ada).problems.join(" ")).toMatch(why);
  });

  it("keeps the basic rules: at least 10 characters, at most 200, not the email address", () => {
    expect(checkPassword("short", ada).problems).toEqual(["Use at least 10 characters."]);
    expect(checkPassword("x".repeat(201), ada).problems).toContain("Use at most 200 characters.");
    expect(checkPassword("ada.lovelace lantern orbit", ada).problems).toContain(
      "Do not use your email address in your password.",
    );
  });

  it.each([
    "lantern quietly orbit",
    "a long test password",
    "correct horse battery",
    "a long and careful password",
    "a calm and careful admin",
    "coaching every single week",
    "a brand new passphrase",
    "ada's trombone lantern quietly",
  ])("accepts %s, with a score of 3 or more", (password) => {
    const result = checkPassword(password, ada);
    expect(result.problems).toEqual([]);
    expect(result.score).toBeGreaterThanOrEqual(3);
  });

  it("accepts the demo organisation's password", () => {
    expect(checkPassword(DEMO_PASSWORD).problems).toEqual([]);
  });

  it("scores a very long input quickly: only its beginning is estimated", () => {
    const start = performance.now();
    checkPassword("p@$$w0rd".repeat(25), ada);
    expect(performance.now() - start).toBeLessThan(4000);
  });

  it("takes the name, the parts of the email address, Headway and the organisation as personal words", () => {
    expect(personalWords(ada)).toEqual(
      expect.arrayContaining([
        "headway",
        "ada",
        "lovelace",
        "adalovelace",
        "ada.lovelace",
        "acme",
        "widgets",
        "acmewidgets",
      ]),
    );
  });
});
