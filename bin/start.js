#!/usr/bin/env node
// `npm start`: builds the web app and the server when they are missing or older than their
// sources, then runs the built server (with source maps, so stack traces name src/ lines).
import { pathToFileURL } from "node:url";
import { buildServer, buildWeb, serverEntry, serverIsStale, webIsStale } from "./build.js";

try {
  if (webIsStale()) {
    console.log("headway: building the web app…");
    buildWeb();
  }
  if (serverIsStale()) {
    console.log("headway: building the server…");
    await buildServer();
  }
} catch (err) {
  console.error(`headway: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

process.setSourceMapsEnabled(true);
await import(pathToFileURL(serverEntry).href);
