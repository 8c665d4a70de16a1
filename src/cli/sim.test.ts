// The scenario CLI as a user meets it: a real process, its stdout/stderr and exit status.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const SHARED = resolve(ROOT, '../shared/conformance');

function sim(...args: string[]) {
  const r = spawnSync(TSX, ['src/cli/sim.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dsp-cli-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

// Each test starts the CLI as a child process (tsx compiles it first): seconds, not milliseconds, on
// a loaded 2-core machine. The timeout is generous so a busy CI box does not fail them.
describe('npm run sim', { timeout: 60_000 }, () => {
  it('run prints the same bytes twice for the same scenario', () => {
    const file = join(SHARED, '47-failed-pod-replaced.yaml');
    const a = sim('run', file);
    const b = sim('run', file);
    expect(a.status).toBe(0);
    expect(a.stdout.length).toBeGreaterThan(1000);
    expect(a.stdout).toBe(b.stdout);
    const out = JSON.parse(a.stdout) as {
      timeSeconds: number;
      objects: Array<{ kind: string }>;
      rejections: unknown[];
    };
    expect(out.timeSeconds).toBe(60);
    expect(out.objects.filter((o) => o.kind === 'Pod')).toHaveLength(3);
  });

  it('check reports pass/fail per file and a closing count line', () => {
    const failing = tempFile(
      'wrong.yaml',
      [
        'name: expects a pod on a node that does not exist',
        'objects:',
        '  - {apiVersion: v1, kind: Node, metadata: {name: node-a}}',
        '  - apiVersion: apps/v1',
        '    kind: DaemonSet',
        '    metadata: {name: agent, namespace: default}',
        '    spec:',
        '      selector: {matchLabels: {app: agent}}',
        '      template: {metadata: {labels: {app: agent}}, spec: {containers: [{name: a, image: pause}]}}',
        'steps: [{advanceSeconds: 10}]',
        'expect: {podsByNode: {default/agent: [node-a, node-z]}}',
      ].join('\n'),
    );
    const r = sim('check', join(SHARED, '01-all-nodes-plain.yaml'), failing);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('pass ');
    expect(r.stdout).toContain(`FAIL ${failing}`);
    expect(r.stdout).toContain('node node-z has 0 pods, expected exactly 1');
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('1 passed, 1 failed');
  });

  it.each([
    ['bad YAML', 'name: x\nobjects: [\n', /bad\.yaml:\d+:\d+: /],
    [
      'an unknown key',
      'name: x\nsteps:\n  - advanceSecond: 3\n',
      /bad\.yaml:3:5: unknown key "advanceSecond" in steps\[0\]; did you mean "advanceSeconds"\?/,
    ],
    [
      'a wrong type',
      'name: x\nsteps:\n  - advanceSeconds: ten\n',
      /bad\.yaml:3:21: steps\[0\]\.advanceSeconds: expected a non-negative number/,
    ],
  ])(
    'a malformed scenario (%s) gets one clear error with line and column, no stack trace',
    (_what, text, pattern) => {
      const file = tempFile('bad.yaml', text);
      const r = sim('run', file);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    },
  );

  it('a missing file and an unknown command are reported plainly', () => {
    const missing = sim('run', '/nonexistent/x.yaml');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('/nonexistent/x.yaml: cannot read file: no such file');
    const unknown = sim('frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });

  it('rollout status|history|undo print what kubectl would after the scenario ran', () => {
    const LOCAL = resolve(ROOT, 'src/scenarios');
    const stalled = sim(
      'rollout',
      'status',
      join(LOCAL, 'rolling-update-stalls-on-silent-node.yaml'),
      'ds/agent',
    );
    expect(stalled.status).toBe(0);
    expect(stalled.stdout).toBe(
      'Waiting for daemon set "agent" rollout to finish: 0 out of 2 new pods have been updated...\n' +
        'Stalled: maxUnavailable=1 is used by node-a, which is NotReady (Ready=Unknown), so its new pod cannot become Ready\n',
    );
    const rollback = join(SHARED, '65-rollback-reapply-old-template.yaml');
    const history = sim('rollout', 'history', rollback, 'daemonset/agent');
    expect(history.stdout).toBe(
      'daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n',
    );
    const revision = sim('rollout', 'history', rollback, 'ds/agent', '--revision=3');
    expect(revision.stdout).toMatch(
      /^daemonset\.apps\/agent with revision #3\nPod Template:\n {2}Labels:\tapp=agent\n/,
    );
    expect(sim('rollout', 'undo', rollback, 'ds/agent').stdout).toBe('daemonset.apps/agent rolled back\n');
    const refused = sim('rollout', 'undo', rollback, 'ds/agent', '--to-revision=7');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe('error: unable to find specified revision 7 in history\n');
    const missing = sim('rollout', 'status', rollback, 'ds/nope', '-n', 'kube-system');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe('Error from server (NotFound): daemonsets.apps "nope" not found\n');
    const usage = sim('rollout', 'history', rollback, 'pod/agent');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('expected ds/NAME, got "pod/agent"');
  });

  it('explain prints DESIRED, one line per node, excluded reasons and misscheduled pods', () => {
    const r = sim('explain', join(SHARED, '23-taint-noschedule-added-pod-stays.yaml'));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        '^' +
          [
            'daemonset default/agent: DESIRED 1 \\(of 2 nodes\\)',
            '  node-a  runs',
            '  node-b  excluded: taint dedicated=user1:NoSchedule not tolerated \\(an existing pod may stay\\)',
            '  excluded:',
            '    taint dedicated=user1:NoSchedule not tolerated: node-b',
            '  misscheduled:',
            '    agent-[a-z0-9]{5} on node-b: taint dedicated=user1:NoSchedule not tolerated \\(the pod may stay\\)',
          ].join('\n') +
          '\n$',
      ),
    );
    const pending = sim('explain', join(SHARED, '43-too-many-pods.yaml'));
    expect(pending.stdout).toContain(
      'node-b  runs, but pod agent-f56jv is not scheduled: NodeResourcesFit: Too many pods (1 of 1 allowed pods already on the node)\n' +
        "          PodScheduled=False: 0/2 nodes are available: 1 Too many pods, 1 node(s) didn't satisfy plugin(s) [NodeAffinity].",
    );
    const json = sim('explain', '--json', join(SHARED, '13-affinity-terms-ored.yaml'));
    const out = JSON.parse(json.stdout) as Array<{ desired: number; excluded: Array<{ nodes: string[] }> }>;
    expect(out[0]?.desired).toBe(2);
    expect(out[0]?.excluded.flatMap((g) => g.nodes).sort()).toEqual(['node-b', 'node-d']);
  });

  it('explain --nodes checks DaemonSet manifests against nodes saved with kubectl get nodes -o yaml', () => {
    const nodes = tempFile(
      'nodes.yaml',
      [
        'apiVersion: v1',
        'kind: List',
        'metadata: {resourceVersion: ""}',
        'items:',
        '- apiVersion: v1',
        '  kind: Node',
        '  metadata:',
        '    name: node-a',
        '    uid: 6f1c1f0e-1111-2222-3333-444455556666',
        '    resourceVersion: "12345"',
        '    creationTimestamp: "2025-11-02T10:00:00Z"',
        '    labels: {kubernetes.io/hostname: node-a, disk: ssd}',
        '    managedFields: [{manager: kubelet, operation: Update, apiVersion: v1}]',
        '  status:',
        '    allocatable: {cpu: "2", memory: 8Gi, pods: "110"}',
        '    capacity: {cpu: "2", memory: 8Gi, pods: "110"}',
        '    conditions: [{type: Ready, status: "True", reason: KubeletReady}]',
        '    nodeInfo: {kubeletVersion: v1.34.0, operatingSystem: linux, architecture: amd64}',
        '- apiVersion: v1',
        '  kind: Node',
        '  metadata: {name: node-b, labels: {disk: hdd}}',
        '  spec: {taints: [{key: dedicated, value: gpu, effect: NoSchedule}]}',
      ].join('\n'),
    );
    const ds = tempFile(
      'ds.yaml',
      [
        'apiVersion: v1',
        'kind: ServiceAccount',
        'metadata: {name: agent}',
        '---',
        'apiVersion: apps/v1',
        'kind: DaemonSet',
        'metadata: {name: agent}',
        'spec:',
        '  selector: {matchLabels: {app: agent}}',
        '  template:',
        '    metadata: {labels: {app: agent}}',
        '    spec: {containers: [{name: a, image: pause}]}',
        '---',
        'apiVersion: apps/v1',
        'kind: DaemonSet',
        'metadata: {name: ssd, namespace: kube-system}',
        'spec:',
        '  selector: {matchLabels: {app: ssd}}',
        '  template:',
        '    metadata: {labels: {app: ssd}}',
        '    spec:',
        '      nodeSelector: {disk: ssd}',
        '      containers: [{name: a, image: pause, resources: {requests: {cpu: "3"}}}]',
      ].join('\n'),
    );
    const r = sim('explain', '--nodes', nodes, ds);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`${ds}:1:1: skipping ServiceAccount (only DaemonSets are explained)\n`);
    expect(r.stdout).toMatch(
      /^daemonset default\/agent: DESIRED 1 \(of 2 nodes\)\n {2}node-a {2}runs\n {2}node-b {2}excluded: taint dedicated=gpu:NoSchedule not tolerated/,
    );
    expect(r.stdout).toMatch(
      /daemonset kube-system\/ssd: DESIRED 1 \(of 2 nodes\)\n {2}node-a {2}runs, but pod ssd-[a-z0-9]{5} is not scheduled: NodeResourcesFit: Insufficient cpu \(requested 3, allocatable 2, already requested 0\)\n/,
    );
    expect(r.stdout).toContain('  node-b  excluded: nodeSelector disk=ssd: node has disk=hdd\n');
  });

  it.each([
    [
      'bad YAML',
      'kind: List\nitems:\n  - {kind: Node, metadata: {name: a}\n',
      /nodes\.yaml:\d+:\d+: invalid YAML: /,
    ],
    [
      'a wrong kind',
      'kind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: x}\n',
      /nodes\.yaml:4:9: items\[0\]: expected kind Node, got "Pod"/,
    ],
    [
      'a missing kind',
      'apiVersion: v1\nmetadata: {name: x}\n',
      /nodes\.yaml:1:1: the document: missing "kind"/,
    ],
  ])('explain --nodes: a malformed node list (%s) gets file:line:column, exit 2', (_what, text, pattern) => {
    const nodes = tempFile('nodes.yaml', text);
    const r = sim('explain', '--nodes', nodes, join(SHARED, '01-all-nodes-plain.yaml'));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('explain --nodes: a DaemonSet the API server refuses is reported at its position, exit 1', () => {
    const nodes = tempFile('nodes.yaml', 'apiVersion: v1\nkind: Node\nmetadata: {name: node-a}\n');
    const ds = tempFile(
      'ds.yaml',
      [
        'apiVersion: apps/v1',
        'kind: DaemonSet',
        'metadata: {name: ok}',
        'spec:',
        '  selector: {matchLabels: {app: ok}}',
        '  template: {metadata: {labels: {app: ok}}, spec: {containers: [{name: a, image: pause}]}}',
        '---',
        'apiVersion: apps/v1',
        'kind: DaemonSet',
        'metadata: {name: bad}',
        'spec:',
        '  selector: {matchLabels: {app: y}}',
        '  template: {metadata: {labels: {app: z}}, spec: {containers: [{name: a, image: pause}]}}',
      ].join('\n'),
    );
    const r = sim('explain', '--nodes', nodes, ds);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `error: ${ds}:8:1: The DaemonSet "bad" is invalid: spec.template.metadata.labels: Invalid value: {"app":"z"}: \`selector\` does not match template \`labels\`\n`,
    );
    expect(r.stdout).toBe('daemonset default/ok: DESIRED 1 (of 1 node)\n  node-a  runs\n');
  });
});
