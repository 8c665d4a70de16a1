// The one store. The worker feeds it; panels read it through the selectors in selectors.ts and
// change things only through the actions below, each of which becomes a command to the worker.
//
// Cluster objects live in Maps that are updated in place (a 5,000-node cluster changes a few
// hundred objects per tick; copying 50,000 entries each time would be the slowest thing in the
// app). Each kind has a version number that changes with every update, and that is what
// selectors and React subscribe to.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { AnyObject, DaemonSet, Event, Kind, Node, Pod } from '../sim/api/types.ts';
import type { EditorProblem } from '../ui/editor/types.ts';
import { createWorkerClient, type SimClient } from '../worker/client.ts';
import {
  PROTOCOL_VERSION,
  type Cascade,
  type Command,
  type CommandResult,
  type FromWorker,
  type NodeConditionType,
  type RolloutView,
  type Session,
  type TaintSpec,
  type TimeState,
} from '../worker/protocol.ts';
import { DEFAULT_DAEMONSET_YAML, defaultSession } from './defaults.ts';
import { problemsFor } from './problems.ts';
import { clearSaved, loadSaved, saveEditor, saveSession, saveTime, type Saved } from './persist.ts';

export interface ClusterMaps {
  Node: Map<string, Node>;
  Pod: Map<string, Pod>;
  DaemonSet: Map<string, DaemonSet>;
  Event: Map<string, Event>;
  ControllerRevision: Map<string, AnyObject>;
  PriorityClass: Map<string, AnyObject>;
}

export type Selection = { kind: 'node' | 'pod' | 'daemonset'; name: string } | undefined;

export interface Notice {
  level: 'error' | 'info';
  text: string;
}

export interface AppState {
  /** False until the worker has sent its first snapshot. */
  ready: boolean;
  cluster: ClusterMaps;
  /** Bumped on every change of the corresponding kind. */
  versions: Record<Kind, number>;
  time: TimeState;
  session: Session;
  editor: {
    text: string;
    problems: EditorProblem[];
    /** kubectl's output for the last apply: one line per resource. */
    output: Array<{ text: string; error: boolean }>;
    applying: boolean;
  };
  /** Stable colour per DaemonSet, assigned in order of first sight. */
  colors: Map<string, number>;
  selection: Selection;
  /** Banner messages: worker crash, scenario errors. */
  notices: Notice[];
  /** The selected DaemonSet's rollout (status, history), kept current by the worker. */
  rollout: RolloutView | null;
  /** Where the current session came from (`?scenario=` URL), for autosave keys. */
  scenarioUrl?: string;
}

function emptyCluster(): ClusterMaps {
  return {
    Node: new Map(),
    Pod: new Map(),
    DaemonSet: new Map(),
    Event: new Map(),
    ControllerRevision: new Map(),
    PriorityClass: new Map(),
  };
}

const ZERO_VERSIONS: Record<Kind, number> = {
  Node: 0,
  Pod: 0,
  DaemonSet: 0,
  Event: 0,
  ControllerRevision: 0,
  PriorityClass: 0,
};

export type AppStore = StoreApi<AppState>;

export interface AppOptions {
  client?: () => SimClient;
  /** Persist to localStorage (the app); tests pass false. */
  persist?: boolean;
  storage?: Storage;
}

/**
 * The app controller: one store plus the actions that talk to the worker. Created once by main.tsx
 * (and by store tests with an in-process client).
 */
export class App {
  readonly store: AppStore;
  private client!: SimClient;
  private nextId = 1;
  private pending = new Map<number, (r: CommandResult) => void>();
  private readonly makeClient: () => SimClient;
  private readonly storage: Storage | undefined;
  private lastTimeSave = 0;

  constructor(opts: AppOptions = {}) {
    this.makeClient = opts.client ?? createWorkerClient;
    this.storage = opts.persist === false ? undefined : (opts.storage ?? globalThis.localStorage);
    this.store = createStore<AppState>()(() => ({
      ready: false,
      cluster: emptyCluster(),
      versions: { ...ZERO_VERSIONS },
      time: { nowMs: 0, playing: false, speed: 1 },
      session: defaultSession(),
      editor: { text: DEFAULT_DAEMONSET_YAML, problems: [], output: [], applying: false },
      colors: new Map(),
      selection: undefined,
      notices: [],
      rollout: null,
    }));
  }

  private get state(): AppState {
    return this.store.getState();
  }

  private set(partial: Partial<AppState>): void {
    this.store.setState(partial);
  }

  // ---- start-up -----------------------------------------------------------------------------

  /**
   * Start the worker. With `scenarioUrl`, a saved session of that same scenario is restored,
   * otherwise the scenario is fetched and loaded; without it, the saved session or the default.
   */
  async start(scenarioUrl?: string): Promise<void> {
    const saved = this.storage ? loadSaved(this.storage) : undefined;
    const resumable = saved && (saved.scenarioUrl ?? '') === (scenarioUrl ?? '');
    if (resumable) {
      this.set({
        editor: { ...this.state.editor, text: saved.editorText },
        ...(scenarioUrl ? { scenarioUrl } : {}),
      });
      this.boot(saved.session, saved.playing, saved.speed);
      return;
    }
    if (saved && this.storage) {
      // A different scenario was asked for: keep the user's editor text, start the new scenario.
      this.set({ editor: { ...this.state.editor, text: saved.editorText } });
    }
    this.boot(defaultSession(), !scenarioUrl, 1);
    if (scenarioUrl) await this.loadScenarioUrl(scenarioUrl);
    else this.persistAll();
  }

  private boot(session: Session, playing: boolean, speed: number): void {
    this.client = this.makeClient();
    this.client.subscribe(
      (msg) => this.receive(msg),
      (reason) => this.crashed(reason),
    );
    this.client.send({ v: PROTOCOL_VERSION, type: 'init', session, playing, speed });
    this.set({ session });
    const sel = this.state.selection;
    if (sel?.kind === 'daemonset')
      this.client.send({ v: PROTOCOL_VERSION, type: 'watchRollout', daemonSet: sel.name });
  }

  private crashed(reason: string): void {
    const { session, time } = this.state;
    this.client.terminate();
    for (const resolve of this.pending.values())
      resolve({ ok: false, message: 'error: the simulation restarted before answering', outcomes: [] });
    this.pending.clear();
    this.notify({
      level: 'error',
      text: `The simulation stopped (${reason}). It was restarted from the last state, t+${Math.floor(time.nowMs / 1000)}s.`,
    });
    this.boot({ ...session, nowMs: time.nowMs }, false, time.speed);
  }

  // ---- messages from the worker ---------------------------------------------------------------

  private receive(msg: FromWorker): void {
    switch (msg.type) {
      case 'ready':
        return;
      case 'snapshot': {
        const cluster = emptyCluster();
        for (const { kind, key, object } of msg.objects)
          (cluster[kind] as Map<string, AnyObject>).set(key, object);
        const colors = new Map<string, number>();
        this.assignColors(colors, cluster.DaemonSet.keys());
        const versions = { ...this.state.versions };
        for (const k of Object.keys(versions) as Kind[]) versions[k]++;
        this.set({ ready: true, cluster, versions, time: msg.time, session: msg.session, colors });
        this.persistTime(msg.time.nowMs, true);
        return;
      }
      case 'diff': {
        if (msg.rollout !== undefined) this.set({ rollout: msg.rollout });
        if (msg.changes.length > 0) {
          const { cluster } = this.state;
          const versions = { ...this.state.versions };
          let newDaemonSets = false;
          for (const c of msg.changes) {
            const map = cluster[c.kind] as Map<string, AnyObject>;
            if (c.type === 'upsert') {
              if (c.kind === 'DaemonSet' && !map.has(c.key)) newDaemonSets = true;
              map.set(c.key, c.object);
            } else map.delete(c.key);
            versions[c.kind]++;
          }
          let colors = this.state.colors;
          if (newDaemonSets) {
            colors = new Map(colors);
            this.assignColors(colors, cluster.DaemonSet.keys());
          }
          this.set({ versions, time: msg.time, colors });
        } else if (
          msg.time.nowMs !== this.state.time.nowMs ||
          msg.time.playing !== this.state.time.playing ||
          msg.time.speed !== this.state.time.speed ||
          msg.time.nextDueMs !== this.state.time.nextDueMs
        ) {
          this.set({ time: msg.time });
        }
        this.persistTime(msg.time.nowMs, false);
        return;
      }
      case 'result': {
        this.set({ session: msg.session });
        this.persistSession();
        const resolve = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        resolve?.(msg.result);
        return;
      }
      case 'fatal':
        this.crashed(msg.message.split('\n')[0] ?? msg.message);
        return;
    }
  }

  private assignColors(colors: Map<string, number>, keys: Iterable<string>): void {
    for (const k of keys) if (!colors.has(k)) colors.set(k, colors.size);
  }

  // ---- persistence ------------------------------------------------------------------------------

  private saved(): Saved {
    const s = this.state;
    return {
      editorText: s.editor.text,
      session: { ...s.session, nowMs: s.time.nowMs },
      playing: s.time.playing,
      speed: s.time.speed,
      ...(s.scenarioUrl ? { scenarioUrl: s.scenarioUrl } : {}),
    };
  }

  private persistAll(): void {
    if (!this.storage) return;
    saveEditor(this.storage, this.state.editor.text);
    saveSession(this.storage, this.saved());
  }

  private persistSession(): void {
    if (this.storage) saveSession(this.storage, this.saved());
  }

  private persistTime(nowMs: number, force: boolean): void {
    if (!this.storage) return;
    // The clock moves 20 times a second while playing; twice a second is plenty for a reload.
    if (!force && Math.abs(nowMs - this.lastTimeSave) < 500 && this.state.time.playing) return;
    this.lastTimeSave = nowMs;
    saveTime(this.storage, { nowMs, playing: this.state.time.playing, speed: this.state.time.speed });
  }

  // ---- commands ---------------------------------------------------------------------------------

  /** Send a command; resolves with the API server's answer. */
  command(command: Command): Promise<CommandResult> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.client.send({ v: PROTOCOL_VERSION, type: 'command', id, command });
    });
  }

  setEditorText(text: string): void {
    this.set({ editor: { ...this.state.editor, text } });
    if (this.storage) saveEditor(this.storage, text);
  }

  async applyEditor(): Promise<CommandResult> {
    const text = this.state.editor.text;
    this.set({ editor: { ...this.state.editor, applying: true } });
    const result = await this.command({ type: 'applyYaml', text });
    const output = result.outcomes.map((o) => ({ text: o.message, error: o.result === 'error' }));
    if (!result.ok && result.outcomes.length === 0) output.push({ text: result.message, error: true });
    this.set({
      editor: { ...this.state.editor, applying: false, output, problems: problemsFor(text, result) },
    });
    return result;
  }

  private async report(p: Promise<CommandResult>): Promise<CommandResult> {
    const r = await p;
    if (!r.ok) this.notify({ level: 'error', text: r.message });
    return r;
  }

  addNodes(objects: AnyObject[]): Promise<CommandResult> {
    return this.report(this.command({ type: 'applyObjects', objects }));
  }

  deleteObject(kind: Kind, name: string, namespace?: string, cascade?: Cascade): Promise<CommandResult> {
    return this.report(
      this.command({
        type: 'delete',
        kind,
        name,
        ...(namespace ? { namespace } : {}),
        ...(cascade ? { cascade } : {}),
      }),
    );
  }

  patchNode(
    name: string,
    patch: { labels?: Record<string, string | null>; taints?: TaintSpec[]; unschedulable?: boolean },
  ): Promise<CommandResult> {
    return this.report(this.command({ type: 'patchNode', name, ...patch }));
  }

  setNodeCondition(
    name: string,
    condition: NodeConditionType,
    status: 'True' | 'False' | 'Unknown',
  ): Promise<CommandResult> {
    return this.report(this.command({ type: 'setNodeCondition', name, condition, status }));
  }

  failPod(key: string): Promise<CommandResult> {
    const [namespace, name] = key.split('/') as [string, string];
    return this.report(this.command({ type: 'failPod', namespace, name }));
  }

  // ---- time ---------------------------------------------------------------------------------------

  play(speed = this.state.time.speed): void {
    this.client.send({ v: PROTOCOL_VERSION, type: 'play', speed });
    this.set({ time: { ...this.state.time, playing: true, speed } });
    this.persistTime(this.state.time.nowMs, true);
  }

  pause(): void {
    this.client.send({ v: PROTOCOL_VERSION, type: 'pause' });
    this.set({ time: { ...this.state.time, playing: false } });
    this.persistTime(this.state.time.nowMs, true);
  }

  setSpeed(speed: number): void {
    if (this.state.time.playing) this.play(speed);
    else {
      this.set({ time: { ...this.state.time, speed } });
      this.persistTime(this.state.time.nowMs, true);
    }
  }

  step(): void {
    if (this.state.time.playing) this.pause();
    this.client.send({ v: PROTOCOL_VERSION, type: 'step' });
  }

  advance(ms: number): void {
    this.client.send({ v: PROTOCOL_VERSION, type: 'advance', ms });
  }

  // ---- selection, notices, reset, scenarios ---------------------------------------------------------

  select(selection: Selection): void {
    const was = this.state.selection;
    this.set({ selection });
    const ds = selection?.kind === 'daemonset' ? selection.name : null;
    const wasDs = was?.kind === 'daemonset' ? was.name : null;
    if (ds !== wasDs) {
      if (ds === null) this.set({ rollout: null });
      this.client.send({ v: PROTOCOL_VERSION, type: 'watchRollout', daemonSet: ds });
    }
  }

  rolloutUndo(key: string, toRevision?: number): Promise<CommandResult> {
    const [namespace, name] = key.split('/') as [string, string];
    return this.report(
      this.command({
        type: 'rolloutUndo',
        namespace,
        name,
        ...(toRevision !== undefined ? { toRevision } : {}),
      }),
    );
  }

  notify(n: Notice): void {
    this.set({ notices: [...this.state.notices.slice(-4), n] });
  }

  dismissNotice(index: number): void {
    this.set({ notices: this.state.notices.filter((_, i) => i !== index) });
  }

  /** Start fresh: the default cluster and DaemonSet, playing. */
  reset(): void {
    if (this.storage) clearSaved(this.storage);
    this.client.terminate();
    for (const resolve of this.pending.values())
      resolve({ ok: false, message: 'error: reset', outcomes: [] });
    this.pending.clear();
    const { scenarioUrl: _dropped, ...rest } = this.state;
    void _dropped;
    this.store.setState(
      {
        ...rest,
        ready: false,
        editor: { text: DEFAULT_DAEMONSET_YAML, problems: [], output: [], applying: false },
        selection: undefined,
        notices: [],
        rollout: null,
      },
      true,
    );
    this.boot(defaultSession(), true, 1);
    this.persistAll();
  }

  /** Fetch a scenario file (same origin, relative URL) and start over from it. */
  async loadScenarioUrl(url: string): Promise<boolean> {
    let text: string;
    try {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
      text = await res.text();
    } catch (e) {
      this.notify({ level: 'error', text: `Could not load scenario ${url}: ${(e as Error).message}` });
      return false;
    }
    return this.loadScenarioText(text, url);
  }

  async loadScenarioText(text: string, file: string): Promise<boolean> {
    const result = await this.command({ type: 'loadScenario', text, file });
    if (!result.ok) {
      this.notify({ level: 'error', text: `Scenario not loaded: ${result.message}` });
      return false;
    }
    const { scenarioEditorText } = await import('./scenarioText.ts');
    this.set({
      scenarioUrl: file,
      editor: { text: scenarioEditorText(text, file), problems: [], output: [], applying: false },
      selection: undefined,
    });
    const refused = result.outcomes.filter((o) => o.result === 'error');
    if (refused.length > 0)
      this.notify({
        level: 'info',
        text: `Scenario loaded; the API server refused: ${refused.map((o) => o.message).join('; ')}`,
      });
    this.persistAll();
    return true;
  }

  destroy(): void {
    this.client.terminate();
  }
}

/** React binding: `useApp(app, selector)`. */
export function useAppState<T>(app: App, selector: (s: AppState) => T): T {
  return useStore(app.store, selector);
}
