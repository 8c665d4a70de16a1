// The simulated API server: an in-memory object store with the parts of kube-apiserver that a
// DaemonSet's life depends on — uid/resourceVersion/generation bookkeeping, defaulting and validation
// per kind (registry strategies), admission that daemon pods pass through, graceful deletion with
// finalizers, and watches.
//
// Stored objects are immutable by convention: every write stores a new object, so readers may keep
// references without copying. (Tests turn on `freeze` to enforce it.)

import type { AnyObject, FieldError, Kind, KindMap, ObjectMeta, Pod } from '../api/types.ts';
import { API_VERSION, KINDS, NAMESPACED } from '../api/types.ts';
import type { VirtualClock } from '../engine/clock.ts';
import type { Rng } from '../engine/rng.ts';
import { NAME_ALPHABET } from '../engine/rng.ts';
import { EPOCH_MS } from '../engine/clock.ts';
import { sameExcept, deepFreeze, keyOf, merge, objectKey, orderedMeta, orderedObject } from './objects.ts';
import { STRATEGIES } from './strategies.ts';
import { decode } from '../api/decode.ts';
import { apiInvalidMessage, kubectlInvalidMessage } from '../api/fieldErrors.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent<K extends Kind = Kind> {
  type: WatchEventType;
  kind: K;
  /** The object's store key (`namespace/name`, or the name of a cluster-scoped object). */
  key: string;
  object: KindMap[K];
  old?: KindMap[K];
}

export type ApiErrorReason =
  'NotFound' | 'AlreadyExists' | 'Invalid' | 'Conflict' | 'Forbidden' | 'BadRequest';

export interface ApiError {
  code: number;
  reason: ApiErrorReason;
  /** The Status message the API returns, e.g. `DaemonSet.apps "agent" is invalid: ...`. */
  message: string;
  /** What kubectl prints for it. */
  kubectlMessage: string;
  causes: FieldError[];
  kind: string;
  name: string;
  namespace?: string;
}

export type ApiResult<T> = { ok: true; object: T } | { ok: false; error: ApiError };

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
}

/** Who is writing: users go through validation and admission; controllers write trusted updates. */
export interface WriteContext {
  /** Field manager / component name; recorded for the timeline. */
  actor: string;
}

const RESOURCE: Record<Kind, { plural: string; group: string }> = {
  Node: { plural: 'nodes', group: '' },
  PriorityClass: { plural: 'priorityclasses', group: 'scheduling.k8s.io' },
  DaemonSet: { plural: 'daemonsets', group: 'apps' },
  ControllerRevision: { plural: 'controllerrevisions', group: 'apps' },
  Pod: { plural: 'pods', group: '' },
  Event: { plural: 'events', group: '' },
};

/** `daemonsets.apps "agent"` style resource name used in NotFound/AlreadyExists messages. */
export function qualifiedResource(kind: Kind): string {
  const r = RESOURCE[kind];
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

export function isKind(s: unknown): s is Kind {
  return typeof s === 'string' && (KINDS as readonly string[]).includes(s);
}

/** An index function's keys for an object: one key, several, or none. */
export type IndexKeys = string | undefined | readonly string[];
/**
 * Index value → store keys of the objects with that value, in the order they gained it. Keys, not
 * objects: a write that keeps an object's index values leaves the index untouched, and reads resolve
 * keys against the store (so they always see the current object).
 */
type Index = { fn: (o: AnyObject) => IndexKeys; map: Map<string, Set<string>> };

export interface ApiServerOptions {
  freeze?: boolean;
}

export class ApiServer {
  private readonly stores = new Map<Kind, Map<string, AnyObject>>();
  private readonly indexes = new Map<Kind, Map<string, Index>>();
  private readonly watchers = new Map<Kind, Array<(e: WatchEvent) => void>>();
  private pending: WatchEvent[] = [];
  private spare: WatchEvent[] | undefined = [];
  private rv = 0;
  private readonly freeze: boolean;
  /** Called on every successful write; the engine's timeline hooks in here. */
  onWrite: ((e: WatchEvent, ctx: WriteContext) => void) | undefined;

  constructor(
    readonly clock: VirtualClock,
    private readonly rng: Rng,
    opts: ApiServerOptions = {},
  ) {
    for (const k of KINDS) this.stores.set(k, new Map());
    this.freeze = opts.freeze ?? false;
  }

  // ---- reads -------------------------------------------------------------------------------

  get<K extends Kind>(kind: K, ns: string | undefined, name: string): KindMap[K] | undefined {
    return this.store(kind).get(keyOf(kind, ns, name)) as KindMap[K] | undefined;
  }

  getByKey<K extends Kind>(kind: K, key: string): KindMap[K] | undefined {
    return this.store(kind).get(key) as KindMap[K] | undefined;
  }

  /** Every stored object of a kind, in creation order. */
  list<K extends Kind>(kind: K): IterableIterator<KindMap[K]> {
    return this.store(kind).values() as IterableIterator<KindMap[K]>;
  }

  count(kind: Kind): number {
    return this.store(kind).size;
  }

  /** Maintain a secondary index (like an informer indexer) over a kind. */
  addIndex<K extends Kind>(kind: K, name: string, fn: (o: KindMap[K]) => IndexKeys): void {
    let forKind = this.indexes.get(kind);
    if (!forKind) this.indexes.set(kind, (forKind = new Map()));
    const idx: Index = { fn: fn as (o: AnyObject) => IndexKeys, map: new Map() };
    forKind.set(name, idx);
    for (const [key, o] of this.store(kind)) this.reindexOne(idx, key, undefined, o);
  }

  byIndex<K extends Kind>(kind: K, name: string, value: string): Iterable<KindMap[K]> {
    const idx = this.indexes.get(kind)?.get(name);
    if (!idx) throw new Error(`no index ${name} on ${kind}`);
    const keys = idx.map.get(value);
    if (!keys) return EMPTY;
    return resolveKeys(keys, this.store(kind)) as Iterable<KindMap[K]>;
  }

  /**
   * `byIndex` read at once into an array, for a caller that only reads: cheaper than the lazy
   * iterator, which exists for callers that write while they iterate.
   */
  listByIndex<K extends Kind>(kind: K, name: string, value: string): Array<KindMap[K]> {
    const idx = this.indexes.get(kind)?.get(name);
    if (!idx) throw new Error(`no index ${name} on ${kind}`);
    const keys = idx.map.get(value);
    const out: Array<KindMap[K]> = [];
    if (!keys) return out;
    const store = this.store(kind);
    for (const k of keys) {
      const o = store.get(k);
      if (o !== undefined) out.push(o as KindMap[K]);
    }
    return out;
  }

  indexSize(kind: Kind, name: string, value: string): number {
    return this.indexes.get(kind)?.get(name)?.map.get(value)?.size ?? 0;
  }

  // ---- watches -----------------------------------------------------------------------------

  watch<K extends Kind>(kind: K, fn: (e: WatchEvent<K>) => void): void {
    let list = this.watchers.get(kind);
    if (!list) this.watchers.set(kind, (list = []));
    list.push(fn as (e: WatchEvent) => void);
  }

  hasPendingWatchEvents(): boolean {
    return this.pending.length > 0;
  }

  /**
   * Deliver queued watch events to the informers' handlers. Delivery is deferred (not inside the
   * write) so that, as in a real cluster, a controller observes its own writes only after its sync.
   */
  deliverWatchEvents(): number {
    let n = 0;
    while (this.pending.length > 0) {
      // Two lists take turns (writes made by handlers queue on the other): no list is regrown
      // from empty on every delivery.
      const batch = this.pending;
      this.pending = this.spare ?? [];
      this.spare = undefined; // a delivery started from a handler gets a list of its own
      for (let i = 0; i < batch.length; i++) {
        const e = batch[i]!;
        const list = this.watchers.get(e.kind);
        if (list) for (const fn of list) fn(e);
        n++;
      }
      batch.length = 0;
      this.spare = batch;
    }
    return n;
  }

  // ---- user-facing writes (validated, admitted) -------------------------------------------

  /** `kubectl create`: defaulting, admission, validation, then store. */
  create<K extends Kind>(input: KindMap[K], ctx: WriteContext = USER): ApiResult<KindMap[K]> {
    const prepared = this.prepareCreate(input);
    return prepared.ok ? this.insertPrepared(prepared.object, ctx) : prepared;
  }

  /**
   * Everything a create does before storing — defaulting, admission, validation — as a dry run.
   * A controller that sends many identical objects (a DaemonSet's pods differ only in the injected
   * node name) prepares one and inserts variants of it: the same input gives the same output.
   */
  prepareCreate<K extends Kind>(input: KindMap[K]): ApiResult<KindMap[K]> {
    return this.guard(input, () => this.prepareCreateUnguarded(input));
  }

  private prepareCreateUnguarded<K extends Kind>(input: KindMap[K]): ApiResult<KindMap[K]> {
    const kindOrErr = this.kindOf(input);
    if (typeof kindOrErr !== 'string') return kindOrErr;
    const kind = kindOrErr as K;
    const decoded = decode(kind, input);
    if (!decoded.ok) return { ok: false, error: this.undecodable(input, decoded.error, 'creating') };
    const strategy = STRATEGIES[kind];
    let obj = decoded.object;
    const meta: ObjectMeta = merge(obj.metadata, {});
    if (NAMESPACED[kind]) meta.namespace = meta.namespace || 'default';
    else delete meta.namespace;
    obj = { ...obj, apiVersion: API_VERSION[kind], kind, metadata: meta } as KindMap[K];

    const prepared = strategy.prepareForCreate(obj, this);
    if ('error' in prepared) return { ok: false, error: this.forbidden(kind, meta, prepared.error) };
    obj = prepared.object as KindMap[K];

    const errs = strategy.validate(obj, this);
    const name = obj.metadata?.name ?? '';
    if (errs.length > 0) {
      return { ok: false, error: this.invalid(kind, name || meta.generateName || '', errs, meta.namespace) };
    }
    return { ok: true, object: obj };
  }

  /** Store a prepared object: generate its name if asked to, assign uid and resourceVersion. */
  insertPrepared<K extends Kind>(prepared: KindMap[K], ctx: WriteContext = USER): ApiResult<KindMap[K]> {
    const kind = prepared.kind as K;
    const meta = prepared.metadata ?? {};
    if (!meta.name && meta.generateName) {
      // The name generator retries on collision (RetryGenerateName), so a clash is never surfaced.
      let candidate = '';
      for (let attempt = 0; attempt < 8; attempt++) {
        candidate = generateName(meta.generateName, this.rng);
        if (!this.store(kind).has(keyOf(kind, meta.namespace, candidate))) break;
      }
      return this.insert(kind, prepared, ctx, candidate);
    }
    return this.insert(kind, prepared, ctx);
  }

  /** `kubectl apply`: create when absent, else update in place. */
  apply<K extends Kind>(input: KindMap[K], ctx: WriteContext = USER): ApiResult<KindMap[K]> {
    const kindOrErr = this.kindOf(input);
    if (typeof kindOrErr !== 'string') return kindOrErr;
    const kind = kindOrErr as K;
    const ns = NAMESPACED[kind] ? input.metadata?.namespace || 'default' : undefined;
    const name = input.metadata?.name;
    const existing = name ? this.get(kind, ns, name) : undefined;
    return existing ? this.update(input, ctx) : this.create(input, ctx);
  }

  /** `kubectl replace` / the update half of apply: the registry's PrepareForUpdate and ValidateUpdate. */
  update<K extends Kind>(input: KindMap[K], ctx: WriteContext = USER): ApiResult<KindMap[K]> {
    return this.guard(input, () => this.updateUnguarded(input, ctx));
  }

  private updateUnguarded<K extends Kind>(input: KindMap[K], ctx: WriteContext): ApiResult<KindMap[K]> {
    const kindOrErr = this.kindOf(input);
    if (typeof kindOrErr !== 'string') return kindOrErr;
    const kind = kindOrErr as K;
    const decoded = decode(kind, input);
    if (!decoded.ok) return { ok: false, error: this.undecodable(input, decoded.error, 'applying') };
    const ns = NAMESPACED[kind] ? input.metadata?.namespace || 'default' : undefined;
    const name = input.metadata?.name ?? '';
    const old = this.get(kind, ns, name);
    if (!old) return { ok: false, error: this.notFound(kind, ns, name) };
    const input2 = decoded.object;
    // System-owned metadata carries over from the stored object before the strategy sees it, as the
    // API server fills it in from the existing object before validating an update.
    const om = old.metadata ?? {};
    const meta = merge(input2.metadata, { namespace: ns }) as Record<string, unknown>;
    if (!ns) delete meta.namespace;
    meta.uid = om.uid;
    meta.creationTimestamp = om.creationTimestamp;
    meta.resourceVersion = om.resourceVersion;
    if (om.generation !== undefined) meta.generation = om.generation;
    if (om.deletionTimestamp) meta.deletionTimestamp = om.deletionTimestamp;
    if (om.deletionGracePeriodSeconds !== undefined)
      meta.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds;
    if (!input2.metadata?.ownerReferences && om.ownerReferences) meta.ownerReferences = om.ownerReferences;
    if (!input2.metadata?.finalizers && om.finalizers) meta.finalizers = om.finalizers;
    if (om.generateName) meta.generateName = om.generateName;
    let obj = { ...input2, apiVersion: API_VERSION[kind], kind, metadata: meta as ObjectMeta } as KindMap[K];
    const strategy = STRATEGIES[kind];
    obj = strategy.prepareForUpdate(obj, old, this) as KindMap[K];
    const errs = strategy.validateUpdate(obj, old, this);
    if (errs.length > 0) return { ok: false, error: this.invalid(kind, name, errs, ns) };
    // An update that changes nothing is not written (etcd3 GuaranteedUpdate): same resourceVersion,
    // no watch event.
    if (sameObject(obj, old)) return { ok: true, object: old };
    return {
      ok: true,
      object: this.put(kind, { ...obj, metadata: orderedMeta(obj.metadata ?? {}) } as KindMap[K], old, ctx),
    };
  }

  // ---- trusted writes by controllers -----------------------------------------------------

  /**
   * A controller's update (status writes, patches): no validation, resourceVersion bumped. A caller
   * that has the object's store key (a sync's key) may pass it; the uid check below still holds.
   */
  replace<K extends Kind>(
    kind: K,
    obj: KindMap[K],
    ctx: WriteContext,
    key: string = objectKey(kind, obj),
  ): KindMap[K] | undefined {
    const old = this.store(kind).get(key) as KindMap[K] | undefined;
    if (!old || old.metadata?.uid !== obj.metadata?.uid) return undefined;
    // Like any write, one that changes nothing is not persisted: no new resourceVersion, no event.
    if (sameExcept(obj, old, 'resourceVersion')) return old;
    return this.put(kind, obj, old, ctx, key);
  }

  /** Create from a controller: defaulting and admission apply (pods go through admission). */
  createAs<K extends Kind>(obj: KindMap[K], ctx: WriteContext): ApiResult<KindMap[K]> {
    return this.create(obj, ctx);
  }

  /**
   * Insert a controller-built object verbatim (events): no defaulting, no validation. The caller
   * builds it in the order the API server prints (apiVersion, kind, metadata with name and
   * namespace first), so no reordering copy is needed.
   */
  insertTrusted<K extends Kind>(kind: K, obj: KindMap[K], ctx: WriteContext): KindMap[K] {
    const meta = obj.metadata ?? {};
    const key = keyOf(kind, meta.namespace, meta.name ?? '');
    const store = this.store(kind);
    if (store.has(key)) throw new Error(this.alreadyExists(kind, meta.namespace, meta.name ?? '').message);
    // The caller built this object (and its metadata) for us alone: stamp it in place. A caller
    // that already has uid/resourceVersion/creationTimestamp keys (placeholders) keeps its
    // object's shape; otherwise they are appended, as a spread would.
    const stored = obj;
    stored.metadata = meta;
    const m = meta as { uid?: string; resourceVersion?: string; creationTimestamp?: string };
    m.uid = this.rng.uuid();
    m.resourceVersion = String(++this.rv);
    m.creationTimestamp = this.clock.timestamp();
    if (this.freeze) deepFreeze(stored);
    store.set(key, stored);
    this.reindex(kind, key, undefined, stored);
    this.emit({ type: 'ADDED', kind, key, object: stored }, ctx);
    return stored;
  }

  // ---- deletion ------------------------------------------------------------------------

  /**
   * DELETE. Pods bound to a node are deleted gracefully (deletionTimestamp set, the kubelet
   * finishes); unbound or terminal pods go at once (pod strategy CheckGracefulDelete). Foreground
   * and Orphan propagation add their finalizer for the garbage collector.
   */
  delete(
    kind: Kind,
    ns: string | undefined,
    name: string,
    opts: DeleteOptions = {},
    ctx: WriteContext = USER,
  ): ApiResult<AnyObject> {
    const key = keyOf(kind, ns, name);
    const old = this.store(kind).get(key);
    if (!old) return { ok: false, error: this.notFound(kind, ns, name) };
    const meta = old.metadata ?? {};
    const finalizers = [...(meta.finalizers ?? [])];
    if (opts.propagationPolicy === 'Foreground' && !finalizers.includes('foregroundDeletion')) {
      finalizers.push('foregroundDeletion');
    }
    if (opts.propagationPolicy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    const finalizersChanged = finalizers.length !== (meta.finalizers?.length ?? 0);

    // The pod strategy's CheckGracefulDelete decides this request's grace period.
    let grace = 0;
    if (kind === 'Pod') {
      const pod = old as Pod;
      grace = opts.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
      if (!pod.spec?.nodeName) grace = 0;
      if (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded') grace = 0;
      if (grace < 0) grace = 1;
    }

    if (meta.deletionTimestamp) {
      // Already being deleted (rest.BeforeDelete): only a shorter grace period moves the deadline.
      const existing = meta.deletionGracePeriodSeconds ?? 0;
      if (grace >= existing && !finalizersChanged) return { ok: true, object: old };
      const next: Record<string, unknown> = { ...meta, finalizers };
      if (grace < existing) {
        if (grace === 0 && finalizers.length === 0) {
          this.remove(kind, key, old, ctx);
          return { ok: true, object: old };
        }
        const deadline = Date.parse(meta.deletionTimestamp) - EPOCH_MS - (existing - grace) * 1000;
        next.deletionTimestamp = this.clock.timestamp(deadline);
        next.deletionGracePeriodSeconds = grace;
      }
      const updated = { ...old, metadata: orderedMeta(next as ObjectMeta) } as AnyObject;
      return { ok: true, object: this.put(kind, updated, old, ctx) };
    }

    if (grace === 0 && finalizers.length === 0) {
      this.remove(kind, key, old, ctx);
      return { ok: true, object: old };
    }
    // markAsDeleting: the first deletionTimestamp also bumps a generation-tracked object's generation.
    const updated = {
      ...old,
      metadata: orderedMeta({
        ...meta,
        ...(meta.generation !== undefined ? { generation: meta.generation + 1 } : {}),
        deletionTimestamp: this.clock.timestamp(this.clock.nowMs() + grace * 1000),
        deletionGracePeriodSeconds: grace,
        finalizers,
      }),
    } as AnyObject;
    return { ok: true, object: this.put(kind, updated, old, ctx) };
  }

  /** Remove finalizers; the object goes when the last one is gone and it is being deleted. */
  removeFinalizer(kind: Kind, obj: AnyObject, finalizer: string, ctx: WriteContext): void {
    const current = this.store(kind).get(objectKey(kind, obj));
    if (!current) return;
    const finalizers = (current.metadata?.finalizers ?? []).filter((f) => f !== finalizer);
    const next = { ...current, metadata: orderedMeta({ ...current.metadata, finalizers }) } as AnyObject;
    if (finalizers.length === 0 && current.metadata?.deletionTimestamp) {
      const isPodWaiting = kind === 'Pod' && (current.metadata.deletionGracePeriodSeconds ?? 0) > 0;
      if (!isPodWaiting) {
        this.remove(kind, objectKey(kind, current), current, ctx);
        return;
      }
    }
    this.put(kind, next, current, ctx);
  }

  // ---- internals -------------------------------------------------------------------------

  private store(kind: Kind): Map<string, AnyObject> {
    return this.stores.get(kind)!;
  }

  private kindOf(obj: AnyObject | undefined): Kind | { ok: false; error: ApiError } {
    const kind = (obj as { kind?: unknown } | undefined)?.kind;
    if (!isKind(kind)) {
      return {
        ok: false,
        error: {
          code: 400,
          reason: 'BadRequest',
          message: `no matches for kind "${String(kind)}"`,
          kubectlMessage: `error: resource mapping not found for kind "${String(kind)}": no matches for kind "${String(kind)}" in version "${String((obj as { apiVersion?: unknown }).apiVersion)}"`,
          causes: [],
          kind: String(kind),
          name: obj?.metadata?.name ?? '',
        },
      };
    }
    const apiVersion = (obj as { apiVersion?: unknown }).apiVersion;
    if (apiVersion !== API_VERSION[kind]) {
      return {
        ok: false,
        error: {
          code: 400,
          reason: 'BadRequest',
          message: `no matches for kind "${kind}" in version "${String(apiVersion)}"`,
          kubectlMessage: `error: resource mapping not found for name: "${obj?.metadata?.name ?? ''}" namespace: "${obj?.metadata?.namespace ?? ''}" from "STDIN": no matches for kind "${kind}" in version "${String(apiVersion)}"\nensure CRDs are installed first`,
          causes: [],
          kind,
          name: obj?.metadata?.name ?? '',
        },
      };
    }
    return kind;
  }

  /** Store a new object; `name`, when given, is the generated name its metadata lacks. */
  private insert<K extends Kind>(
    kind: K,
    obj: KindMap[K],
    ctx: WriteContext,
    name?: string,
  ): ApiResult<KindMap[K]> {
    const meta = obj.metadata ?? {};
    const objName = name ?? meta.name ?? '';
    const key = keyOf(kind, meta.namespace, objName);
    if (this.store(kind).has(key))
      return { ok: false, error: this.alreadyExists(kind, meta.namespace, objName) };
    const stamped: Record<string, unknown> = { ...meta };
    if (name !== undefined) stamped.name = name;
    stamped.uid = this.rng.uuid();
    stamped.resourceVersion = String(++this.rv);
    stamped.creationTimestamp = this.clock.timestamp();
    const stored = orderedObject(obj, orderedMeta(stamped as ObjectMeta));
    if (this.freeze) deepFreeze(stored);
    this.store(kind).set(key, stored);
    this.reindex(kind, key, undefined, stored);
    this.emit({ type: 'ADDED', kind, key, object: stored }, ctx);
    return { ok: true, object: stored };
  }

  private put<K extends Kind>(
    kind: K,
    obj: KindMap[K],
    old: KindMap[K],
    ctx: WriteContext,
    key = objectKey(kind, old),
  ): KindMap[K] {
    // Writers hand over a freshly built top-level object; only its metadata (shared with the
    // previous version) needs copying to stamp the new resourceVersion.
    const stored = (Object.isFrozen(obj) ? { ...obj } : obj) as KindMap[K];
    stored.metadata = { ...obj.metadata, resourceVersion: String(++this.rv) };
    if (this.freeze) deepFreeze(stored);
    this.store(kind).set(key, stored);
    this.reindex(kind, key, old, stored);
    this.emit({ type: 'MODIFIED', kind, key, object: stored, old }, ctx);
    return stored;
  }

  private remove(kind: Kind, key: string, old: AnyObject, ctx: WriteContext): void {
    this.store(kind).delete(key);
    this.reindex(kind, key, old, undefined);
    this.emit({ type: 'DELETED', kind, key, object: old }, ctx);
  }

  private emit(e: WatchEvent, ctx: WriteContext): void {
    if (this.watchers.has(e.kind)) this.pending.push(e);
    this.onWrite?.(e, ctx);
  }

  private reindex(kind: Kind, key: string, old: AnyObject | undefined, next: AnyObject | undefined): void {
    const forKind = this.indexes.get(kind);
    if (!forKind) return;
    for (const idx of forKind.values()) this.reindexOne(idx, key, old, next);
  }

  private reindexOne(idx: Index, key: string, old: AnyObject | undefined, next: AnyObject | undefined): void {
    const before = old ? idx.fn(old) : undefined;
    const after = next ? idx.fn(next) : undefined;
    // Single-valued indexes (the common case) need no arrays.
    if (typeof before !== 'object' && typeof after !== 'object') {
      if (before === after) return; // same value: the key is already there, in its place
      if (before !== undefined) idx.map.get(before)?.delete(key);
      if (after !== undefined) this.indexAdd(idx, after, key);
      return;
    }
    const b = typeof before === 'string' ? [before] : (before ?? EMPTY);
    const a = typeof after === 'string' ? [after] : (after ?? EMPTY);
    for (const v of b) if (!a.includes(v)) idx.map.get(v)?.delete(key);
    for (const v of a) this.indexAdd(idx, v, key);
  }

  private indexAdd(idx: Index, value: string, key: string): void {
    let m = idx.map.get(value);
    if (!m) idx.map.set(value, (m = new Set()));
    m.add(key);
  }

  /**
   * Whatever a request contains, it gets an answer: an object whose shape the decoding step did not
   * catch and that trips defaulting or validation is refused as undecodable, never a crash.
   */
  private guard<T>(input: AnyObject, fn: () => ApiResult<T>): ApiResult<T> {
    try {
      return fn();
    } catch (e) {
      return { ok: false, error: this.undecodable(input, (e as Error).message, 'creating') };
    }
  }

  /** 400 BadRequest: the body does not fit the kind's types (`cannot be handled as a <Kind>`). */
  private undecodable(input: AnyObject, reason: string, verb: 'creating' | 'applying'): ApiError {
    const kind = String((input as { kind?: unknown }).kind);
    const name = typeof input.metadata?.name === 'string' ? input.metadata.name : '';
    const version = String((input as { apiVersion?: unknown }).apiVersion)
      .split('/')
      .pop();
    const message = `${kind} in version "${version}" cannot be handled as a ${kind}: ${reason}`;
    const kubectlMessage =
      verb === 'creating'
        ? `Error from server (BadRequest): error when creating "STDIN": ${message}`
        : `Error from server (BadRequest): ${message}`;
    return { code: 400, reason: 'BadRequest', message, kubectlMessage, causes: [], kind, name };
  }

  private notFound(kind: Kind, ns: string | undefined, name: string): ApiError {
    const message = `${qualifiedResource(kind)} "${name}" not found`;
    return {
      code: 404,
      reason: 'NotFound',
      message,
      kubectlMessage: `Error from server (NotFound): ${message}`,
      causes: [],
      kind,
      name,
      ...(ns ? { namespace: ns } : {}),
    };
  }

  private alreadyExists(kind: Kind, ns: string | undefined, name: string): ApiError {
    const message = `${qualifiedResource(kind)} "${name}" already exists`;
    return {
      code: 409,
      reason: 'AlreadyExists',
      message,
      kubectlMessage: `Error from server (AlreadyExists): ${message}`,
      causes: [],
      kind,
      name,
      ...(ns ? { namespace: ns } : {}),
    };
  }

  private forbidden(kind: Kind, meta: ObjectMeta, detail: string): ApiError {
    // Admission errors name the object by generateName when it has no name yet.
    const name = meta.name || meta.generateName || '';
    const message = `${qualifiedResource(kind)} "${name}" is forbidden: ${detail}`;
    return {
      code: 403,
      reason: 'Forbidden',
      message,
      kubectlMessage: `Error from server (Forbidden): ${message}`,
      causes: [],
      kind,
      name,
      ...(meta.namespace ? { namespace: meta.namespace } : {}),
    };
  }

  private invalid(kind: Kind, name: string, errs: FieldError[], ns: string | undefined): ApiError {
    const message = apiInvalidMessage(kind, RESOURCE[kind].group, name, errs);
    const kubectlMessage = kubectlInvalidMessage(kind, name, errs);
    return {
      code: 422,
      reason: 'Invalid',
      message,
      kubectlMessage,
      causes: errs,
      kind,
      name,
      ...(ns ? { namespace: ns } : {}),
    };
  }
}

const EMPTY: readonly never[] = [];

/** The stored objects for index keys, read lazily like the live iterator of a map. */
function* resolveKeys(keys: Set<string>, store: Map<string, AnyObject>): Generator<AnyObject> {
  for (const k of keys) {
    const o = store.get(k);
    if (o !== undefined) yield o;
  }
}

function sameObject(a: AnyObject, b: AnyObject): boolean {
  return sameExcept(a, b, 'resourceVersion');
}
const USER: WriteContext = { actor: 'kubectl' };

/** apiserver names.SimpleNameGenerator: base truncated to 58 chars plus 5 random characters. */
export function generateName(base: string, rng: Rng): string {
  // Joined, not `+`: V8 keeps a `+` of 13 or more characters as a cons string (a tree of pointers)
  // inside every stored name; join builds it flat.
  return [base.slice(0, 58), rng.string(NAME_ALPHABET, 5)].join('');
}
