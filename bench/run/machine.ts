// What the numbers were measured on: the machine, the versions, and the data set's size.

import { readFileSync } from "node:fs";
import os from "node:os";
import pg from "pg";

export type Machine = {
  date: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  /** 1-minute load average before and after the run: other work on the machine skews results. */
  loadBefore: number;
  loadAfter: number | null;
  /** The run's nice value: below 0 it was given priority over other work on the machine. */
  nice: number;
};

export type Dataset = { table: string; label: string; rows: number }[];

function cpuModel(): string {
  const model = os.cpus()[0]?.model?.trim();
  if (model) return model;
  try {
    return (
      readFileSync("/proc/cpuinfo", "utf8")
        .match(/^model name\s*:\s*(.+)$/m)?.[1]
        ?.trim() ?? "unknown"
    );
  } catch {
    return "unknown";
  }
}

export async function describeMachine({ databaseUrl }: { databaseUrl: string }): Promise<Machine> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
    return {
      date: new Date().toISOString(),
      cpu: cpuModel(),
      cores: os.cpus().length,
      memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
      postgres: rows[0]?.server_version ?? "unknown",
      loadBefore: os.loadavg()[0] ?? 0,
      loadAfter: null,
      nice: os.getPriority(),
    };
  } finally {
    await client.end();
  }
}

const counted: { table: string; label: string }[] = [
  { table: "people", label: "people" },
  { table: "one_on_one_meetings", label: "1:1 meetings" },
  { table: "feedback", label: "feedback items" },
  { table: "plans", label: "success plans" },
  { table: "plan_checkins", label: "plan check-ins" },
  { table: "audit_events", label: "audit events" },
];

/** Exact row counts of the tables the pages read most. */
export async function countDataset({ databaseUrl }: { databaseUrl: string }): Promise<Dataset> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const dataset: Dataset = [];
    for (const { table, label } of counted) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
      dataset.push({ table, label, rows: Number(rows[0]?.n ?? 0) });
    }
    return dataset;
  } finally {
    await client.end();
  }
}
