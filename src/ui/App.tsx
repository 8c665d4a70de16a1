// The playground's layout: toolbar on top; editor on the left; the node graph in the middle with
// the events under it; DaemonSets and the inspector on the right.

import { lazy, Suspense, useCallback, useState } from 'react';

// Monaco is most of the bundle: the graph and the cluster come up first, the editor right after.
const EditorPanel = lazy(() => import('./editor/EditorPanel.tsx').then((m) => ({ default: m.EditorPanel })));
import { selectGraphModel } from '../state/selectors.ts';
import { useApp, useAppSelector } from './AppContext.tsx';
import { GraphView } from './graph/GraphView.tsx';
import { AddNodes } from './panels/AddNodes.tsx';
import { ConsolePanel } from './panels/ConsolePanel.tsx';
import { TimelinePanel } from './panels/TimelinePanel.tsx';
import { virtualTime } from '../state/format.ts';
import { DaemonSetPanel } from './panels/DaemonSetPanel.tsx';
import { EventsPanel } from './panels/EventsPanel.tsx';
import { Inspector } from './panels/Inspector.tsx';
import { Notices } from './panels/Notices.tsx';
import { RolloutPanel } from './panels/RolloutPanel.tsx';
import { TimeControls } from './panels/TimeControls.tsx';

export function App() {
  const app = useApp();
  const ready = useAppSelector((s) => s.ready);
  const past = useAppSelector((s) => s.past);
  return (
    <div className={past ? 'app past' : 'app'} data-ready={ready} data-past={past ? past.atMs : undefined}>
      <header className="toolbar">
        <h1>
          <span className="logo" aria-hidden="true">
            ◈
          </span>{' '}
          DaemonSet Playground
        </h1>
        <TimeControls />
        <div className="spacer" />
        <button
          type="button"
          onClick={() => {
            if (
              window.confirm('Start fresh? This replaces the editor text and the cluster with the defaults.')
            )
              app.reset();
          }}
        >
          Reset
        </button>
      </header>
      <Notices />
      {past && (
        <div className="past-banner" role="status">
          Viewing the cluster as it was at {virtualTime(past.atMs)}
          {past.beforeSyncs ? ', before any controller acted' : ''} (read-only).
          <button type="button" onClick={() => app.backToLive()}>
            Back to live
          </button>
        </div>
      )}
      <main className="layout">
        <EditorColumn />
        <GraphColumn />
        <aside className="side">
          {/* In the past view nothing can be changed: every control in here is disabled. */}
          <fieldset className="side-controls" disabled={past !== null}>
            <RolloutPanel />
            <Inspector />
          </fieldset>
        </aside>
      </main>
    </div>
  );
}

function EditorColumn() {
  const app = useApp();
  const editor = useAppSelector((s) => s.editor);
  const past = useAppSelector((s) => s.past !== null);
  const onChange = useCallback((t: string) => app.setEditorText(t), [app]);
  const onApply = useCallback(() => void app.applyEditor(), [app]);
  return (
    <section className="editor-column" aria-label="Editor">
      <Suspense
        fallback={
          <pre className="editor-loading" aria-busy="true">
            {editor.text}
          </pre>
        }
      >
        <EditorPanel
          value={editor.text}
          onChange={onChange}
          onApply={onApply}
          problems={editor.problems}
          applying={editor.applying}
          readOnly={past}
        />
      </Suspense>
      {editor.output.length > 0 && (
        <pre className="apply-output" aria-label="kubectl apply output" data-testid="apply-output">
          {editor.output.map((o, i) => (
            <div key={i} className={o.error ? 'error' : undefined}>
              {o.text}
            </div>
          ))}
        </pre>
      )}
    </section>
  );
}

function GraphColumn() {
  const app = useApp();
  const model = useAppSelector(selectGraphModel);
  const nodeCount = model.nodes.length;
  const podCount = useAppSelector((s) => s.cluster.Pod.size);
  const [adding, setAdding] = useState(false);
  const past = useAppSelector((s) => s.past !== null);
  const onSelect = useCallback(
    (t: { kind: 'node' | 'pod'; name: string } | undefined) => app.select(t),
    [app],
  );
  return (
    <section className="graph-column" aria-label="Cluster">
      <div className="graph-toolbar">
        <button
          type="button"
          className="primary"
          disabled={past}
          onClick={() => setAdding((a) => !a)}
          aria-expanded={adding}
        >
          + Add nodes
        </button>
        <span className="hint">
          {nodeCount} node{nodeCount === 1 ? '' : 's'} · {podCount} pod{podCount === 1 ? '' : 's'}
        </span>
        {adding && <AddNodes onClose={() => setAdding(false)} />}
      </div>
      <div className="graph-host">
        <GraphView model={model} onSelect={onSelect} />
      </div>
      <div className="bottom">
        <DaemonSetPanel />
        <BottomTabs />
      </div>
    </section>
  );
}

const TABS = ['Events', 'kubectl', 'Timeline'] as const;

function BottomTabs() {
  const [tab, setTab] = useState<(typeof TABS)[number]>('Events');
  return (
    <>
      <div className="tabs" role="tablist" aria-label="Lower panel">
        {TABS.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`tab-${t}`}
            aria-selected={tab === t}
            aria-controls={`tabpanel-${t}`}
            onClick={() => setTab(t)}
          >
            {t}
          </button>
        ))}
      </div>
      <div className="tab-body" role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'Events' && <EventsPanel />}
        {tab === 'kubectl' && <ConsolePanel />}
        {tab === 'Timeline' && <TimelinePanel />}
      </div>
    </>
  );
}
