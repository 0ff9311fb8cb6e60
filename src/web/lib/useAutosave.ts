import { useCallback, useEffect, useRef, useState } from "react";
import { messageOf } from "../api";

export type SaveState = "idle" | "saving" | "saved" | "error" | "conflict";

const DEBOUNCE_MS = 800;

export type AutosaveOptions<Draft, Saved> = {
  /** The draft to start from (read once). */
  initialDraft: () => Draft;
  /** The version last read; every save carries it, and a stale one is refused. */
  initialVersion: number;
  /** Sends the whole draft with the version last read. */
  send: (draft: Draft, version: number) => Promise<Saved>;
  versionOf: (saved: Saved) => number;
  /** Reads the record as the server has it now (after a conflict that carried no copy). */
  fetchTheirs: () => Promise<Saved>;
  /** The draft of a record read from the server (loading theirs after a conflict). */
  draftOf: (saved: Saved) => Draft;
  /**
   * A refused save: the server's copy when `error` is a version conflict (`null` when it sent
   * none), `undefined` when it is not a conflict.
   */
  conflictOf: (error: unknown) => Saved | null | undefined;
  /** After a save: caches, side state; may return the draft to adopt (e.g. with new ids). */
  onSaved?: (saved: Saved, sent: Draft, current: Draft) => Draft | undefined;
  /** After a save that failed other than by a conflict. */
  onError?: (error: unknown) => void;
  /** After their version is loaded over the draft. */
  onLoaded?: (theirs: Saved) => void;
  /** A save with nothing left to send still answers false while the last one failed. */
  idleReportsFailure?: boolean;
};

/**
 * Autosave: a debounced save of the whole draft carrying the version last read; a stale one is
 * refused as a conflict, which blocks saving until the user loads theirs or keeps theirs.
 */
export function useAutosave<Draft, Saved>(options: AutosaveOptions<Draft, Saved>) {
  const opts = useRef(options);
  opts.current = options;
  const [draft, setDraft] = useState<Draft>(options.initialDraft);
  const [state, setState] = useState<SaveState>("idle");
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [theirs, setTheirs] = useState<Saved | null>(null);
  const draftRef = useRef(draft);
  const version = useRef(options.initialVersion);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saving = useRef<Promise<boolean> | null>(null);
  const dirty = useRef(false);
  const blocked = useRef(false);
  const failed = useRef(false);
  /** While a held request runs (see `hold`), saves wait for it. */
  const held = useRef<Promise<void> | null>(null);

  const setCurrent = useCallback((next: Draft) => {
    draftRef.current = next;
    setDraft(next);
  }, []);

  const save = useCallback(async (): Promise<boolean> => {
    if (saving.current) await saving.current;
    if (held.current) await held.current;
    if (!dirty.current || blocked.current)
      return !blocked.current && !(opts.current.idleReportsFailure && failed.current);
    const sent = draftRef.current;
    dirty.current = false;
    setState("saving");
    const run = (async () => {
      try {
        const o = opts.current;
        const saved = await o.send(sent, version.current);
        version.current = o.versionOf(saved);
        failed.current = false;
        const next = o.onSaved?.(saved, sent, draftRef.current);
        setError(null);
        if (next !== undefined) setCurrent(next);
        setSavedAt(new Date().toISOString());
        setState(dirty.current ? "saving" : "saved");
        return true;
      } catch (e) {
        dirty.current = true;
        const conflict = opts.current.conflictOf(e);
        if (conflict !== undefined) {
          blocked.current = true;
          setTheirs(conflict);
          setState("conflict");
          return false;
        }
        failed.current = true;
        opts.current.onError?.(e);
        setError(messageOf(e));
        setState("error");
        return false;
      } finally {
        saving.current = null;
      }
    })();
    saving.current = run;
    const ok = await run;
    if (ok && dirty.current) return save();
    return ok;
  }, [setCurrent]);

  const change = useCallback(
    (fn: (d: Draft) => Draft) => {
      setCurrent(fn(draftRef.current));
      dirty.current = true;
      if (blocked.current) return;
      setState((s) => (s === "error" ? s : "idle"));
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), DEBOUNCE_MS);
    },
    [save, setCurrent],
  );

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    return save();
  }, [save]);

  // Leaving the page saves what is pending.
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      if (dirty.current && !blocked.current) void save();
    },
    [save],
  );

  /** Drops the draft for the version saved elsewhere. */
  const loadTheirs = async () => {
    const current = theirs ?? (await opts.current.fetchTheirs());
    version.current = opts.current.versionOf(current);
    setCurrent(opts.current.draftOf(current));
    opts.current.onLoaded?.(current);
    blocked.current = false;
    dirty.current = false;
    setTheirs(null);
    setState("idle");
  };

  /** Saves the draft over the version saved elsewhere. */
  const keepMine = async () => {
    const current = theirs ?? (await opts.current.fetchTheirs());
    version.current = opts.current.versionOf(current);
    blocked.current = false;
    dirty.current = true;
    setTheirs(null);
    await save();
  };

  /** Holds autosave while `fn` runs a request of its own; what changed meanwhile saves after. */
  const hold = useCallback(
    async <T>(fn: () => Promise<T>): Promise<T> => {
      let release = () => {};
      held.current = new Promise<void>((resolve) => {
        release = resolve;
      });
      let result: T;
      try {
        result = await fn();
      } finally {
        held.current = null;
        release();
      }
      if (dirty.current && !blocked.current)
        timer.current = setTimeout(() => void save(), DEBOUNCE_MS);
      return result;
    },
    [save],
  );

  /** Takes a version saved by another request, and updates the draft to match it. */
  const adopt = useCallback(
    (savedVersion: number, update: (d: Draft) => Draft) => {
      version.current = savedVersion;
      setCurrent(update(draftRef.current));
    },
    [setCurrent],
  );

  /** The draft as it is now, changes not yet rendered included. */
  const current = useCallback(() => draftRef.current, []);

  return {
    draft,
    change,
    flush,
    state,
    savedAt,
    error,
    theirs,
    loadTheirs,
    keepMine,
    hold,
    adopt,
    current,
    version,
  };
}
