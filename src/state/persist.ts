// Autosave in localStorage. The editor text is written on every change (it is what the user
// typed and must survive anything); the session log on every command; the clock twice a second.
// A reload replays the log to the saved time, which rebuilds the cluster exactly.

import type { Session } from '../worker/protocol.ts';

const PREFIX = 'daemonset-playground.v1.';
const EDITOR = PREFIX + 'editor';
const SESSION = PREFIX + 'session';
const TIME = PREFIX + 'time';
const HISTORY = PREFIX + 'console-history';

export interface Saved {
  editorText: string;
  session: Session;
  playing: boolean;
  speed: number;
  scenarioUrl?: string;
}

function write(storage: Storage, key: string, value: string): void {
  try {
    storage.setItem(key, value);
  } catch {
    // Storage full or disabled (private mode): the app keeps working, it just cannot autosave.
  }
}

export function saveEditor(storage: Storage, text: string): void {
  write(storage, EDITOR, text);
}

export function saveSession(storage: Storage, saved: Saved): void {
  const { session, scenarioUrl } = saved;
  write(storage, SESSION, JSON.stringify({ seed: session.seed, log: session.log, scenarioUrl }));
  saveTime(storage, { nowMs: session.nowMs, playing: saved.playing, speed: saved.speed });
}

export function saveTime(storage: Storage, t: { nowMs: number; playing: boolean; speed: number }): void {
  write(storage, TIME, JSON.stringify(t));
}

export function clearSaved(storage: Storage): void {
  for (const k of [EDITOR, SESSION, TIME]) storage.removeItem(k);
}

/** The saved state, or undefined when there is none or it cannot be read. */
export function loadSaved(storage: Storage): Saved | undefined {
  try {
    const raw = storage.getItem(SESSION);
    if (raw === null) return undefined;
    const s = JSON.parse(raw) as { seed?: unknown; log?: unknown; scenarioUrl?: unknown };
    if (typeof s.seed !== 'number' || !Array.isArray(s.log)) return undefined;
    const t = JSON.parse(storage.getItem(TIME) ?? '{}') as {
      nowMs?: unknown;
      playing?: unknown;
      speed?: unknown;
    };
    const nowMs = typeof t.nowMs === 'number' && t.nowMs >= 0 ? t.nowMs : 0;
    return {
      editorText: storage.getItem(EDITOR) ?? '',
      session: { seed: s.seed, log: s.log as Session['log'], nowMs },
      playing: t.playing === true,
      speed: typeof t.speed === 'number' && t.speed > 0 ? t.speed : 1,
      ...(typeof s.scenarioUrl === 'string' ? { scenarioUrl: s.scenarioUrl } : {}),
    };
  } catch {
    return undefined;
  }
}

/** The console's command history survives reloads and resets, as a shell's does. */
export function saveHistory(storage: Storage, history: string[]): void {
  write(storage, HISTORY, JSON.stringify(history));
}

export function loadHistory(storage: Storage | undefined): string[] {
  if (!storage) return [];
  try {
    const h = JSON.parse(storage.getItem(HISTORY) ?? '[]') as unknown;
    return Array.isArray(h) ? h.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
