// Per-kind registry behaviour (kube-apiserver pkg/registry/*/strategy.go) and the admission plugins
// a daemon pod passes through. Each strategy defaults, prepares and validates; the ApiServer stores.

import type {
  AnyObject,
  DaemonSet,
  FieldError,
  Kind,
  KindMap,
  Node,
  Pod,
  PriorityClass,
  Toleration,
} from '../api/types.ts';
import { defaultDaemonSet, defaultNode, defaultPod } from '../api/defaults.ts';
import {
  validateDaemonSet,
  validateDaemonSetUpdate,
  validateNode,
  validatePod,
  validatePriorityClass,
} from '../api/validation.ts';
import { canonicalJson, merge } from './objects.ts';

/** Read access the strategies need (priority classes for admission, the clock for node status). */
export interface StrategyContext {
  list<K extends Kind>(kind: K): IterableIterator<KindMap[K]>;
  get<K extends Kind>(kind: K, ns: string | undefined, name: string): KindMap[K] | undefined;
  readonly clock: { timestamp(ms?: number): string };
}

export interface Strategy<T extends AnyObject> {
  prepareForCreate(obj: T, ctx: StrategyContext): { object: T } | { error: string };
  validate(obj: T, ctx: StrategyContext): FieldError[];
  prepareForUpdate(obj: T, old: T, ctx: StrategyContext): T;
  validateUpdate(obj: T, old: T, ctx: StrategyContext): FieldError[];
}

export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

export function templateGeneration(ds: DaemonSet): number {
  const v = Number(ds.metadata?.annotations?.[TEMPLATE_GENERATION_ANNOTATION]);
  return Number.isInteger(v) && v >= 1 ? v : 0;
}

function withTemplateGeneration(ds: DaemonSet, gen: number): DaemonSet {
  return {
    ...ds,
    metadata: {
      ...ds.metadata,
      annotations: { ...ds.metadata?.annotations, [TEMPLATE_GENERATION_ANNOTATION]: String(gen) },
    },
  };
}

/** pkg/registry/apps/daemonset/strategy.go */
const daemonSetStrategy: Strategy<DaemonSet> = {
  prepareForCreate(obj) {
    const ds = defaultDaemonSet(obj);
    const gen = Math.max(1, templateGeneration(ds));
    const out = withTemplateGeneration({ ...ds, metadata: { ...ds.metadata, generation: 1 } }, gen);
    // status is cleared; the four counters without omitempty print as 0.
    out.status = {
      currentNumberScheduled: 0,
      numberMisscheduled: 0,
      desiredNumberScheduled: 0,
      numberReady: 0,
    };
    return { object: out };
  },
  validate: (obj) => validateDaemonSet(obj),
  prepareForUpdate(obj, old) {
    const ds = defaultDaemonSet(obj);
    const oldGen = templateGeneration(old);
    const oldGeneration = old.metadata?.generation ?? 1;
    let generation = oldGeneration;
    let tg = oldGen;
    if (canonicalJson(ds.spec?.template) !== canonicalJson(old.spec?.template)) {
      tg = oldGen + 1;
      generation = oldGeneration + 1;
    } else if (canonicalJson(ds.spec) !== canonicalJson(old.spec)) {
      generation = oldGeneration + 1;
    }
    const out = withTemplateGeneration({ ...ds, metadata: { ...ds.metadata, generation } }, tg);
    if (old.status) out.status = old.status;
    else delete out.status;
    return out;
  },
  validateUpdate: (obj, old) => validateDaemonSetUpdate(obj, old),
};

/**
 * Priority admission (plugin/pkg/admission/priority): resolve priorityClassName into spec.priority
 * and spec.preemptionPolicy; a pod may not bring its own values that disagree.
 */
function admitPriority(pod: Pod, ctx: StrategyContext): Pod | { error: string } {
  const spec = pod.spec ?? { containers: [] };
  let className = spec.priorityClassName;
  let value = 0;
  let policy = 'PreemptLowerPriority';
  if (className) {
    const pc = ctx.get('PriorityClass', undefined, className) as PriorityClass | undefined;
    if (!pc) return { error: `no PriorityClass with name ${className} was found` };
    value = pc.value;
    policy = pc.preemptionPolicy ?? policy;
  } else {
    for (const pc of ctx.list('PriorityClass')) {
      if (pc.globalDefault) {
        className = pc.metadata?.name;
        value = pc.value;
        policy = pc.preemptionPolicy ?? policy;
        break;
      }
    }
  }
  if (spec.priority !== undefined && spec.priority !== value) {
    return {
      error: `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`,
    };
  }
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== policy) {
    return {
      error: `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`,
    };
  }
  const next = merge(spec, { priority: value, preemptionPolicy: policy });
  if (className) next.priorityClassName = className;
  return { ...pod, spec: next };
}

/**
 * DefaultTolerationSeconds admission: pods that do not already tolerate not-ready/unreachable
 * NoExecute get 300 s tolerations for them. Daemon pods already tolerate both (forever).
 */
function admitDefaultTolerationSeconds(pod: Pod): Pod {
  const tols = pod.spec?.tolerations ?? [];
  // The plugin looks at key and effect only (an Equal toleration with a value still counts).
  const covers = (key: string) =>
    tols.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
  const add: Toleration[] = [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!covers(key)) add.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  if (add.length === 0) return pod;
  return { ...pod, spec: merge(pod.spec, { tolerations: [...tols, ...add] }) };
}

function qosClass(pod: Pod): string {
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      if (lim[r] === undefined || (req[r] !== undefined && String(req[r]) !== String(lim[r])))
        guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** pkg/registry/core/pod/strategy.go plus the admission chain. */
const podStrategy: Strategy<Pod> = {
  prepareForCreate(obj, ctx) {
    let pod = defaultPod(obj);
    const admitted = admitPriority(pod, ctx);
    if ('error' in admitted) return admitted;
    pod = admitDefaultTolerationSeconds(admitted);
    pod.status = { phase: 'Pending', qosClass: qosClass(pod) };
    return { object: pod };
  },
  validate: (obj) => validatePod(obj),
  prepareForUpdate(obj, old) {
    const pod = defaultPod(obj);
    // The main resource cannot change status; admission-set fields carry over.
    const spec = { ...pod.spec!, priority: old.spec?.priority ?? 0 };
    if (old.spec?.priorityClassName) spec.priorityClassName = old.spec.priorityClassName;
    if (old.spec?.nodeName && !spec.nodeName) spec.nodeName = old.spec.nodeName;
    if (old.spec?.tolerations && !obj.spec?.tolerations) spec.tolerations = old.spec.tolerations;
    const out: Pod = { ...pod, spec };
    if (old.status) out.status = old.status;
    return out;
  },
  validateUpdate(obj, old) {
    const errs = validatePod(obj);
    if (errs.length) return errs;
    // Pod updates may not change fields other than images (and a few others we do not model).
    const strip = (p: Pod) => ({
      ...p.spec,
      containers: (p.spec?.containers ?? []).map((c) => ({ ...c, image: '' })),
      tolerations: undefined,
    });
    if (canonicalJson(strip(obj)) !== canonicalJson(strip(old))) {
      return [
        {
          field: 'spec',
          type: 'Forbidden',
          message:
            'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
        },
      ];
    }
    return [];
  },
};

/** A Node write. `status` stands for what the node's kubelet reports. */
const nodeStrategy: Strategy<Node> = {
  prepareForCreate(obj, ctx) {
    return { object: stampNodeConditions(defaultNode(obj), undefined, ctx) };
  },
  validate: (obj) => validateNode(obj),
  prepareForUpdate(obj, old, ctx) {
    // kubectl apply never sends status; a scenario that gives one is standing in for the kubelet.
    const withStatus: Node = obj.status ? obj : { ...obj, status: old.status ?? {} };
    return stampNodeConditions(defaultNode(withStatus), old, ctx);
  },
  validateUpdate: (obj) => validateNode(obj),
};

/** Fill in condition timestamps the way the kubelet does: transition time moves only on change. */
function stampNodeConditions(node: Node, old: Node | undefined, ctx: StrategyContext): Node {
  const conds = node.status?.conditions;
  if (!conds) return node;
  const now = ctx.clock.timestamp();
  const next = conds.map((c) => {
    const prev = old?.status?.conditions?.find((p) => p.type === c.type);
    const transitioned = !prev || prev.status !== c.status;
    return merge(c, {
      lastHeartbeatTime: c.lastHeartbeatTime ?? now,
      lastTransitionTime: c.lastTransitionTime ?? (transitioned ? now : (prev?.lastTransitionTime ?? now)),
    });
  });
  return { ...node, status: merge(node.status, { conditions: next }) };
}

const passthrough: Strategy<AnyObject> = {
  prepareForCreate: (obj) => ({ object: obj }),
  validate: () => [],
  prepareForUpdate: (obj) => obj,
  validateUpdate: () => [],
};

const priorityClassStrategy: Strategy<PriorityClass> = {
  ...(passthrough as unknown as Strategy<PriorityClass>),
  prepareForCreate(obj, ctx) {
    if (obj.globalDefault) {
      for (const pc of ctx.list('PriorityClass')) {
        if (pc.globalDefault) {
          return {
            error: `PriorityClass ${pc.metadata?.name} is already marked as default. Only one default can exist`,
          };
        }
      }
    }
    return { object: { ...obj, preemptionPolicy: obj.preemptionPolicy ?? 'PreemptLowerPriority' } };
  },
  validate: (obj) => validatePriorityClass(obj),
  validateUpdate: (obj, old) => {
    if (obj.value !== old.value) {
      return [
        { field: 'value', type: 'Forbidden', message: 'value: Forbidden: may not be changed in an update.' },
      ];
    }
    return validatePriorityClass(obj);
  },
};

export const STRATEGIES: { [K in Kind]: Strategy<KindMap[K]> } = {
  Node: nodeStrategy,
  PriorityClass: priorityClassStrategy,
  DaemonSet: daemonSetStrategy,
  ControllerRevision: passthrough as Strategy<KindMap['ControllerRevision']>,
  Pod: podStrategy,
  Event: passthrough as Strategy<KindMap['Event']>,
};
