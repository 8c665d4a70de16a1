import { describe, expect, it } from 'vitest';
import { SimHost } from './host.ts';

const NODES = `apiVersion: v1
kind: Node
metadata:
  name: a
  labels: {disk: ssd}
---
apiVersion: v1
kind: Node
metadata: {name: b}
`;
const DS = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: default}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: c, image: busybox}]
`;

function pods(host: SimHost): string[] {
  return [...host.simulation.api.list('Pod')].map((p) => `${p.metadata?.name}@${p.spec?.nodeName}`).sort();
}

describe('SimHost', () => {
  it('applies a multi-document buffer like kubectl apply and reports each resource', () => {
    const host = new SimHost();
    const r = host.execute({ type: 'applyYaml', text: NODES + '---\n' + DS });
    expect(r).toEqual({
      ok: true,
      outcomes: [
        expect.objectContaining({ docIndex: 0, message: 'node/a created' }),
        expect.objectContaining({ docIndex: 1, message: 'node/b created' }),
        expect.objectContaining({ docIndex: 2, message: 'daemonset.apps/agent created' }),
      ],
    });
    const again = host.execute({ type: 'applyYaml', text: DS });
    expect(again.outcomes[0]?.message).toBe('daemonset.apps/agent unchanged');
    host.advanceTo(10_000);
    expect(pods(host)).toHaveLength(2);
  });

  it('refuses an invalid DaemonSet with the field error and leaves the cluster as it was', () => {
    const host = new SimHost();
    host.execute({ type: 'applyYaml', text: NODES + '---\n' + DS });
    host.advanceTo(10_000);
    const before = host.simulation.objects();
    const bad = DS.replace('{matchLabels: {app: agent}}', '{matchLabels: {app: other}}');
    const r = host.execute({ type: 'applyYaml', text: bad });
    expect(r.ok).toBe(false);
    expect(r.outcomes[0]?.result).toBe('error');
    expect(r.outcomes[0]?.causes.map((c) => c.field)).toContain('spec.template.metadata.labels');
    expect(r.outcomes[0]?.message).toMatch(/^The DaemonSet "agent" is invalid: /);
    expect(host.simulation.objects()).toEqual(before);
    // A refusal is not logged: replaying the session does not need it.
    expect(host.currentSession().log).toHaveLength(1);
  });

  it('reports a YAML syntax error with its line and applies nothing', () => {
    const host = new SimHost();
    const r = host.execute({ type: 'applyYaml', text: NODES + '---\nkind: DaemonSet\nmetadata: {name: x\n' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.line).toBeGreaterThanOrEqual(13);
    expect(r.message).toMatch(
      /^error: error parsing editor: error converting YAML to JSON: yaml: line \d+: /,
    );
    expect([...host.simulation.api.list('Node')]).toHaveLength(0);
  });

  it('names a missing kind and an unsupported kind the way kubectl does', () => {
    const host = new SimHost();
    const noKind = host.execute({ type: 'applyYaml', text: 'apiVersion: v1\nmetadata: {name: a}\n' });
    expect(noKind.ok || noKind.message).toMatch(/Object 'Kind' is missing/);
    const deploy = host.execute({
      type: 'applyYaml',
      text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n',
    });
    expect(deploy.ok || deploy.message).toMatch(/no matches for kind "Deployment" in version "apps\/v1"/);
  });

  it('patches labels, taints and cordon through the API server', () => {
    const host = new SimHost();
    host.execute({ type: 'applyYaml', text: NODES });
    host.execute({
      type: 'patchNode',
      name: 'b',
      labels: { zone: 'x' },
      taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }],
      unschedulable: true,
    });
    const b = host.simulation.api.get('Node', undefined, 'b')!;
    expect(b.metadata?.labels?.zone).toBe('x');
    host.execute({ type: 'patchNode', name: 'a', labels: { disk: null } });
    expect(host.simulation.api.get('Node', undefined, 'a')!.metadata?.labels?.disk).toBeUndefined();
    expect(b.spec?.unschedulable).toBe(true);
    host.advanceTo(1000);
    const taints = host.simulation.api.get('Node', undefined, 'b')!.spec?.taints?.map((t) => t.key);
    expect(taints).toEqual(['k', 'node.kubernetes.io/unschedulable']);
    const missing = host.execute({ type: 'patchNode', name: 'zz', unschedulable: true });
    expect(missing).toMatchObject({
      ok: false,
      message: 'Error from server (NotFound): nodes "zz" not found',
    });
  });

  it('a node whose Ready condition goes Unknown gets the unreachable taint', () => {
    const host = new SimHost();
    host.execute({ type: 'applyYaml', text: NODES });
    host.execute({ type: 'setNodeCondition', name: 'a', condition: 'Ready', status: 'Unknown' });
    host.advanceTo(1000);
    const a = host.simulation.api.get('Node', undefined, 'a')!;
    expect(a.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
    });
    expect(a.spec?.taints?.map((t) => `${t.key}:${t.effect}`)).toContain(
      'node.kubernetes.io/unreachable:NoExecute',
    );
  });

  it('fails a pod as its kubelet would, and the controller replaces it', () => {
    const host = new SimHost();
    host.execute({ type: 'applyYaml', text: NODES + '---\n' + DS });
    host.advanceTo(10_000);
    const pod = [...host.simulation.api.list('Pod')].find((p) => p.spec?.nodeName === 'a')!;
    const r = host.execute({ type: 'failPod', namespace: 'default', name: pod.metadata!.name! });
    expect(r.ok).toBe(true);
    host.advanceTo(20_000);
    const onA = [...host.simulation.api.list('Pod')].filter((p) => p.spec?.nodeName === 'a');
    expect(onA.map((p) => p.metadata?.name)).not.toContain(pod.metadata?.name);
    expect(onA.filter((p) => p.status?.phase === 'Running')).toHaveLength(1);
  });

  it('restoring a session replays it to the same cluster, byte for byte', () => {
    const host = new SimHost(7);
    host.execute({ type: 'applyYaml', text: NODES + '---\n' + DS });
    // Time passes in uneven slices, as a playing clock delivers it.
    for (let t = 37; t < 4000; t += 37) host.advanceTo(t);
    host.execute({ type: 'patchNode', name: 'a', taints: [{ key: 'x', effect: 'NoExecute' }] });
    host.advanceTo(6_123);
    host.execute({ type: 'delete', kind: 'Node', name: 'b' });
    host.advanceTo(9_000);
    const restored = SimHost.restore(host.currentSession());
    expect(restored.nowMs()).toBe(9_000);
    expect(JSON.stringify(restored.simulation.objects())).toBe(JSON.stringify(host.simulation.objects()));
  });

  it('collects changes coalesced per object', () => {
    const host = new SimHost();
    host.execute({ type: 'applyYaml', text: NODES });
    const first = host.takeChanges();
    expect(first.filter((c) => c.kind === 'Node').map((c) => c.key)).toEqual(['a', 'b']);
    host.execute({ type: 'patchNode', name: 'a', labels: { x: '1' } });
    host.execute({ type: 'patchNode', name: 'a', labels: { x: '2' } });
    const second = host.takeChanges().filter((c) => c.kind === 'Node');
    expect(second).toHaveLength(1);
    expect(second[0]).toMatchObject({ type: 'upsert', key: 'a' });
    expect(host.takeChanges()).toEqual([]);
  });

  it('loads a scenario, and reports a bad one with file, line and column', () => {
    const host = new SimHost();
    const bad = host.execute({ type: 'loadScenario', file: 'x.yaml', text: 'name: x\nobjectz: []\n' });
    expect(bad).toMatchObject({ ok: false, line: 2, column: 1 });
    if (!bad.ok) expect(bad.message).toMatch(/^x\.yaml:2:1: /);
    const ok = host.execute({
      type: 'loadScenario',
      file: 's.yaml',
      text: `name: s\nseed: 3\nobjects:\n${(NODES + '---\n' + DS)
        .split('---\n')
        .map((d) => '  - ' + d.trim().split('\n').join('\n    '))
        .join('\n')}\nsteps:\n  - advanceSeconds: 10\n`,
    });
    expect(ok.ok).toBe(true);
    expect(host.nowMs()).toBe(10_000);
    expect(pods(host)).toHaveLength(2);
    expect(host.currentSession()).toMatchObject({ seed: 3, log: [{ atMs: 0 }] });
    const replay = SimHost.restore(host.currentSession());
    expect(pods(replay)).toEqual(pods(host));
  });
});

describe('rollouts through the host', () => {
  it('shows status and history, and rolls back as kubectl rollout undo does', () => {
    const host = new SimHost();
    host.execute({ type: 'applyYaml', text: NODES + '---\n' + DS });
    host.advanceTo(10_000);
    host.execute({ type: 'applyYaml', text: DS.replace('image: busybox', 'image: busybox:1.37') });
    const during = host.rolloutView('default/agent');
    expect(during?.status).toMatchObject({
      done: false,
      progress: { strategy: 'RollingUpdate', desired: 2 },
    });
    host.advanceTo(60_000);
    const view = host.rolloutView('default/agent')!;
    expect(view.status).toMatchObject({ done: true, output: 'daemon set "agent" successfully rolled out\n' });
    expect('revisions' in view.history && view.history.revisions.map((r) => [r.revision, r.current])).toEqual(
      [
        [1, false],
        [2, true],
      ],
    );
    const undo = host.execute({ type: 'rolloutUndo', namespace: 'default', name: 'agent', toRevision: 1 });
    expect(undo).toMatchObject({ ok: true, outcomes: [{ message: 'daemonset.apps/agent rolled back' }] });
    const bad = host.execute({ type: 'rolloutUndo', namespace: 'default', name: 'agent', toRevision: 9 });
    expect(bad).toMatchObject({
      ok: false,
      message: 'error: unable to find specified revision 9 in history',
    });
    host.advanceTo(120_000);
    const images = [...host.simulation.api.list('Pod')].map((p) => p.spec?.containers[0]?.image);
    expect(images).toEqual(['busybox', 'busybox']);
    expect(host.rolloutView('default/missing')).toBeNull();
  });
});

describe('the editor buffer is read as kubectl reads YAML', () => {
  it('accepts merge keys and refuses duplicate keys with their line', () => {
    const host = new SimHost();
    const ok = host.execute({
      type: 'applyYaml',
      text: 'apiVersion: v1\nkind: Node\nmetadata:\n  name: m\n  labels:\n    <<: {disk: ssd}\n    zone: a\n',
    });
    expect(ok.ok).toBe(true);
    expect(host.simulation.api.get('Node', undefined, 'm')?.metadata?.labels).toMatchObject({
      disk: 'ssd',
      zone: 'a',
    });
    const dup = host.execute({ type: 'applyYaml', text: 'apiVersion: v1\nkind: Node\nkind: Pod\n' });
    expect(dup).toMatchObject({ ok: false, line: 3 });
  });
});
