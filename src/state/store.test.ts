import { describe, expect, it } from 'vitest';
import { createInProcessClient } from '../worker/client.ts';
import { App } from './store.ts';
import { selectDaemonSetRows, selectEventRows, selectGraphModel } from './selectors.ts';
import { nodeObject } from './defaults.ts';

/** A Storage in memory, as localStorage behaves. */
function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

async function started(storage = memoryStorage()) {
  const app = new App({ client: () => createInProcessClient(), storage });
  await app.start();
  await flush();
  return { app, storage };
}

describe('App store over the in-process client', () => {
  it('starts on the default cluster: three nodes and the fluentd DaemonSet, control plane excluded', async () => {
    const { app } = await started();
    app.advance(5000);
    await flush();
    const s = app.store.getState();
    expect(s.ready).toBe(true);
    const model = selectGraphModel(s);
    expect(model.nodes.map((n) => n.name)).toEqual(['control-plane', 'worker-1', 'worker-2']);
    // The docs' DaemonSet tolerates the control-plane taint, so every node gets a pod.
    expect(model.nodes.map((n) => n.pods.length)).toEqual([1, 1, 1]);
    expect(model.nodes.every((n) => n.pods.every((p) => p.phase === 'Running' && p.ready))).toBe(true);
    const [row] = selectDaemonSetRows(s);
    expect(row).toMatchObject({
      name: 'fluentd-elasticsearch',
      desired: 3,
      current: 3,
      ready: 3,
      upToDate: 3,
      available: 3,
      nodeSelector: '<none>',
      age: '5s',
    });
    const reasons = selectEventRows(s).map((e) => e.reason);
    expect(reasons).toContain('SuccessfulCreate');
    expect(reasons).toContain('Scheduled');
  });

  it('a refused apply becomes a problem on the line of the bad field and changes nothing', async () => {
    const { app } = await started();
    app.advance(5000);
    await flush();
    const before = selectGraphModel(app.store.getState());
    const text = app.store
      .getState()
      .editor.text.replace(
        'matchLabels:\n      name: fluentd-elasticsearch',
        'matchLabels:\n      name: something-else',
      );
    app.setEditorText(text);
    const r = await app.applyEditor();
    await flush();
    expect(r.ok).toBe(false);
    const { problems, output } = app.store.getState().editor;
    expect(output[0]?.text).toContain('The DaemonSet "fluentd-elasticsearch" is invalid: \n');
    expect(output[0]?.text).toContain(
      '* spec.template.metadata.labels: Invalid value: {"name":"fluentd-elasticsearch"}: `selector` does not match template `labels`',
    );
    expect(output[0]?.text).toContain(
      '* spec.selector: Invalid value: {"matchLabels":{"name":"something-else"}}: field is immutable',
    );
    expect(problems.map((p) => p.line)).toEqual([14, 9]);
    expect(problems[0]).toMatchObject({ severity: 'error', line: 14 });
    expect(text.split('\n')[13]).toContain('labels:');
    expect(selectGraphModel(app.store.getState())).toEqual(before);
  });

  it('adds nodes and the DaemonSet follows; reload replays to the same state', async () => {
    const { app, storage } = await started();
    await app.addNodes([nodeObject('gpu-1', { gpu: 'true' })]);
    app.advance(7000);
    await flush();
    app.pause();
    await flush();
    const model = selectGraphModel(app.store.getState());
    expect(model.nodes.find((n) => n.name === 'gpu-1')?.pods).toHaveLength(1);
    app.destroy();

    const again = new App({ client: () => createInProcessClient(), storage });
    await again.start();
    await flush();
    const s = again.store.getState();
    expect(s.time.nowMs).toBe(app.store.getState().time.nowMs);
    expect(selectGraphModel(s)).toEqual(model);
    expect(s.editor.text).toBe(app.store.getState().editor.text);
  });

  it('keeps what the user typed across a reload even when it does not parse', async () => {
    const { app, storage } = await started();
    app.setEditorText('kind: DaemonSet\n  bad: [');
    await app.applyEditor();
    const again = new App({ client: () => createInProcessClient(), storage });
    await again.start();
    expect(again.store.getState().editor.text).toBe('kind: DaemonSet\n  bad: [');
  });

  it('restarts a crashed simulation from the last state and says so', async () => {
    let crash: ((reason: string) => void) | undefined;
    let made = 0;
    const app = new App({
      persist: false,
      client: () => {
        made++;
        const c = createInProcessClient();
        return {
          ...c,
          subscribe(onMessage, onCrash) {
            crash = onCrash;
            c.subscribe(onMessage, onCrash);
          },
        };
      },
    });
    await app.start();
    app.advance(4000);
    await flush();
    const before = selectGraphModel(app.store.getState());
    crash!('out of memory');
    await flush();
    await flush();
    const s = app.store.getState();
    expect(made).toBe(2);
    expect(s.notices.at(-1)?.text).toMatch(
      /The simulation stopped \(out of memory\)\. It was restarted from the last state, t\+4s\./,
    );
    expect(s.time.nowMs).toBe(4000);
    expect(selectGraphModel(s)).toEqual(before);
  });
});

describe('rollouts in the graph model', () => {
  it('marks pods of the previous revision as old until they are replaced', async () => {
    const { app } = await started();
    app.advance(10_000);
    await flush();
    const pods = () => selectGraphModel(app.store.getState()).nodes.flatMap((n) => n.pods);
    expect(pods().map((p) => p.revision)).toEqual(['current', 'current', 'current']);
    app.setEditorText(app.store.getState().editor.text.replace('fluentd:v5.0.1', 'fluentd:v5.0.2'));
    await app.applyEditor();
    await flush();
    // maxUnavailable=1 (the default): one old pod goes first; the other two are still old.
    const during = pods().filter((p) => p.phase !== 'Terminating');
    expect(during.filter((p) => p.revision === 'old')).toHaveLength(2);
    app.advance(60_000);
    await flush();
    expect(pods().map((p) => p.revision)).toEqual(['current', 'current', 'current']);
  });
});
