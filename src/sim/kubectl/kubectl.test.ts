// The console's commands against a small cluster: exact texts as kubectl prints them
// (printers.go tables, describe.go describers, the messages of label/taint/drain/delete/rollout,
// cobra/pflag errors) and Tab completion.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types.ts';
import { createSimulation, type Simulation } from '../engine/simulation.ts';
import { completeKubectl, execKubectl, runKubectl } from './kubectl.ts';

const CLUSTER = `apiVersion: v1
kind: Node
metadata: {name: node-a, labels: {disk: ssd}}
---
apiVersion: v1
kind: Node
metadata: {name: node-b}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: c, image: busybox, ports: [{containerPort: 80, hostPort: 8080}]}]
`;

/** Two nodes and the DaemonSet `agent`, 65 s after `kubectl apply`. */
function cluster(): Simulation {
  const sim = createSimulation({ seed: 1, freeze: true });
  expect(runKubectl(sim, 'kubectl apply -f -', { stdin: CLUSTER })).toEqual({
    output: 'node/node-a created\nnode/node-b created\ndaemonset.apps/agent created\n',
    exitCode: 0,
  });
  sim.advance(65);
  return sim;
}

function podOn(sim: Simulation, node: string): Pod {
  const pod = [...sim.api.list('Pod')].find(
    (p) => p.spec?.nodeName === node && !p.metadata?.deletionTimestamp,
  );
  if (!pod) throw new Error(`no pod on ${node}`);
  return pod;
}

function k(sim: Simulation, line: string, stdin?: string): { output: string; exitCode: number } {
  return runKubectl(sim, line, stdin === undefined ? {} : { stdin });
}

describe('kubectl get', () => {
  it('ds: printDaemonSet columns; -o wide adds CONTAINERS, IMAGES, SELECTOR', () => {
    const sim = cluster();
    expect(k(sim, 'get ds').output).toBe(
      'NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\n' +
        'agent   2         2         2       2            2           <none>          65s\n',
    );
    expect(k(sim, 'kubectl get daemonsets -o wide').output).toBe(
      'NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE   CONTAINERS   IMAGES    SELECTOR\n' +
        'agent   2         2         2       2            2           <none>          65s   c            busybox   app=agent\n',
    );
  });

  it('pods: READY, STATUS, RESTARTS, AGE; wide adds IP, NODE, NOMINATED NODE, READINESS GATES', () => {
    const sim = cluster();
    const a = podOn(sim, 'node-a').metadata!.name!;
    const b = podOn(sim, 'node-b').metadata!.name!;
    const [first, second] = [a, b].sort();
    const ip = (n: string): string => (n === a ? '10.244.0.1' : '10.244.0.2');
    const node = (n: string): string => (n === a ? 'node-a' : 'node-b');
    expect(k(sim, 'get pods').output).toBe(
      'NAME          READY   STATUS    RESTARTS   AGE\n' +
        `${first}   1/1     Running   0          65s\n` +
        `${second}   1/1     Running   0          65s\n`,
    );
    expect(k(sim, 'get po -o wide').output).toBe(
      'NAME          READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\n' +
        `${first}   1/1     Running   0          65s   ${ip(first!)}   ${node(first!)}   <none>           <none>\n` +
        `${second}   1/1     Running   0          65s   ${ip(second!)}   ${node(second!)}   <none>           <none>\n`,
    );
  });

  it('pods: ContainerCreating, Pending and Terminating as printPod computes them', () => {
    const sim = cluster();
    k(sim, 'label node node-b extra=1');
    runKubectl(sim, 'apply -f -', { stdin: 'apiVersion: v1\nkind: Node\nmetadata: {name: node-c}\n' });
    sim.advance(1);
    const c = podOn(sim, 'node-c');
    expect(k(sim, `get pod ${c.metadata!.name}`).output).toMatch(/ 0\/1 {5}ContainerCreating {3}0 {10}1s\n$/);
    const a = podOn(sim, 'node-a');
    k(sim, `delete pod ${a.metadata!.name}`);
    expect(k(sim, `get pod ${a.metadata!.name}`).output).toMatch(/ 1\/1 +Terminating +0 +66s\n$/);
  });

  it('nodes: STATUS Ready / NotReady / SchedulingDisabled, ROLES, VERSION; wide and --show-labels', () => {
    const sim = cluster();
    k(sim, 'cordon node-b');
    k(sim, 'label node node-a node-role.kubernetes.io/control-plane=');
    expect(k(sim, 'get nodes').output).toBe(
      'NAME     STATUS                     ROLES           AGE   VERSION\n' +
        'node-a   Ready                      control-plane   65s   v1.34.0\n' +
        'node-b   Ready,SchedulingDisabled   <none>          65s   v1.34.0\n',
    );
    expect(k(sim, 'get no node-b -o wide --show-labels').output).toBe(
      'NAME     STATUS                     ROLES    AGE   VERSION   INTERNAL-IP    EXTERNAL-IP   OS-IMAGE    KERNEL-VERSION   CONTAINER-RUNTIME    LABELS\n' +
        'node-b   Ready,SchedulingDisabled   <none>   65s   v1.34.0   172.18.86.38   <none>        <unknown>   <unknown>        containerd://1.7.0   kubernetes.io/arch=amd64,kubernetes.io/hostname=node-b,kubernetes.io/os=linux\n',
    );
  });

  it('-A adds NAMESPACE to namespaced kinds only; -n picks a namespace', () => {
    const sim = cluster();
    expect(k(sim, 'get ds -A').output).toBe(
      'NAMESPACE   NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\n' +
        'default     agent   2         2         2       2            2           <none>          65s\n',
    );
    expect(k(sim, 'get nodes --all-namespaces').output.split('\n')[0]).toBe(
      'NAME     STATUS   ROLES    AGE   VERSION',
    );
    expect(k(sim, 'get ds -n kube-system')).toEqual({
      output: 'No resources found in kube-system namespace.\n',
      exitCode: 0,
    });
    expect(k(sim, 'get pods -A -l app=nothing').output).toBe('No resources found\n');
  });

  it("-l takes the full selector syntax; a bad selector is the server's 400", () => {
    const sim = cluster();
    expect(k(sim, 'get nodes -l disk').output).toMatch(/^NAME.*\nnode-a /);
    expect(k(sim, 'get nodes -l "!disk"').output).toMatch(/^NAME.*\nnode-b /);
    expect(k(sim, "get nodes -l 'disk in (ssd,hdd)' -o name").output).toBe('node/node-a\n');
    expect(k(sim, 'get nodes -l disk!=ssd -o name').output).toBe('node/node-b\n');
    const bad = k(sim, 'get pods -l "a in"');
    expect(bad.exitCode).toBe(1);
    expect(bad.output).toMatch(
      /^Error from server \(BadRequest\): Unable to find "\/v1, Resource=pods" that match label selector "a in", field selector "": /,
    );
    expect(k(sim, 'get ds agent -l app=agent').output).toBe(
      'error: name cannot be provided when a selector is specified\n',
    );
  });

  it('-o name, and several types at once (TYPE/NAME in the NAME column)', () => {
    const sim = cluster();
    expect(k(sim, 'get ds,nodes -o name').output).toBe('daemonset.apps/agent\nnode/node-a\nnode/node-b\n');
    expect(k(sim, 'get ds/agent node/node-a').output).toBe(
      'NAME                   DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\n' +
        'daemonset.apps/agent   2         2         2       2            2           <none>          65s\n' +
        '\n' +
        'NAME          STATUS   ROLES    AGE   VERSION\n' +
        'node/node-a   Ready    <none>   65s   v1.34.0\n',
    );
  });

  it('-o yaml / -o json: the stored object, or a List for a list request', () => {
    const sim = cluster();
    const yaml = k(sim, 'get ds agent -o yaml').output;
    expect(yaml).toMatch(
      /^apiVersion: apps\/v1\nkind: DaemonSet\nmetadata:\n {2}annotations:\n {4}deprecated.daemonset.template.generation: "1"\n {2}creationTimestamp: "2026-01-01T00:00:00Z"\n {2}generation: 1\n {2}name: agent\n {2}namespace: default\n/,
    );
    expect(yaml).toContain('\n      containers:\n      - image: busybox\n        imagePullPolicy: Always\n');
    expect(yaml).toMatch(/\nstatus:\n {2}currentNumberScheduled: 2\n {2}desiredNumberScheduled: 2\n/);
    const list = k(sim, 'get nodes -l disk -o yaml').output;
    expect(list).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n {2}kind: Node\n/);
    expect(list).toMatch(/\nkind: List\nmetadata:\n {2}resourceVersion: ""\n$/);
    expect(k(sim, 'get ds -n other -o yaml').output).toBe(
      'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n',
    );
    const json = JSON.parse(k(sim, 'get ds agent -o json').output) as { kind: string; status: unknown };
    expect(json.kind).toBe('DaemonSet');
    expect(k(sim, 'get ds agent -o json').output).toMatch(
      /^\{\n {4}"apiVersion": "apps\/v1",\n {4}"kind": "DaemonSet",\n {4}"metadata": \{\n {8}"annotations": \{/,
    );
    expect(JSON.parse(k(sim, 'get pods -o json').output)).toMatchObject({ apiVersion: 'v1', kind: 'List' });
  });

  it("a missing name is the server's NotFound; unknown types and output formats are refused", () => {
    const sim = cluster();
    expect(k(sim, 'get ds nope')).toEqual({
      output: 'Error from server (NotFound): daemonsets.apps "nope" not found\n',
      exitCode: 1,
    });
    expect(k(sim, 'get pods nope').output).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(k(sim, 'get deploys')).toEqual({
      output: 'error: the server doesn\'t have a resource type "deploys"\n',
      exitCode: 1,
    });
    expect(k(sim, 'get pods -o foo').output).toBe(
      'error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
    );
  });
});

describe('kubectl describe', () => {
  it('ds: describeDaemonSet with the pod template and events', () => {
    const sim = cluster();
    const names = [podOn(sim, 'node-a'), podOn(sim, 'node-b')].map((p) => p.metadata!.name!);
    const out = k(sim, 'describe ds agent').output;
    const [events] = out.split('Events:\n').slice(1);
    expect(out.split('Events:\n')[0]).toBe(
      [
        'Name:           agent',
        'Namespace:      default',
        'Selector:       app=agent',
        'Node-Selector:  <none>',
        'Labels:         <none>',
        'Annotations:    deprecated.daemonset.template.generation: 1',
        'Desired Number of Nodes Scheduled: 2',
        'Current Number of Nodes Scheduled: 2',
        'Number of Nodes Scheduled with Up-to-date Pods: 2',
        'Number of Nodes Scheduled with Available Pods: 2',
        'Number of Nodes Misscheduled: 0',
        'Pods Status:  2 Running / 0 Waiting / 0 Succeeded / 0 Failed',
        'Pod Template:',
        '  Labels:  app=agent',
        '  Containers:',
        '   c:',
        '    Image:         busybox',
        '    Port:          80/TCP',
        '    Host Port:     8080/TCP',
        '    Environment:   <none>',
        '    Mounts:        <none>',
        '  Volumes:         <none>',
        '  Node-Selectors:  <none>',
        '  Tolerations:     <none>',
        '',
      ].join('\n'),
    );
    const lines = events!.trimEnd().split('\n');
    expect(lines.slice(0, 2)).toEqual([
      '  Type    Reason            Age   From                  Message',
      '  ----    ------            ----  ----                  -------',
    ]);
    expect(lines.slice(2).sort()).toEqual(
      names.map((n) => `  Normal  SuccessfulCreate  65s   daemonset-controller  Created pod: ${n}`).sort(),
    );
  });

  it('pod: describePod, line by line', () => {
    const sim = cluster();
    const pod = podOn(sim, 'node-a');
    const name = pod.metadata!.name!;
    const st = pod.status!.containerStatuses![0]!;
    expect(k(sim, `describe pod ${name}`).output).toBe(
      [
        `Name:         ${name}`,
        'Namespace:    default',
        'Priority:     0',
        'Node:         node-a/172.18.80.147',
        'Start Time:   Thu, 01 Jan 2026 00:00:00 +0000',
        'Labels:       app=agent',
        `              controller-revision-hash=${pod.metadata!.labels!['controller-revision-hash']}`,
        '              pod-template-generation=1',
        'Annotations:  <none>',
        'Status:       Running',
        'IP:           10.244.0.1',
        'IPs:',
        '  IP:           10.244.0.1',
        'Controlled By:  DaemonSet/agent',
        'Containers:',
        '  c:',
        `    Container ID:   ${st.containerID}`,
        '    Image:          busybox',
        `    Image ID:       ${st.imageID}`,
        '    Port:           80/TCP',
        '    Host Port:      8080/TCP',
        '    State:          Running',
        '      Started:      Thu, 01 Jan 2026 00:00:02 +0000',
        '    Ready:          True',
        '    Restart Count:  0',
        '    Environment:    <none>',
        '    Mounts:         <none>',
        'Conditions:',
        '  Type                        Status',
        '  PodScheduled                True ',
        '  PodReadyToStartContainers   True ',
        '  Initialized                 True ',
        '  Ready                       True ',
        '  ContainersReady             True ',
        'Volumes:                      <none>',
        'QoS Class:                    BestEffort',
        'Node-Selectors:               <none>',
        'Tolerations:                  node.kubernetes.io/disk-pressure:NoSchedule op=Exists',
        '                              node.kubernetes.io/memory-pressure:NoSchedule op=Exists',
        '                              node.kubernetes.io/not-ready:NoExecute op=Exists',
        '                              node.kubernetes.io/pid-pressure:NoSchedule op=Exists',
        '                              node.kubernetes.io/unreachable:NoExecute op=Exists',
        '                              node.kubernetes.io/unschedulable:NoSchedule op=Exists',
        'Events:',
        '  Type    Reason     Age   From               Message',
        '  ----    ------     ----  ----               -------',
        `  Normal  Scheduled  65s   default-scheduler  Successfully assigned default/${name} to node-a`,
        '  Normal  Pulled     63s   kubelet            spec.containers{c}: Container image "busybox" already present on machine and can be accessed by the pod',
        '  Normal  Created    63s   kubelet            spec.containers{c}: Container created',
        '  Normal  Started    63s   kubelet            spec.containers{c}: Container started',
        '',
      ].join('\n'),
    );
  });

  it("pod: the scheduler's repeated FailedScheduling as events.k8s.io records it", () => {
    const sim = createSimulation({ seed: 1, freeze: true });
    const agent = CLUSTER.split('---\n')[2]!;
    k(sim, 'apply -f -', CLUSTER.split('---\n')[0]! + '---\n' + agent);
    sim.advance(10);
    // Another DaemonSet wanting the same host port: its pod cannot be placed on node-a.
    k(sim, 'apply -f -', agent.replace(/agent/g, 'other'));
    const pending = [...sim.api.list('Pod')].find((p) => p.metadata?.name?.startsWith('other-'))!;
    // Each relabel lets the scheduler try again (after its 1 s, then 2 s, then 4 s backoff).
    for (const label of ['x=1', 'y=1', 'z=1']) {
      sim.advance(30);
      k(sim, `label node node-a ${label}`);
    }
    sim.advance(60);
    const message =
      "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. " +
      'preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.';
    // The first attempt saw the pod before its PodScheduled=False condition was written, so it is
    // an event of its own. The second attempt's event becomes a series at the third; the fourth
    // is only counted in the scheduler's memory (written at the next 6- or 30-minute tick), so
    // the stored series still says 2, last seen at the third attempt (t+72s).
    expect(k(sim, `describe pod ${pending.metadata?.name}`).output.split('Events:\n')[1]).toBe(
      [
        '  Type     Reason            Age                 From               Message',
        '  ----     ------            ----                ----               -------',
        `  Warning  FailedScheduling  2m30s               default-scheduler  ${message}`,
        `  Warning  FailedScheduling  88s (x2 over 119s)  default-scheduler  ${message}`,
        '',
      ].join('\n'),
    );
    // The scheduler keeps trying every 5 minutes (t+404s, 704s, …), so the series never goes
    // quiet for 6 minutes; only the 30-minute refresh writes its count, 8 by then (t+41s … 1604s).
    const stored = () =>
      [...sim.api.list('Event')].find((e) => e.involvedObject.name === pending.metadata?.name && e.series);
    sim.advanceTo(1_799_000);
    expect(stored()?.series).toEqual({ count: 2, lastObservedTime: '2026-01-01T00:01:12.000000Z' });
    sim.advanceTo(1_800_000);
    expect(stored()?.series).toEqual({ count: 8, lastObservedTime: '2026-01-01T00:26:44.000000Z' });
  });

  it('pod: a name prefix describes every match, separated by a blank line', () => {
    const sim = cluster();
    const out = k(sim, 'describe pod agent').output;
    expect(out.match(/^Name: /gm)).toHaveLength(2);
    expect(out).toContain('\n\n\nName:         agent-');
  });

  it('node: describeNode, line by line', () => {
    const sim = cluster();
    k(sim, 'taint node node-a dedicated=gpu:NoSchedule');
    k(sim, 'taint node node-a zone:PreferNoSchedule');
    const pod = podOn(sim, 'node-a').metadata!.name!;
    expect(k(sim, 'describe node node-a').output).toBe(
      [
        'Name:               node-a',
        'Roles:              <none>',
        'Labels:             disk=ssd',
        '                    kubernetes.io/arch=amd64',
        '                    kubernetes.io/hostname=node-a',
        '                    kubernetes.io/os=linux',
        'Annotations:        <none>',
        'CreationTimestamp:  Thu, 01 Jan 2026 00:00:00 +0000',
        'Taints:             dedicated=gpu:NoSchedule',
        '                    zone:PreferNoSchedule',
        'Unschedulable:      false',
        'Conditions:',
        '  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message',
        '  ----             ------  -----------------                 ------------------                ------                       -------',
        '  MemoryPressure   False   Thu, 01 Jan 2026 00:00:00 +0000   Thu, 01 Jan 2026 00:00:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available',
        '  DiskPressure     False   Thu, 01 Jan 2026 00:00:00 +0000   Thu, 01 Jan 2026 00:00:00 +0000   KubeletHasNoDiskPressure     kubelet has no disk pressure',
        '  PIDPressure      False   Thu, 01 Jan 2026 00:00:00 +0000   Thu, 01 Jan 2026 00:00:00 +0000   KubeletHasSufficientPID      kubelet has sufficient PID available',
        '  Ready            True    Thu, 01 Jan 2026 00:00:00 +0000   Thu, 01 Jan 2026 00:00:00 +0000   KubeletReady                 kubelet is posting ready status',
        'Addresses:',
        '  InternalIP:  172.18.80.147',
        '  Hostname:    node-a',
        'Capacity:',
        '  cpu:                4',
        '  ephemeral-storage:  50Gi',
        '  memory:             8Gi',
        '  pods:               110',
        'Allocatable:',
        '  cpu:                4',
        '  ephemeral-storage:  50Gi',
        '  memory:             8Gi',
        '  pods:               110',
        'System Info:',
        '  Machine ID:                 ',
        '  System UUID:                ',
        '  Boot ID:                    ',
        '  Kernel Version:             ',
        '  OS Image:                   ',
        '  Operating System:           linux',
        '  Architecture:               amd64',
        '  Container Runtime Version:  containerd://1.7.0',
        '  Kubelet Version:            v1.34.0',
        'Non-terminated Pods:          (1 in total)',
        '  Namespace                   Name           CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age',
        '  ---------                   ----           ------------  ----------  ---------------  -------------  ---',
        `  default                     ${pod}    0 (0%)        0 (0%)      0 (0%)           0 (0%)         65s`,
        'Allocated resources:',
        '  (Total limits may be over 100 percent, i.e., overcommitted.)',
        '  Resource           Requests  Limits',
        '  --------           --------  ------',
        '  cpu                0 (0%)    0 (0%)',
        '  memory             0 (0%)    0 (0%)',
        '  ephemeral-storage  0 (0%)    0 (0%)',
        'Events:              <none>',
        '',
      ].join('\n'),
    );
  });

  it('node: requests and limits as a share of allocatable', () => {
    const sim = createSimulation({ seed: 1 });
    k(sim, 'apply -f -', 'apiVersion: v1\nkind: Node\nmetadata: {name: n}\n');
    k(
      sim,
      'apply -f -',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  nodeName: n\n  containers:\n  - name: c\n    image: nginx\n    resources: {requests: {cpu: 250m, memory: 512Mi}, limits: {cpu: "1", memory: 1Gi}}\n',
    );
    const out = k(sim, 'describe node n').output;
    expect(out).toContain(
      '  default                     web     250m (6%)     1 (25%)     512Mi (6%)       1Gi (12%)      0s\n',
    );
    expect(out).toContain(
      '  Resource           Requests    Limits\n  --------           --------    ------\n' +
        '  cpu                250m (6%)   1 (25%)\n  memory             512Mi (6%)  1Gi (12%)\n' +
        '  ephemeral-storage  0 (0%)      0 (0%)\n',
    );
  });

  it('refuses what does not exist', () => {
    const sim = cluster();
    expect(k(sim, 'describe ds nope')).toEqual({
      output: 'Error from server (NotFound): daemonsets.apps "nope" not found\n',
      exitCode: 1,
    });
    expect(k(sim, 'describe nodes -l disk=hdd').output).toBe('No resources found\n');
  });
});

describe('kubectl label', () => {
  it('labels, refuses to overwrite without --overwrite, overwrites with it, removes with k-', () => {
    const sim = cluster();
    expect(k(sim, 'label node node-b disk=hdd')).toEqual({ output: 'node/node-b labeled\n', exitCode: 0 });
    expect(k(sim, 'label nodes node-b disk=ssd')).toEqual({
      output: "error: 'disk' already has a value (hdd), and --overwrite is false\n",
      exitCode: 1,
    });
    expect(k(sim, 'label node/node-b disk=ssd --overwrite').output).toBe('node/node-b labeled\n');
    expect(sim.api.get('Node', undefined, 'node-b')!.metadata!.labels!.disk).toBe('ssd');
    expect(k(sim, 'label node node-b disk=ssd').output).toBe('node/node-b not labeled\n');
    expect(k(sim, 'label node node-b disk-').output).toBe('node/node-b unlabeled\n');
    expect(k(sim, 'label node node-b disk-').output).toBe(
      'label "disk" not found.\nnode/node-b not labeled\n',
    );
  });

  it('the controller reacts at once: a matching label adds a pod, removing it deletes the pod', () => {
    const sim = cluster();
    k(sim, 'apply -f -', CLUSTER.replace('containers:', 'nodeSelector: {disk: ssd}\n      containers:'));
    sim.advance(30);
    expect(k(sim, 'get ds').output).toMatch(/\nagent {3}1 {9}1 {9}1 {7}1 {12}1 {11}disk=ssd/);
    k(sim, 'label node node-b disk=ssd');
    expect(k(sim, 'get ds').output).toMatch(/\nagent {3}2 {9}2 {9}1 /);
  });

  it('refuses bad specs and missing objects as kubectl does', () => {
    const sim = cluster();
    expect(k(sim, 'label node node-b').output).toBe(
      "error: at least one label update is required\nSee 'kubectl label -h' for help and examples\n",
    );
    expect(k(sim, 'label node node-b a=b=c').output).toBe('error: invalid label spec: a=b=c\n');
    expect(k(sim, 'label node nope a=b').output).toBe(
      'Error from server (NotFound): nodes "nope" not found\n',
    );
    const bad = k(sim, 'label node node-b bad_key!=x');
    expect(bad.exitCode).toBe(1);
    expect(bad.output).toMatch(/^The Node "node-b" is invalid: metadata.labels: Invalid value: "bad_key!"/);
  });
});

describe('kubectl taint', () => {
  it('taints, refuses an existing key/effect without --overwrite, untaints by key or key:effect', () => {
    const sim = cluster();
    expect(k(sim, 'taint node node-b dedicated=gpu:NoSchedule')).toEqual({
      output: 'node/node-b tainted\n',
      exitCode: 0,
    });
    expect(k(sim, 'taint nodes node-b dedicated=cpu:NoSchedule').output).toBe(
      'error: node node-b already has dedicated taint(s) with same effect(s) and --overwrite is false\n',
    );
    expect(k(sim, 'taint node node-b dedicated=cpu:NoSchedule --overwrite').output).toBe(
      'node/node-b modified\n',
    );
    expect(sim.api.get('Node', undefined, 'node-b')!.spec!.taints).toEqual([
      { key: 'dedicated', value: 'cpu', effect: 'NoSchedule' },
    ]);
    expect(k(sim, 'taint node node-b dedicated:NoSchedule-').output).toBe('node/node-b untainted\n');
    expect(k(sim, 'taint node node-b dedicated-').output).toBe('error: taint "dedicated" not found\n');
    expect(sim.api.get('Node', undefined, 'node-b')!.spec!.taints).toBeUndefined();
  });

  it('a NoExecute taint evicts the daemon pods that do not tolerate it', () => {
    const sim = cluster();
    const pod = podOn(sim, 'node-b').metadata!.name!;
    k(sim, 'taint node node-b maintenance=now:NoExecute');
    expect(k(sim, `get pod ${pod}`).output).toMatch(/Terminating/);
  });

  it('refuses bad specs', () => {
    const sim = cluster();
    expect(k(sim, 'taint node node-b a=b:Sometimes').output).toBe(
      'error: invalid taint effect: Sometimes, unsupported taint effect\n',
    );
    // parseTaint: without an effect the whole spec is the key, and IsQualifiedName refuses it.
    expect(k(sim, 'taint node node-b a=b').output).toBe(
      "error: invalid taint spec: a=b, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\n",
    );
    expect(k(sim, 'taint node node-b a=b:').output).toBe(
      'error: invalid taint effect: , unsupported taint effect\n',
    );
    expect(k(sim, 'taint node node-b a:b:c').output).toBe('error: invalid taint spec: a:b:c\n');
    expect(k(sim, 'taint node node-b').output).toBe(
      "error: at least one taint update is required\nSee 'kubectl taint -h' for help and examples\n",
    );
    expect(k(sim, 'taint node nope a=b:NoSchedule').output).toBe(
      'Error from server (NotFound): nodes "nope" not found\n',
    );
  });
});

describe('kubectl cordon, uncordon, drain', () => {
  it('cordon and uncordon, and say so when there is nothing to do', () => {
    const sim = cluster();
    expect(k(sim, 'cordon node-a').output).toBe('node/node-a cordoned\n');
    expect(k(sim, 'cordon node-a').output).toBe('node/node-a already cordoned\n');
    expect(k(sim, 'uncordon node-a').output).toBe('node/node-a uncordoned\n');
    expect(k(sim, 'uncordon node-a').output).toBe('node/node-a already uncordoned\n');
    expect(k(sim, 'cordon nope')).toEqual({
      output: 'Error from server (NotFound): nodes "nope" not found\n',
      exitCode: 1,
    });
  });

  it('drain refuses DaemonSet-managed pods without --ignore-daemonsets (after cordoning)', () => {
    const sim = cluster();
    const pod = podOn(sim, 'node-a').metadata!.name!;
    expect(k(sim, 'drain node-a')).toEqual({
      output:
        'node/node-a cordoned\n' +
        `error: unable to drain node "node-a" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/${pod}, continuing command...\n` +
        'There are pending nodes to be drained:\n node-a\n' +
        `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/${pod}\n`,
      exitCode: 1,
    });
  });

  it('drain --ignore-daemonsets evicts the rest and leaves the daemon pod', () => {
    const sim = cluster();
    k(
      sim,
      'apply -f -',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {nodeName: node-a, containers: [{name: c, image: nginx}]}\n',
    );
    sim.advance(5);
    const pod = podOn(sim, 'node-a');
    const daemon =
      pod.metadata!.name === 'web'
        ? [...sim.api.list('Pod')].find((p) => p.spec?.nodeName === 'node-a' && p.metadata!.name !== 'web')!
        : pod;
    const d = daemon.metadata!.name!;
    expect(k(sim, 'drain node-a --ignore-daemonsets').output).toBe(
      'node/node-a cordoned\n' +
        'error: unable to drain node "node-a" due to error: cannot delete Pods declare no controller (use --force to override): default/web, continuing command...\n' +
        'There are pending nodes to be drained:\n node-a\n' +
        'cannot delete Pods declare no controller (use --force to override): default/web\n',
    );
    expect(k(sim, 'drain node-a --ignore-daemonsets --force')).toEqual({
      output:
        'node/node-a already cordoned\n' +
        `Warning: ignoring DaemonSet-managed Pods: default/${d}; deleting Pods that declare no controller: default/web\n` +
        'evicting pod default/web\npod/web evicted\nnode/node-a drained\n',
      exitCode: 0,
    });
    expect(sim.api.get('Pod', 'default', 'web')!.metadata!.deletionTimestamp).toBeDefined();
    expect(sim.api.get('Pod', 'default', d)!.metadata!.deletionTimestamp).toBeUndefined();
  });
});

describe('kubectl delete', () => {
  it('deletes a DaemonSet (cascade background by default) and pods; NotFound otherwise', () => {
    const sim = cluster();
    const pod = podOn(sim, 'node-a').metadata!.name!;
    expect(k(sim, `delete pod ${pod}`)).toEqual({ output: `pod "${pod}" deleted\n`, exitCode: 0 });
    expect(k(sim, 'delete ds agent')).toEqual({ output: 'daemonset.apps "agent" deleted\n', exitCode: 0 });
    expect(k(sim, 'get ds')).toEqual({ output: 'No resources found in default namespace.\n', exitCode: 0 });
    expect(k(sim, 'get pods').output).toMatch(/Terminating/);
    expect(k(sim, 'delete ds agent')).toEqual({
      output: 'Error from server (NotFound): daemonsets.apps "agent" not found\n',
      exitCode: 1,
    });
    expect(k(sim, 'delete pod nope').output).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('--cascade=orphan keeps the pods; a bad cascade value is refused', () => {
    const sim = cluster();
    expect(k(sim, 'delete ds/agent --cascade=orphan').output).toBe('daemonset.apps "agent" deleted\n');
    sim.advance(5);
    expect(k(sim, 'get pods').output).not.toMatch(/Terminating/);
    expect(k(sim, 'get pods -o name').output.split('\n').filter(Boolean)).toHaveLength(2);
    expect(k(sim, 'delete ds agent --cascade=sometimes').output).toBe(
      'error: invalid cascade value (sometimes). Must be "background", "foreground", or "orphan".\n',
    );
    expect(k(sim, 'delete ds').output).toBe('error: resource(s) were provided, but no name was specified\n');
  });
});

describe('kubectl rollout', () => {
  it('status, history, undo through src/sim/rollout', () => {
    const sim = cluster();
    expect(k(sim, 'rollout status ds/agent')).toEqual({
      output: 'daemon set "agent" successfully rolled out\n',
      exitCode: 0,
    });
    k(sim, 'apply -f -', CLUSTER.replace('image: busybox', 'image: busybox:2'));
    expect(k(sim, 'rollout status daemonset agent').output).toBe(
      'Waiting for daemon set "agent" rollout to finish: 0 out of 2 new pods have been updated...\n',
    );
    sim.advance(60);
    expect(k(sim, 'rollout history ds/agent').output).toBe(
      'daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
    );
    expect(k(sim, 'rollout history ds/agent --revision=1').output).toMatch(
      /^daemonset.apps\/agent with revision #1\nPod Template:\n/,
    );
    expect(k(sim, 'rollout undo ds/agent')).toEqual({
      output: 'daemonset.apps/agent rolled back\n',
      exitCode: 0,
    });
    expect(k(sim, 'rollout undo ds/agent --to-revision=9')).toEqual({
      output: 'error: unable to find specified revision 9 in history\n',
      exitCode: 1,
    });
    expect(k(sim, 'rollout status ds/nope').output).toBe(
      'Error from server (NotFound): daemonsets.apps "nope" not found\n',
    );
  });
});

describe('kubectl apply', () => {
  it('created, configured, unchanged; refusals as the API server words them', () => {
    const sim = cluster();
    expect(k(sim, 'apply -f -', CLUSTER).output).toBe(
      'node/node-a unchanged\nnode/node-b unchanged\ndaemonset.apps/agent unchanged\n',
    );
    const bad = CLUSTER.replace('matchLabels: {app: agent}', 'matchLabels: {app: other}');
    const r = k(sim, 'apply -f -', bad);
    expect(r.exitCode).toBe(1);
    expect(r.output).toMatch(
      /^node\/node-a unchanged\nnode\/node-b unchanged\nThe DaemonSet "agent" is invalid: /,
    );
  });

  it('a YAML syntax error applies nothing', () => {
    const sim = createSimulation({ seed: 1 });
    const r = k(sim, 'apply -f -', 'apiVersion: v1\nkind: Node\nmetadata: {name: a}\n---\nkind: [\n');
    expect(r.exitCode).toBe(1);
    expect(r.output).toMatch(/^error: error parsing STDIN: error converting YAML to JSON: yaml: line \d+: /);
    expect(sim.api.count('Node')).toBe(0);
  });

  it('needs -f -, and objects', () => {
    const sim = createSimulation({ seed: 1 });
    expect(k(sim, 'apply -f -').output).toBe('error: no objects passed to apply\n');
    expect(k(sim, 'apply -f ds.yaml').output).toBe('error: the path "ds.yaml" does not exist\n');
    expect(k(sim, 'apply -f -', 'kind: Deployment\napiVersion: apps/v1\nmetadata: {name: d}\n').output).toBe(
      'error: resource mapping not found for name: "d" namespace: "" from "STDIN": no matches for kind "Deployment" in version "apps/v1"\nensure CRDs are installed first\n',
    );
  });
});

describe('command-line errors', () => {
  it('unknown commands and flags, as cobra and pflag word them', () => {
    const sim = cluster();
    expect(k(sim, 'kubectl foo')).toEqual({
      output: 'error: unknown command "foo" for "kubectl"\nRun \'kubectl --help\' for usage.\n',
      exitCode: 1,
    });
    expect(k(sim, 'gte pods').output).toBe(
      'error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget\n\nRun \'kubectl --help\' for usage.\n',
    );
    expect(k(sim, 'get pods --bogus').output).toBe(
      "error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n",
    );
    expect(k(sim, 'get pods -x').output).toBe(
      "error: unknown shorthand flag: 'x' in -x\nSee 'kubectl get --help' for usage.\n",
    );
    expect(k(sim, 'get pods -n').output).toBe(
      "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n",
    );
    expect(k(sim, 'label node node-a a=b --overwrite=maybe').output).toBe(
      'error: invalid argument "maybe" for "--overwrite" flag: strconv.ParseBool: parsing "maybe": invalid syntax\nSee \'kubectl label --help\' for usage.\n',
    );
  });

  it("failures carry the API server's field errors for the scenario runner", () => {
    const sim = cluster();
    const r = execKubectl(sim, 'label node node-a disk=hdd');
    expect(r.failures).toEqual([
      {
        kind: 'Node',
        name: 'node-a',
        errors: [
          {
            field: 'metadata.labels',
            type: 'Invalid value',
            message: "'disk' already has a value (ssd), and --overwrite is false",
          },
        ],
        kubectlMessage: "error: 'disk' already has a value (ssd), and --overwrite is false",
      },
    ]);
  });
});

describe('completeKubectl', () => {
  it('completes subcommands, types, names, flags and flag values', () => {
    const sim = cluster();
    const pods = [...sim.api.list('Pod')].map((p) => p.metadata!.name!).sort();
    expect(completeKubectl(sim, 'de')).toEqual({ replaceFrom: 0, candidates: ['delete', 'describe'] });
    expect(completeKubectl(sim, 'kubectl get no')).toEqual({
      replaceFrom: 12,
      candidates: ['no', 'node', 'nodes'],
    });
    expect(completeKubectl(sim, 'describe node ')).toEqual({
      replaceFrom: 14,
      candidates: ['node-a', 'node-b'],
    });
    expect(completeKubectl(sim, 'get pods ag').candidates).toEqual(pods);
    expect(completeKubectl(sim, 'get ds/')).toEqual({ replaceFrom: 4, candidates: ['ds/agent'] });
    expect(completeKubectl(sim, 'get pods -o ')).toEqual({
      replaceFrom: 12,
      candidates: ['json', 'name', 'wide', 'yaml'],
    });
    expect(completeKubectl(sim, 'delete ds agent --cascade=o').candidates).toEqual(['--cascade=orphan']);
    expect(completeKubectl(sim, 'drain node-a --ig').candidates).toEqual(['--ignore-daemonsets']);
    expect(completeKubectl(sim, 'rollout ')).toEqual({
      replaceFrom: 8,
      candidates: ['history', 'status', 'undo'],
    });
    expect(completeKubectl(sim, 'rollout status ').candidates).toEqual(['daemonset', 'ds', 'ds/agent']);
    expect(completeKubectl(sim, 'get pods -n ').candidates).toEqual(['default']);
    expect(completeKubectl(sim, 'get pods -n other ').candidates).toEqual([]);
    expect(completeKubectl(sim, 'cordon node-').candidates).toEqual(['node-a', 'node-b']);
  });
});
