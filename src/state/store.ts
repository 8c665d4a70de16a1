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
  type WatchedViews,
  type PendingSync,
  type SyncStep,
  type TimelineEntry,
  type TaintSpec,
  type TimeState,
} from '../worker/protocol.ts';
import { DEFAULT_DAEMONSET_YAML, defaultSession } from './defaults.ts';
import { problemsFor } from './problems.ts';
import {
  clearSaved,
  loadHistory,
  loadSaved,
  saveEditor,
  saveHistory,
  saveSession,
  saveTime,
  type Saved,
} from './persist.ts';

export interface ClusterMaps {
  Node: Map<string, Node>;
  Pod: Map<string, Pod>;
  DaemonSet: Map<string, DaemonSet>;
  Event: Map<string, Event>;
  ControllerRevision: Map<string, AnyObject>;
  PriorityClass: Map<string, AnyObject>;
}

export interface ConsoleEntry {
  id: number;
  command: string;
  stdin?: string;
  output: string;
  exitCode: number;
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
  /**
   * Looking at the past (read-only): the cluster as it was at `atMs`. While set, `cluster` holds
   * that past state and the live cluster keeps updating out of sight.
   */
  past: { atMs: number; beforeSyncs: boolean } | null;
  /** The control loop as step mode shows it: the last sync run, what is queued, recent entries. */
  loop: {
    step?: SyncStep;
    stepped: boolean;
    /** How many single steps have been answered (lets a reader tell one step's answer from the next). */
    steps: number;
    pending: PendingSync[];
    entries: TimelineEntry[];
  } | null;
  /** The kubectl console: what was typed and printed, and the command history (oldest first). */
  console: { entries: ConsoleEntry[]; history: string[] };
  /** The selected DaemonSet's rollout (status, history), kept current by the worker. */
  rollout: RolloutView | null;
  /**
   * The DaemonSet the graph explains (the selected one, else the first) and the selected node,
   * with the worker's verdicts for them.
   */
  focus: { daemonSet: string | null; node: string | null };
  explain: WatchedViews['explain'];
  nodeVerdicts: WatchedViews['nodeVerdicts'];
  /** Where the current session came from (`?scenario=` URL), for autosave keys. */
  scenarioUrl?: string;
}

function bumpAll(versions: Record<Kind, number>): Record<Kind, number> {
  const out = { ...versions };
  for (const k of Object.keys(out) as Kind[]) out[k]++;
  return out;
}

function applyChanges(
  cluster: ClusterMaps,
  changes: ReadonlyArray<{ type: string; kind: Kind; key: string; object?: AnyObject }>,
): void {
  for (const c of changes) {
    const map = cluster[c.kind] as Map<string, AnyObject>;
    if (c.type === 'upsert' && c.object) map.set(c.key, c.object);
    else map.delete(c.key);
  }
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
  private pastRequests = new Map<number, () => void>();
  /** The live cluster while `past` is shown. */
  private live: ClusterMaps | undefined;
  private completions = new Map<number, (c: { replaceFrom: number; candidates: string[] }) => void>();
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
      focus: { daemonSet: null, node: null },
      explain: null,
      nodeVerdicts: null,
      past: null,
      loop: null,
      console: { entries: [], history: loadHistory(this.storage) },
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
    // A new worker watches nothing yet: the focus is sent again once its snapshot is in.
    this.set({ session, focus: { daemonSet: null, node: null } });
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
        this.live = undefined;
        this.set({
          ready: true,
          cluster,
          versions,
          time: msg.time,
          session: msg.session,
          colors,
          past: null,
        });
        this.persistTime(msg.time.nowMs, true);
        this.refocus();
        return;
      }
      case 'diff': {
        if (msg.watched !== undefined)
          this.set({
            rollout: msg.watched.rollout,
            explain: msg.watched.explain,
            nodeVerdicts: msg.watched.nodeVerdicts,
          });
        if (msg.changes.length > 0 && this.live) {
          // Looking at the past: keep the live cluster current out of sight.
          applyChanges(this.live, msg.changes);
          this.set({ time: msg.time });
        } else if (msg.changes.length > 0) {
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
          if (msg.changes.some((c) => c.kind === 'DaemonSet' && (c.type === 'delete' || c.created)))
            this.refocus();
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
      case 'past': {
        const resolve = this.pastRequests.get(msg.id);
        this.pastRequests.delete(msg.id);
        if (!resolve) return;
        const cluster = emptyCluster();
        for (const { kind, key, object } of msg.objects)
          (cluster[kind] as Map<string, AnyObject>).set(key, object);
        if (!this.live) this.live = this.state.cluster;
        this.set({
          cluster,
          versions: bumpAll(this.state.versions),
          past: { atMs: msg.atMs, beforeSyncs: msg.beforeSyncs },
          loop: { stepped: false, steps: this.state.loop?.steps ?? 0, pending: [], entries: msg.entries },
        });
        resolve();
        return;
      }
      case 'loop': {
        // Step mode lasts until the clock plays again; a mere look at the loop does not end it.
        const prev = this.state.loop;
        const sticky = !msg.stepped && prev?.stepped === true && !this.state.time.playing;
        const step = msg.step ?? (sticky ? prev?.step : undefined);
        this.set({
          loop: {
            ...(step ? { step } : {}),
            stepped: msg.stepped || sticky,
            steps: (prev?.steps ?? 0) + (msg.stepped ? 1 : 0),
            pending: msg.pending,
            entries: msg.entries,
          },
        });
        return;
      }
      case 'completion': {
        const resolve = this.completions.get(msg.id);
        this.completions.delete(msg.id);
        resolve?.({ replaceFrom: msg.replaceFrom, candidates: msg.candidates });
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
    // Changing the cluster happens in the present.
    this.backToLive();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      const stepMode = this.state.loop?.stepped === true && !this.state.time.playing;
      this.client.send({
        v: PROTOCOL_VERSION,
        type: 'command',
        id,
        command,
        ...(stepMode ? { settle: false } : {}),
      });
      if (stepMode) this.client.send({ v: PROTOCOL_VERSION, type: 'inspectLoop' });
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
    this.backToLive();
    // Playing ends step mode.
    if (this.state.loop?.stepped) this.set({ loop: { ...this.state.loop, stepped: false } });
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
    this.set({ selection });
    this.refocus();
  }

  /**
   * Tell the worker what to explain: the selected DaemonSet (or the selected pod's, or else the
   * first one), and the selected node. Called when the selection or the set of DaemonSets changes.
   */
  private refocus(): void {
    const s = this.state;
    const sel = s.selection;
    let daemonSet: string | null = null;
    if (sel?.kind === 'daemonset' && s.cluster.DaemonSet.has(sel.name)) daemonSet = sel.name;
    else if (sel?.kind === 'pod') {
      const pod = s.cluster.Pod.get(sel.name);
      const uid = pod?.metadata?.ownerReferences?.find((r) => r.controller)?.uid;
      for (const [k, d] of s.cluster.DaemonSet) if (uid && d.metadata?.uid === uid) daemonSet = k;
    }
    if (daemonSet === null) daemonSet = [...s.cluster.DaemonSet.keys()].sort()[0] ?? null;
    const node = sel?.kind === 'node' ? sel.name : null;
    if (daemonSet === s.focus.daemonSet && node === s.focus.node) return;
    this.set({
      focus: { daemonSet, node },
      ...(daemonSet === null ? { rollout: null, explain: null } : {}),
      ...(node === null ? { nodeVerdicts: null } : {}),
    });
    this.client.send({ v: PROTOCOL_VERSION, type: 'watch', daemonSet, node });
  }

  // ---- the timeline ------------------------------------------------------------------------------

  /** Show the cluster as it was at `atMs` (read-only). The clock pauses while you look. */
  viewAt(atMs: number, beforeSyncs = false): Promise<void> {
    if (this.state.time.playing) this.pause();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pastRequests.set(id, resolve);
      this.client.send({ v: PROTOCOL_VERSION, type: 'viewAt', id, atMs, beforeSyncs });
    });
  }

  /** Back to the live cluster. */
  backToLive(): void {
    if (!this.live) return;
    this.pastRequests.clear();
    const cluster = this.live;
    this.live = undefined;
    this.set({ cluster, versions: bumpAll(this.state.versions), past: null });
    this.client.send({ v: PROTOCOL_VERSION, type: 'inspectLoop' });
  }

  /** Step mode: run one controller sync and show what it decided. */
  stepSync(): void {
    this.backToLive();
    if (this.state.time.playing) this.set({ time: { ...this.state.time, playing: false } });
    this.client.send({ v: PROTOCOL_VERSION, type: 'stepSync' });
  }

  inspectLoop(): void {
    this.client.send({ v: PROTOCOL_VERSION, type: 'inspectLoop' });
  }

  /** Run a line typed in the kubectl console (the leading `kubectl` is optional). */
  async runKubectl(line: string, stdin?: string): Promise<ConsoleEntry> {
    const command = line.trim();
    const history = [...this.state.console.history.filter((h) => h !== command), command].slice(-100);
    this.set({ console: { ...this.state.console, history } });
    if (this.storage) saveHistory(this.storage, history);
    const r = await this.command({
      type: 'kubectl',
      line: command,
      ...(stdin !== undefined ? { stdin } : {}),
    });
    const entry: ConsoleEntry = {
      id: this.nextId++,
      command,
      ...(stdin !== undefined ? { stdin } : {}),
      output: r.console?.output ?? (r.ok ? '' : r.message),
      exitCode: r.console?.exitCode ?? (r.ok ? 0 : 1),
    };
    const entries = [...this.state.console.entries, entry].slice(-200);
    this.set({ console: { ...this.state.console, entries } });
    return entry;
  }

  clearConsole(): void {
    this.set({ console: { ...this.state.console, entries: [] } });
  }

  complete(line: string): Promise<{ replaceFrom: number; candidates: string[] }> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.completions.set(id, resolve);
      this.client.send({ v: PROTOCOL_VERSION, type: 'complete', id, line });
    });
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
        focus: { daemonSet: null, node: null },
        explain: null,
        nodeVerdicts: null,
        past: null,
        loop: null,
      },
      true,
    );
    this.live = undefined;
    this.boot(defaultSession(), true, 1);
    this.persistAll();
  }

  /** Fetch a scenario file (same origin, relative URL) and start over from it. */
  async loadScenarioUrl(url: string): Promise<boolean> {
    let text: string;
    // The playground makes no request to another origin: a scenario must come from this site.
    const here = globalThis.location?.href;
    if (here !== undefined) {
      let target: URL;
      try {
        target = new URL(url, here);
      } catch {
        this.notify({ level: 'error', text: `Could not load scenario ${url}: not a valid URL` });
        return false;
      }
      if (target.origin !== new URL(here).origin) {
        this.notify({
          level: 'error',
          text: `Could not load scenario ${url}: scenarios load only from this site (use a relative URL such as scenarios/example.yaml)`,
        });
        return false;
      }
    }
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
