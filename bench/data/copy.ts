import { once } from "node:events";
import { finished } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

// COPY … FROM STDIN in PostgreSQL's text format, streamed: rows are encoded as they are made and
// written in chunks, waiting whenever the server is behind, so no table is ever held in memory.

/** A value of one column: null is SQL NULL; arrays and objects need `pgArray` / `pgJson`. */
export type Cell = string | number | boolean | null;

const special = /[\\\t\n\r]/;

/** A text value as the COPY text format needs it: backslash, tab, newline and return escaped. */
export function escapeCopy(value: string): string {
  if (!special.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r",
  );
}

function encode(value: Cell): string {
  if (value === null) return "\\N";
  if (typeof value === "string") return escapeCopy(value);
  if (typeof value === "boolean") return value ? "t" : "f";
  return String(value);
}

/** A text[] literal, e.g. {"a","b \"c\""}. */
export function pgArray(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(",")}}`;
}

/** A jsonb value. */
export function pgJson(value: unknown): string {
  return JSON.stringify(value);
}

const CHUNK = 256 * 1024;

export type TableWriter = {
  readonly table: string;
  /** Rows written so far. */
  readonly rows: number;
  /** One row, its values in the order of the columns given to `copyInto`. */
  row(...values: Cell[]): void;
  /** Rows already encoded (each line ends with a newline). */
  encoded(lines: string[]): void;
  /** Sends what is buffered once enough has gathered; await it every so often. */
  drain(): Promise<void>;
  /** Sends the rest and waits for PostgreSQL to confirm the COPY. */
  end(): Promise<number>;
};

/** Rows kept in memory (encoded) until their table's turn: for the smaller tables. */
export type BufferedTable = {
  readonly table: string;
  readonly columns: string[];
  readonly rows: number;
  row(...values: Cell[]): void;
  /** COPYs the rows and forgets them. */
  copy(client: pg.PoolClient): Promise<number>;
};

export function bufferTable(table: string, columns: string[]): BufferedTable {
  let lines: string[] = [];
  const width = columns.length;
  return {
    table,
    columns,
    get rows() {
      return lines.length;
    },
    row(...values) {
      if (values.length !== width)
        throw new Error(`${table}: ${values.length} values for ${width} columns`);
      let line = encode(values[0]!);
      for (let i = 1; i < width; i++) line += `\t${encode(values[i]!)}`;
      lines.push(`${line}\n`);
    },
    async copy(client) {
      const writer = copyInto(client, table, columns);
      const stored = lines;
      lines = [];
      for (let i = 0; i < stored.length; i += 2000) {
        writer.encoded(stored.slice(i, i + 2000));
        await writer.drain();
      }
      return writer.end();
    },
  };
}

/** Starts `COPY table (columns) FROM STDIN` on the client (inside the caller's transaction). */
export function copyInto(client: pg.PoolClient, table: string, columns: string[]): TableWriter {
  const stream = client.query(
    copyFrom(`COPY ${table} (${columns.map((c) => `"${c}"`).join(", ")}) FROM STDIN`),
  );
  // An error is reported by the next drain() or end(); keep it from being unhandled meanwhile.
  let failure: Error | null = null;
  stream.on("error", (err: Error) => {
    failure = err;
  });
  let parts: string[] = [];
  let size = 0;
  let rows = 0;
  const width = columns.length;
  const send = async () => {
    if (failure) throw failure;
    if (size === 0) return;
    const chunk = parts.join("");
    parts = [];
    size = 0;
    if (!stream.write(chunk)) await once(stream, "drain");
  };
  return {
    table,
    get rows() {
      return rows;
    },
    row(...values) {
      if (values.length !== width)
        throw new Error(`${table}: ${values.length} values for ${width} columns`);
      let line = encode(values[0]!);
      for (let i = 1; i < width; i++) line += `\t${encode(values[i]!)}`;
      line += "\n";
      parts.push(line);
      size += line.length;
      rows += 1;
    },
    encoded(lines) {
      for (const line of lines) {
        parts.push(line);
        size += line.length;
      }
      rows += lines.length;
    },
    async drain() {
      if (size >= CHUNK) await send();
    },
    async end() {
      await send();
      stream.end();
      await finished(stream);
      if (failure) throw failure;
      return rows;
    },
  };
}
