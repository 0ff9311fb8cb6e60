import { InvalidArgumentError } from "commander";

/** "1 person", "3 people". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** A plain-text table with a header row; columns padded to their widest cell. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(headers), ...rows.map(line)].join("\n");
}

/** The "Examples:" block at the end of a command's --help. */
export function examples(lines: [command: string, what: string][]): string {
  return `\nExamples:\n${lines.map(([command, what]) => `  # ${what}\n  $ ${command}`).join("\n\n")}\n`;
}

/** Option parser for a whole number in a range; a bad value is a usage error (exit 2). */
export function wholeNumber(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`Use a whole number from ${min} to ${max}.`);
    return n;
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailAddress(value: string): string {
  if (!EMAIL.test(value.trim())) throw new InvalidArgumentError("Use an email address.");
  return value.trim();
}

export function nonEmpty(value: string): string {
  if (!value.trim()) throw new InvalidArgumentError("Must not be empty.");
  return value.trim();
}
