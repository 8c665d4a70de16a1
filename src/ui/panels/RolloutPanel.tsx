// The selected DaemonSet's rollout: progress against its budget, why it is stuck (if it is),
// `kubectl rollout status`, the revision history with a diff between any two revisions, and
// rollback (`kubectl rollout undo --to-revision=N`).

import { lazy, Suspense, useMemo, useState } from 'react';
import type { RevisionInfo, RolloutProgress } from '../../sim/rollout/types.ts';
import { useApp, useAppSelector } from '../AppContext.tsx';
// Monaco's diff editor loads only when a rollout has two revisions to compare.
const RevisionDiff = lazy(() => import('./RevisionDiff.tsx').then((m) => ({ default: m.RevisionDiff })));

export function RolloutPanel() {
  const app = useApp();
  const selected = useAppSelector((s) => (s.selection?.kind === 'daemonset' ? s.selection.name : undefined));
  const view = useAppSelector((s) => s.rollout);
  if (!selected) return null;
  if (!view || view.daemonSet !== selected)
    return (
      <section className="panel rollout" aria-labelledby="rollout-title">
        <h2 id="rollout-title">Rollout</h2>
        <p className="empty">{view === null ? `DaemonSet ${selected} does not exist.` : 'Loading…'}</p>
      </section>
    );
  return (
    <section className="panel rollout" aria-labelledby="rollout-title" data-daemonset={selected}>
      <h2 id="rollout-title">
        Rollout <code>{selected}</code>
      </h2>
      {!('progress' in view.status) ? (
        <p className="form-error">{view.status.error}</p>
      ) : (
        <>
          <Progress p={view.status.progress} />
          {view.status.progress.stalled && (
            <p className="stall" role="status" data-testid="rollout-stalled">
              {view.status.progress.stalled}
            </p>
          )}
          <pre className="kubectl-output" aria-label="kubectl rollout status" data-testid="rollout-status">
            {view.status.output.trimEnd()}
          </pre>
        </>
      )}
      {'error' in view.history ? (
        <p className="form-error">{view.history.error}</p>
      ) : (
        <History revisions={view.history.revisions} onRollback={(r) => void app.rolloutUndo(selected, r)} />
      )}
    </section>
  );
}

function Progress({ p }: { p: RolloutProgress }) {
  // Nodes that should run a pod and have no available one right now, old or new.
  const down = p.nodes.filter((n) => n.shouldRun && !n.oldAvailable && !n.newAvailable).length;
  const pct = (n: number) => (p.desired > 0 ? `${(100 * Math.min(n, p.desired)) / p.desired}%` : '0%');
  return (
    <div className="progress-block" data-testid="rollout-progress" data-done={p.done}>
      <div
        className="progress"
        role="progressbar"
        aria-label="Pods updated"
        aria-valuemin={0}
        aria-valuemax={p.desired}
        aria-valuenow={p.updated}
      >
        <div className="progress-updated" style={{ width: pct(p.updated) }} />
        <div className="progress-available" style={{ width: pct(Math.min(p.updated, p.available)) }} />
      </div>
      <div className="progress-legend">
        <span>
          {p.updated}/{p.desired} updated · {p.available} available
        </span>
        {p.strategy === 'RollingUpdate' ? (
          <span data-testid="rollout-budget">
            unavailable {down} of maxUnavailable {p.maxUnavailable} · surge {p.surged} of maxSurge{' '}
            {p.maxSurge}
          </span>
        ) : (
          <span>OnDelete: old pods are replaced only when you delete them</span>
        )}
      </div>
    </div>
  );
}

function History({
  revisions,
  onRollback,
}: {
  revisions: RevisionInfo[];
  onRollback(revision: number): void;
}) {
  const sorted = useMemo(() => [...revisions].sort((a, b) => a.revision - b.revision), [revisions]);
  const current = sorted.find((r) => r.current);
  const [pick, setPick] = useState<number[]>([]);
  // Default diff: the previous revision against the current one.
  const chosen =
    pick.length === 2
      ? pick
      : sorted.length >= 2
        ? [sorted.at(-2)!.revision, (current ?? sorted.at(-1)!).revision]
        : [];
  const from = sorted.find((r) => r.revision === Math.min(...chosen));
  const to = sorted.find((r) => r.revision === Math.max(...chosen));
  const toggle = (rev: number) =>
    setPick((p) => (p.includes(rev) ? p.filter((x) => x !== rev) : [...p.slice(-1), rev]));
  return (
    <>
      <h3>Revision history</h3>
      <table className="kubectl revisions" aria-label="Revision history">
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">Compare</span>
            </th>
            <th scope="col">REVISION</th>
            <th scope="col">HASH</th>
            <th scope="col">CHANGE-CAUSE</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={r.name} data-revision={r.revision} className={r.current ? 'selected' : undefined}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Compare revision ${r.revision}`}
                  checked={chosen.includes(r.revision)}
                  onChange={() => toggle(r.revision)}
                />
              </td>
              <td>
                {r.revision}
                {r.current && <span className="badge">current</span>}
              </td>
              <td>
                <code>{r.hash}</code>
              </td>
              <td>{r.changeCause ?? '<none>'}</td>
              <td>
                {!r.current && (
                  <button type="button" className="small" onClick={() => onRollback(r.revision)}>
                    Roll back to {r.revision}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {from && to && from !== to ? (
        <>
          <p className="hint">
            Pod template, revision {from.revision} → {to.revision}
          </p>
          <Suspense fallback={<p className="hint">Loading the diff…</p>}>
            <RevisionDiff from={from} to={to} />
          </Suspense>
        </>
      ) : (
        <p className="empty">One revision so far: change the template and apply to start a rollout.</p>
      )}
    </>
  );
}
