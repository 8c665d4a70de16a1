// "Explain every decision": for every (DaemonSet, node) pair, why the node should run a daemon pod,
// may keep one, or gets none; why a created daemon pod is not bound; and why DESIRED is N.
//
// Nothing here decides. The verdict is the controller's: `DecisionCache.explain` runs
// `nodeShouldRunDaemonPod` with the template info the controller cached, and the detail comes from
// the explain twins of the matchers that predicate calls (see src/sim/daemonset/predicates.ts). The
// scheduler part comes from `Scheduler.diagnose`, which runs the scheduler's own filter functions.
// This file only turns that data into checks and one-line summaries.

import type { DaemonSet, Node, Pod } from '../api/types.ts';
import { keyOf } from '../cluster/objects.ts';
import {
  explainNodeShouldRunDaemonPod,
  templateInfo,
  type NodeDecisionExplanation,
} from '../daemonset/predicates.ts';
import type { Simulation } from '../engine/simulation.ts';
import type { RequirementExplanation } from '../scheduling/labels.ts';
import type { FieldExplanation, TermExplanation } from '../scheduling/nodeAffinity.ts';
import { getTargetNodeName } from '../scheduling/nodeAffinity.ts';
import { formatBytes, formatCpuMilli } from '../scheduling/quantity.ts';
import type { ResourceCheck } from '../scheduling/resources.ts';
import {
  isNoExecute,
  taintToString,
  tolerationToString,
  type TaintExplanation,
} from '../scheduling/taints.ts';
import type {
  AffinityCheckGroup,
  AffinityTermCheck,
  CheckGroup,
  DaemonPodOnNode,
  DaemonSetExplanation,
  ExpressionCheck,
  FilterDiagnosis,
  NodeNameCheckGroup,
  NodeSelectorCheckGroup,
  NodeVerdict,
  SchedulerVerdict,
  TaintCheck,
  TaintsCheckGroup,
  TolerationInfo,
} from './types.ts';

// ---------------------------------------------------------------------------------------------
// Texts

function listValues(values: readonly string[]): string {
  return `[${values.join(',')}]`;
}

function requirementText(operator: string, key: string, values: readonly string[]): string {
  switch (operator) {
    case 'Exists':
    case 'DoesNotExist':
      return `${key} ${operator}`;
    case 'Gt':
    case 'Lt':
      return `${key} ${operator} ${values.length === 1 ? values[0] : listValues(values)}`;
    default:
      return `${key} ${operator} ${listValues(values)}`;
  }
}

function labelText(key: string, actual: string | undefined): string {
  return actual === undefined ? `node has no label ${key}` : `node has ${key}=${actual}`;
}

function expressionCheck(r: RequirementExplanation): ExpressionCheck {
  const out: ExpressionCheck = {
    ok: r.ok,
    text: `${requirementText(r.operator, r.key, r.values)}: ${r.error ?? labelText(r.key, r.actual)}`,
    field: false,
    key: r.key,
    operator: r.operator,
    values: r.values,
    actual: r.actual,
  };
  if (r.error !== undefined) out.error = r.error;
  return out;
}

function fieldCheck(f: FieldExplanation): ExpressionCheck {
  const actual = f.actual === undefined ? `node has no field ${f.key}` : `node is ${f.actual}`;
  const out: ExpressionCheck = {
    ok: f.ok,
    text: `${requirementText(f.operator, f.key, f.values)}: ${f.error ?? actual}`,
    field: true,
    key: f.key,
    operator: f.operator,
    values: f.values,
    actual: f.actual,
  };
  if (f.error !== undefined) out.error = f.error;
  return out;
}

function termCheck(t: TermExplanation): AffinityTermCheck {
  const n = t.index + 1;
  const expressions = [...t.expressions.map(expressionCheck), ...t.fields.map(fieldCheck)];
  let text: string;
  if (t.skippedReason === 'parse error') text = `term ${n}: invalid: ${t.errors.join('; ')}`;
  else if (t.skippedReason !== undefined) text = `term ${n}: ${t.skippedReason}`;
  else if (t.ok) text = `term ${n} matched`;
  else
    text = `term ${n}: ${expressions
      .filter((e) => !e.ok)
      .map((e) => e.text)
      .join(', ')}`;
  const out: AffinityTermCheck = { kind: 'affinity', ok: t.ok, text, term: n, expressions };
  if (t.skippedReason !== undefined) out.skipped = t.skippedReason;
  return out;
}

const CONSEQUENCE_TEXT = {
  noNewPod: 'no new pod; an existing one may stay',
  evict: 'no pod; an existing one is deleted',
} as const;

function taintCheck(t: TaintExplanation, tolerations: readonly TolerationInfo[]): TaintCheck {
  const taint = taintToString(t.taint);
  const rows = t.perToleration.map((c) => {
    const info = tolerations[c.index];
    const row = { index: c.index, text: info?.text ?? '', auto: info?.auto ?? false, tolerates: c.tolerates };
    return c.mismatch === undefined ? row : { ...row, mismatch: c.mismatch };
  });
  const consequence =
    !t.effectConsidered || t.tolerated ? 'none' : isNoExecute(t.taint) ? 'evict' : 'noNewPod';
  let text: string;
  if (!t.effectConsidered)
    text = `taint ${taint} ignored (${t.taint.effect}: only NoSchedule and NoExecute count)`;
  else if (consequence === 'none') {
    const by = rows
      .filter((r) => r.tolerates)
      .map((r) => (r.auto ? `${r.text} (added automatically)` : r.text));
    text = `taint ${taint} tolerated by ${by.join(', ')}`;
  } else text = `taint ${taint} not tolerated: ${CONSEQUENCE_TEXT[consequence]}`;
  return {
    kind: 'taint',
    ok: consequence === 'none',
    text,
    taint,
    key: t.taint.key,
    value: t.taint.value ?? '',
    effect: t.taint.effect,
    considered: t.effectConsidered,
    tolerated: t.tolerated,
    consequence,
    tolerations: rows,
  };
}

// ---------------------------------------------------------------------------------------------
// One decision → checks and a summary

/**
 * The checks and the one-line summary of one explained decision. Pure: the verdict fields are
 * copied from the decision, never recomputed.
 */
export function describeDecision(
  daemonSet: string,
  e: NodeDecisionExplanation,
): Pick<
  NodeVerdict,
  'daemonSet' | 'node' | 'shouldRun' | 'shouldContinueRunning' | 'reason' | 'summary' | 'checks'
> {
  const nodeName: NodeNameCheckGroup =
    e.nodeName.templateNodeName === ''
      ? { kind: 'nodeName', ok: true, text: 'no nodeName in the template', checks: [] }
      : {
          kind: 'nodeName',
          ok: e.nodeName.ok,
          text: e.nodeName.ok
            ? `nodeName is ${e.nodeName.templateNodeName} (this node)`
            : `nodeName is ${e.nodeName.templateNodeName}`,
          checks: [
            {
              kind: 'nodeName',
              ok: e.nodeName.ok,
              text: `template nodeName ${e.nodeName.templateNodeName}: node is ${e.node}`,
              templateNodeName: e.nodeName.templateNodeName,
              node: e.node,
            },
          ],
        };

  const selectorChecks = e.affinity.nodeSelector.map((s) => ({
    kind: 'nodeSelector' as const,
    ok: s.ok,
    text: `${s.key}=${s.expected}: ${labelText(s.key, s.actual)}`,
    key: s.key,
    expected: s.expected,
    actual: s.actual,
  }));
  const nodeSelector: NodeSelectorCheckGroup = {
    kind: 'nodeSelector',
    ok: e.affinity.nodeSelectorOk,
    text:
      selectorChecks.length === 0
        ? 'no nodeSelector'
        : e.affinity.nodeSelectorOk
          ? `nodeSelector ${selectorChecks.map((c) => `${c.key}=${c.expected}`).join(',')} matched`
          : `nodeSelector ${selectorChecks
              .filter((c) => !c.ok)
              .map((c) => c.text)
              .join('; ')}`,
    checks: selectorChecks,
  };

  const required = e.affinity.requiredAffinity;
  const terms = (required?.terms ?? []).map(termCheck);
  const affinity: AffinityCheckGroup = {
    kind: 'affinity',
    ok: required?.ok ?? true,
    present: required !== undefined,
    text:
      required === undefined
        ? 'no required node affinity'
        : required.ok
          ? terms
              .filter((t) => t.ok)
              .map((t) => t.text)
              .join(', ')
          : terms.length === 0
            ? 'no terms, so nothing matches'
            : `no term matched (${terms.map((t) => t.text).join('; ')})`,
    checks: terms,
  };

  const tolerations: TolerationInfo[] = e.tolerations.map((t, index) => ({
    index,
    text: tolerationToString(t),
    auto: e.auto[index] ?? false,
  }));
  const taintChecks = e.taints.map((t) => taintCheck(t, tolerations));
  const untolerated = taintChecks.filter((t) => !t.ok);
  // The controller's decisive taint first (FindMatchingUntoleratedTaint's pick), then the others.
  const decisive = e.reason.kind === 'taint' ? taintToString(e.reason.taint) : undefined;
  untolerated.sort((a, b) => Number(b.taint === decisive) - Number(a.taint === decisive));
  const taints: TaintsCheckGroup = {
    kind: 'taints',
    ok: untolerated.length === 0,
    text:
      taintChecks.length === 0
        ? 'no taints'
        : untolerated.length === 0
          ? 'every taint tolerated or ignored'
          : `${untolerated.length === 1 ? 'taint' : 'taints'} ${untolerated.map((t) => t.taint).join(', ')} not tolerated`,
    checks: taintChecks,
    tolerations,
  };

  let summary: string;
  switch (e.reason.kind) {
    case 'ok':
      summary = 'runs';
      break;
    case 'nodeName':
      summary = nodeName.text;
      break;
    case 'nodeAffinity': {
      const parts: string[] = [];
      if (!nodeSelector.ok) parts.push(nodeSelector.text);
      if (!affinity.ok) parts.push(`node affinity: ${affinity.text}`);
      summary = parts.length > 0 ? parts.join('; ') : "node affinity/selector didn't match";
      break;
    }
    case 'taint':
      summary = taints.text;
      break;
  }
  const checks: CheckGroup[] = [nodeName, nodeSelector, affinity, taints];
  return {
    daemonSet,
    node: e.node,
    shouldRun: e.shouldRun,
    shouldContinueRunning: e.shouldContinueRunning,
    reason: e.reason.kind,
    summary,
    checks,
  };
}

const dsKey = (ds: DaemonSet) => `${ds.metadata?.namespace ?? 'default'}/${ds.metadata?.name ?? ''}`;

/**
 * The verdict for a DaemonSet and a node outside any simulation (no pods, no scheduler): the same
 * predicate with a freshly compiled template.
 */
export function explainNode(ds: DaemonSet, node: Node): NodeVerdict {
  return { ...describeDecision(dsKey(ds), explainNodeShouldRunDaemonPod(templateInfo(ds), node)), pods: [] };
}

// ---------------------------------------------------------------------------------------------
// The scheduler's side

function amount(c: ResourceCheck, n: number): string {
  if (c.resource === 'cpu') return formatCpuMilli(n);
  if (c.resource === 'memory' || c.resource === 'ephemeral-storage') return formatBytes(n);
  return String(n);
}

function filterText(f: FilterDiagnosis): string {
  if (f.plugin === 'NodeResourcesFit' && f.resources) {
    const failed = f.resources.filter((c) => !c.ok);
    if (failed.length > 0)
      return `NodeResourcesFit: ${failed
        .map((c) =>
          c.resource === 'pods'
            ? `${c.reason} (${c.used} of ${c.capacity} allowed pods already on the node)`
            : `${c.reason} (requested ${amount(c, c.requested)}, allocatable ${amount(c, c.capacity)}, already requested ${amount(c, c.used)})`,
        )
        .join(', ')}`;
  }
  if (f.plugin === 'NodePorts' && f.ports && f.ports.length > 0)
    return `NodePorts: ${f.ports.map((p) => `host port ${p.wanted} is used by pod ${p.usedBy}`).join(', ')}`;
  return `${f.plugin}: ${f.reasons.join(', ')}`;
}

function schedulerVerdict(sim: Simulation, pod: Pod, target: string): SchedulerVerdict {
  const name = pod.metadata?.name ?? '';
  const node = sim.api.get('Node', undefined, target);
  const filters = node ? sim.scheduler.diagnose(pod, node) : [];
  const out: SchedulerVerdict = {
    pod: name,
    targetNode: target,
    nodeExists: node !== undefined,
    filters,
    summary: '',
  };
  const cond = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (cond) {
    out.condition = { status: cond.status };
    if (cond.reason !== undefined) out.condition.reason = cond.reason;
    if (cond.message !== undefined) out.condition.message = cond.message;
  }
  const last = sim.scheduler.lastDiagnosis
    .get(keyOf('Pod', pod.metadata?.namespace, name))
    ?.nodes.get(target);
  if (last) out.lastAttempt = { plugin: last.plugin, code: last.code, reasons: [...last.reasons] };
  const failing = filters.filter((f) => !f.ok);
  if (!node) out.summary = `target node ${target} does not exist`;
  else if (failing.length > 0) out.summary = failing.map(filterText).join('; ');
  else if (cond?.message) out.summary = `fits now, not yet retried (last attempt: ${cond.message})`;
  else out.summary = 'fits; waiting for the scheduler';
  return out;
}

// ---------------------------------------------------------------------------------------------
// Against a simulation

/** The DaemonSet's pods by target node (F5), without deleted terminal pods (rule H). */
function podsByNode(sim: Simulation, ds: DaemonSet): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const pod of sim.api.byIndex('Pod', 'controllerUid', ds.metadata?.uid ?? '')) {
    const phase = pod.status?.phase;
    if ((phase === 'Failed' || phase === 'Succeeded') && pod.metadata?.deletionTimestamp) continue;
    const target = getTargetNodeName(pod);
    if (target === undefined) continue;
    let list = out.get(target);
    if (!list) out.set(target, (list = []));
    list.push(pod);
  }
  for (const list of out.values())
    list.sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
  return out;
}

function verdictFor(sim: Simulation, ds: DaemonSet, node: Node, pods: readonly Pod[]): NodeVerdict {
  const e = sim.daemonSets.decisions.explain(ds, node);
  const verdict: NodeVerdict = {
    ...describeDecision(dsKey(ds), e),
    pods: pods.map((p): DaemonPodOnNode => ({
      name: p.metadata?.name ?? '',
      phase: p.status?.phase ?? 'Pending',
      bound: !!p.spec?.nodeName,
      terminating: !!p.metadata?.deletionTimestamp,
    })),
  };
  const unbound = pods.find(
    (p) =>
      !p.spec?.nodeName &&
      !p.metadata?.deletionTimestamp &&
      p.status?.phase !== 'Failed' &&
      p.status?.phase !== 'Succeeded',
  );
  if (unbound) verdict.scheduler = schedulerVerdict(sim, unbound, e.node);
  return verdict;
}

function sortedNodes(sim: Simulation): Node[] {
  return [...sim.api.list('Node')].sort((a, b) =>
    (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1,
  );
}

/** "Why is DESIRED N?": every node's verdict, the excluded nodes by reason, the misscheduled pods. */
export function explainDaemonSet(
  sim: Simulation,
  namespace: string,
  name: string,
): DaemonSetExplanation | undefined {
  const ds = sim.api.get('DaemonSet', namespace, name);
  if (!ds) return undefined;
  const byNode = podsByNode(sim, ds);
  const verdicts = sortedNodes(sim).map((n) =>
    verdictFor(sim, ds, n, byNode.get(n.metadata?.name ?? '') ?? []),
  );
  const groups = new Map<string, string[]>();
  const misscheduled: DaemonSetExplanation['misscheduled'] = [];
  for (const v of verdicts) {
    if (v.shouldRun) continue;
    let nodes = groups.get(v.summary);
    if (!nodes) groups.set(v.summary, (nodes = []));
    nodes.push(v.node);
    for (const p of v.pods)
      misscheduled.push({ pod: p.name, node: v.node, reason: v.summary, mayStay: v.shouldContinueRunning });
  }
  const excluded = [...groups].map(([reason, nodes]) => ({ reason, nodes }));
  excluded.sort(
    (a, b) => b.nodes.length - a.nodes.length || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0),
  );
  return {
    daemonSet: dsKey(ds),
    deleting: !!ds.metadata?.deletionTimestamp,
    desired: verdicts.filter((v) => v.shouldRun).length,
    verdicts,
    excluded,
    misscheduled,
  };
}

/** Every DaemonSet's verdict for one node (sorted by namespace/name), for a node inspector. */
export function explainNodeForDaemonSets(sim: Simulation, node: string): NodeVerdict[] {
  const n = sim.api.get('Node', undefined, node);
  if (!n) return [];
  const dss = [...sim.api.list('DaemonSet')].sort((a, b) => (dsKey(a) < dsKey(b) ? -1 : 1));
  return dss.map((ds) => verdictFor(sim, ds, n, podsByNode(sim, ds).get(node) ?? []));
}
