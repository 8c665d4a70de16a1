// The selected node or pod, with what a user can do to it: label, taint, cordon, set conditions,
// remove a node; fail or delete a pod. Every change goes to the API server as kubectl or a kubelet
// would send it.

import { useMemo, useState, type FormEvent } from 'react';
import type { Node, Pod } from '../../sim/api/types.ts';
import { taintString } from '../../state/format.ts';
import { parseLabels, parseTaint } from '../../state/nodeForm.ts';
import {
  podVisualPhase,
  selectSelectedNode,
  selectSelectedPod,
  unschedulableReason,
} from '../../state/selectors.ts';
import type { NodeConditionType } from '../../worker/protocol.ts';
import { controllingDaemonSet, podAffinity, podTolerations } from '../../state/related.ts';
import { useApp, useAppSelector } from '../AppContext.tsx';
import { ObjectEvents, ObjectRelations, ObjectYaml } from './ObjectDetails.tsx';
import { NodeVerdicts, WhyDesired } from './Verdicts.tsx';

export function Inspector() {
  const node = useAppSelector(selectSelectedNode);
  const pod = useAppSelector(selectSelectedPod);
  const selection = useAppSelector((s) => s.selection);
  if (node) return <NodeInspector node={node} />;
  if (pod) return <PodInspector pod={pod} />;
  // (In the past view the panels' controls are disabled by the surrounding fieldset.)
  if (selection?.kind === 'daemonset') return <DaemonSetInspector daemonSet={selection.name} />;
  return (
    <section className="panel inspector" aria-labelledby="inspector-title">
      <h2 id="inspector-title">Inspector</h2>
      <p className="empty">
        {selection
          ? `${selection.kind} ${selection.name} no longer exists.`
          : 'Click a node or a pod in the graph to inspect and change it.'}
      </p>
    </section>
  );
}

const CONDITIONS: Array<[NodeConditionType, string[]]> = [
  ['Ready', ['True', 'False', 'Unknown']],
  ['MemoryPressure', ['False', 'True']],
  ['DiskPressure', ['False', 'True']],
  ['PIDPressure', ['False', 'True']],
  ['NetworkUnavailable', ['False', 'True']],
];

function NodeInspector({ node }: { node: Node }) {
  const app = useApp();
  const name = node.metadata?.name ?? '';
  const labels = node.metadata?.labels ?? {};
  const taints = node.spec?.taints ?? [];
  const cordoned = node.spec?.unschedulable === true;
  const [labelText, setLabelText] = useState('');
  const [taintText, setTaintText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const podMap = useAppSelector((s) => s.cluster.Pod);
  const podVersion = useAppSelector((s) => s.versions.Pod);
  const pods = useMemo(
    () => [...podMap.values()].filter((p) => p.spec?.nodeName === name).map((p) => p.metadata?.name ?? ''),
    // The map is updated in place; its version says when it changed.
    [podMap, podVersion, name],
  );
  // '' when the node does not report the condition (kubelets do not report NetworkUnavailable).
  const condition = (type: string) => node.status?.conditions?.find((c) => c.type === type)?.status ?? '';

  const addLabel = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseLabels(labelText, 'label');
    if (!parsed.ok) return setError(parsed.error);
    if (Object.keys(parsed.value).length === 0) return setError('label: type key=value');
    setError(undefined);
    setLabelText('');
    void app.patchNode(name, { labels: parsed.value });
  };
  const addTaint = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseTaint(taintText.trim());
    if (!parsed.ok) return setError(`taint: ${parsed.error}`);
    setError(undefined);
    setTaintText('');
    const rest = taints.filter((t) => !(t.key === parsed.value.key && t.effect === parsed.value.effect));
    void app.patchNode(name, { taints: [...rest.map(toSpec), parsed.value] });
  };

  return (
    <section className="panel inspector" aria-labelledby="inspector-title" data-inspecting={`node/${name}`}>
      <h2 id="inspector-title">
        Node <code>{name}</code>
      </h2>
      <div className="row-actions">
        <button type="button" onClick={() => void app.patchNode(name, { unschedulable: !cordoned })}>
          {cordoned ? 'Uncordon' : 'Cordon'}
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => {
            void app.deleteObject('Node', name);
            app.select(undefined);
          }}
        >
          Remove node
        </button>
      </div>

      <h3>Labels</h3>
      <ul className="chips" aria-label="Labels">
        {Object.entries(labels).map(([k, v]) => (
          <li key={k}>
            <code>
              {k}={v}
            </code>
            <button
              type="button"
              aria-label={`Remove label ${k}`}
              onClick={() => void app.patchNode(name, { labels: { [k]: null } })}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={addLabel}>
        <input
          aria-label="New label"
          placeholder="key=value"
          value={labelText}
          onChange={(e) => setLabelText(e.target.value)}
        />
        <button type="submit">Add label</button>
      </form>

      <h3>Taints</h3>
      {taints.length === 0 ? (
        <p className="empty">No taints.</p>
      ) : (
        <ul className="chips" aria-label="Taints">
          {taints.map((t) => (
            <li key={`${t.key}:${t.effect}`}>
              <code>{taintString(t)}</code>
              <button
                type="button"
                aria-label={`Remove taint ${t.key}:${t.effect}`}
                onClick={() =>
                  void app.patchNode(name, {
                    taints: taints.filter((x) => !(x.key === t.key && x.effect === t.effect)).map(toSpec),
                  })
                }
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={addTaint}>
        <input
          aria-label="New taint"
          placeholder="key=value:NoSchedule"
          value={taintText}
          onChange={(e) => setTaintText(e.target.value)}
        />
        <button type="submit">Add taint</button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}

      <h3>Conditions</h3>
      <table className="conditions">
        <tbody>
          {CONDITIONS.map(([type, options]) => (
            <tr key={type}>
              <th scope="row">{type}</th>
              <td>
                <select
                  aria-label={`${type} condition`}
                  value={condition(type)}
                  onChange={(e) =>
                    void app.setNodeCondition(name, type, e.target.value as 'True' | 'False' | 'Unknown')
                  }
                >
                  {condition(type) === '' && <option value="">not reported</option>}
                  {(options.includes(condition(type)) || condition(type) === ''
                    ? options
                    : [...options, condition(type)]
                  ).map((o) => (
                    <option key={o}>{o}</option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <NodeVerdicts node={name} />

      <h3>Pods ({pods.length})</h3>
      <ul className="plain">
        {pods.map((p) => (
          <li key={p}>
            <code>{p}</code>
          </li>
        ))}
      </ul>
      <ObjectEvents refTo={{ kind: 'Node', name }} />
      <ObjectYaml obj={node} kind="Node" />
    </section>
  );
}

function toSpec(t: { key: string; value?: string; effect: string }) {
  return {
    key: t.key,
    ...(t.value ? { value: t.value } : {}),
    effect: t.effect as 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute',
  };
}

function PodInspector({ pod }: { pod: Pod }) {
  const app = useApp();
  const ns = pod.metadata?.namespace ?? 'default';
  const name = pod.metadata?.name ?? '';
  const phase = podVisualPhase(pod);
  const reason = unschedulableReason(pod);
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  return (
    <section
      className="panel inspector"
      aria-labelledby="inspector-title"
      data-inspecting={`pod/${ns}/${name}`}
    >
      <h2 id="inspector-title">
        Pod <code>{name}</code>
      </h2>
      <dl className="facts">
        <dt>Namespace</dt>
        <dd>{ns}</dd>
        <dt>Node</dt>
        <dd>{pod.spec?.nodeName || '<none>'}</dd>
        <dt>Phase</dt>
        <dd data-testid="pod-phase">
          {phase}
          {phase === 'Running' && (ready ? ', ready' : ', not ready')}
        </dd>
        {reason && (
          <>
            <dt>Scheduler</dt>
            <dd className="warning-text">{reason}</dd>
          </>
        )}
        <dt>Controlled by</dt>
        <dd>
          {pod.metadata?.ownerReferences?.find((r) => r.controller)
            ? `${pod.metadata.ownerReferences.find((r) => r.controller)!.kind}/${pod.metadata.ownerReferences.find((r) => r.controller)!.name}`
            : '<none>'}
        </dd>
      </dl>
      <div className="row-actions">
        <button
          type="button"
          disabled={phase === 'Failed' || phase === 'Terminating' || !pod.spec?.nodeName}
          onClick={() => void app.failPod(`${ns}/${name}`)}
          title="The kubelet reports that the pod's containers failed"
        >
          Fail pod
        </button>
        <button type="button" className="danger" onClick={() => void app.deleteObject('Pod', name, ns)}>
          Delete pod
        </button>
      </div>
      <Injected pod={pod} />
      <ObjectRelations obj={pod} />
      <ObjectEvents refTo={{ kind: 'Pod', namespace: ns, name }} />
      <ObjectYaml obj={pod} kind="Pod" />
    </section>
  );
}

/** What the DaemonSet controller put on the pod beyond its template, highlighted. */
function Injected({ pod }: { pod: Pod }) {
  const cluster = useAppSelector((s) => s.cluster);
  const dsVersion = useAppSelector((s) => s.versions.DaemonSet);
  const ds = useMemo(() => controllingDaemonSet(cluster, pod), [cluster, pod, dsVersion]);
  if (!ds) return null;
  const tolerations = podTolerations(pod, ds);
  const affinity = podAffinity(pod, ds);
  return (
    <div className="section injected">
      <h3>Tolerations</h3>
      <ul className="plain" aria-label="Pod tolerations">
        {tolerations.map(({ toleration: t, fromTemplate }, i) => (
          <li key={i} className={fromTemplate ? undefined : 'added'} data-added={!fromTemplate}>
            <code>
              {t.key ?? '<all keys>'}
              {t.operator === 'Exists' ? ' Exists' : `=${t.value ?? ''}`}
              {t.effect ? `:${t.effect}` : ''}
              {t.tolerationSeconds !== undefined ? ` for ${t.tolerationSeconds}s` : ''}
            </code>
            <span className="hint">
              {fromTemplate ? ' from the template' : ' added when the pod was made'}
            </span>
          </li>
        ))}
      </ul>
      <h3>Node affinity</h3>
      <pre className={`kubectl-output${affinity.injected ? ' added' : ''}`} aria-label="Pod node affinity">
        {JSON.stringify(affinity.pod, null, 2)}
      </pre>
      {affinity.injected && (
        <p className="hint">
          The controller replaced the template&apos;s required node affinity with a term that pins the pod to
          its node (matchFields metadata.name).
          {affinity.template ? ' Template: ' + JSON.stringify(affinity.template) : ' The template had none.'}
        </p>
      )}
    </div>
  );
}

function DaemonSetInspector({ daemonSet }: { daemonSet: string }) {
  const ds = useAppSelector((s) => s.cluster.DaemonSet.get(daemonSet));
  if (!ds) return null;
  const ns = ds.metadata?.namespace ?? 'default';
  const name = ds.metadata?.name ?? '';
  return (
    <section
      className="panel inspector"
      aria-labelledby="inspector-title"
      data-inspecting={`daemonset/${daemonSet}`}
    >
      <h2 id="inspector-title">
        DaemonSet <code>{daemonSet}</code>
      </h2>
      <WhyDesired daemonSet={daemonSet} />
      <ObjectRelations obj={ds} />
      <ObjectEvents refTo={{ kind: 'DaemonSet', namespace: ns, name }} />
      <ObjectYaml obj={ds} kind="DaemonSet" />
    </section>
  );
}
