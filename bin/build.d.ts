// Types for bin/build.js (plain JavaScript: `npm start` runs it without a TypeScript loader).
export const root: string;
export const webEntry: string;
export const serverEntry: string;
export const cliEntry: string;
export function webIsStale(): boolean;
export function serverIsStale(): boolean;
export function buildWeb(): void;
export function buildServer(): Promise<void>;
