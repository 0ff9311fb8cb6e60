#!/usr/bin/env node
// The `headway` command: runs the built CLI, building it first when it is missing or older than
// its sources (silently: its output is the command's own).
import { pathToFileURL } from "node:url";
import { buildServer, cliEntry, serverIsStale } from "./build.js";

if (serverIsStale()) {
  try {
    await buildServer();
  } catch (err) {
    console.error(`headway: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

process.setSourceMapsEnabled(true);
await import(pathToFileURL(cliEntry).href);
