// The controller's verdicts, as the explain core computes them with the controller's own predicates:
// why a node runs a DaemonSet's pod, may keep one, or gets none; and why DESIRED is what it is.

import type { CheckGroup, NodeVerdict } from '../../sim/explain/types.ts';
import { useApp, useAppSelector } from '../AppContext.tsx';

function Mark({ ok }: { ok: boolean }) {
  return (
    <span className={ok ? 'mark ok' : 'mark bad'} aria-label={ok ? 'passes' : 'fails'}>
      {ok ? '✓' : '✗'}
    </span>
  );
}

function verdictWord(v: NodeVerdict): string {
  if (v.shouldRun) return 'runs a pod';
  if (v.shouldContinueRunning) return 'no new pod; an existing one may stay';
  return 'no pod';
}

function Group({ g }: { g: CheckGroup }) {
  if (g.kind === 'taints') {
    return (
      <li className="check-group" data-check={g.kind} data-ok={g.ok}>
        <Mark ok={g.ok} /> {g.text}
        {g.checks.length > 0 && (
          <ul>
            {g.checks.map((t) => (
              <li key={t.taint} data-ok={t.ok}>
                <Mark ok={t.ok} /> <code>{t.taint}</code> {t.text}
                <ul className="tolerations">
                  {t.tolerations
                    .filter((m) => m.tolerates)
                    .map((m) => (
                      <li key={m.index}>
                        tolerated by <code>{m.text}</code>
                        {m.auto && <span className="auto"> added by the DaemonSet controller</span>}
                      </li>
                    ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </li>
    );
  }
  if (g.kind === 'affinity') {
    return (
      <li className="check-group" data-check={g.kind} data-ok={g.ok}>
        <Mark ok={g.ok} /> {g.text}
        {g.checks.length > 0 && (
          <ul>
            {g.checks.map((t) => (
              <li key={t.term} data-ok={t.ok}>
                <Mark ok={t.ok} /> {t.text}
                <ul>
                  {t.expressions.map((e, i) => (
                    <li key={i} data-ok={e.ok}>
                      <Mark ok={e.ok} /> {e.text}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </li>
    );
  }
  return (
    <li className="check-group" data-check={g.kind} data-ok={g.ok}>
      <Mark ok={g.ok} /> {g.text}
      {g.checks.length > 0 && (
        <ul>
          {g.checks.map((c, i) => (
            <li key={i} data-ok={c.ok}>
              <Mark ok={c.ok} /> {c.text}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function VerdictDetails({ v }: { v: NodeVerdict }) {
  return (
    <div
      className="verdict"
      data-testid="verdict"
      data-daemonset={v.daemonSet}
      data-node={v.node}
      data-should-run={v.shouldRun}
    >
      <p className={v.shouldRun ? 'verdict-summary ok' : 'verdict-summary bad'} data-testid="verdict-summary">
        <Mark ok={v.shouldRun} /> <strong>{verdictWord(v)}</strong>
        {!v.shouldRun && <> — {v.summary}</>}
      </p>
      <ul className="checks">
        {v.checks.map((g) => (
          <Group key={g.kind} g={g} />
        ))}
      </ul>
      {v.scheduler && (
        <div className="scheduler-verdict">
          <p>
            Pod <code>{v.scheduler.pod}</code> is not bound: {v.scheduler.summary}
          </p>
          <ul className="checks">
            {v.scheduler.filters.map((f) => (
              <li key={f.plugin} data-ok={f.ok}>
                <Mark ok={f.ok} /> {f.plugin}
                {f.reasons.length > 0 && `: ${f.reasons.join(', ')}`}
              </li>
            ))}
          </ul>
          {v.scheduler.condition?.message && (
            <p className="hint">PodScheduled=False: {v.scheduler.condition.message}</p>
          )}
        </div>
      )}
    </div>
  );
}

/** Every DaemonSet's verdict for the selected node. */
export function NodeVerdicts({ node }: { node: string }) {
  const verdicts = useAppSelector((s) => (s.focus.node === node ? s.nodeVerdicts : null));
  if (!verdicts) return null;
  return (
    <div className="section">
      <h3>DaemonSets on this node</h3>
      {verdicts.length === 0 && <p className="empty">No DaemonSets.</p>}
      {verdicts.map((v) => (
        <details key={v.daemonSet} className="verdict-block" open={verdicts.length <= 2}>
          <summary>
            <code>{v.daemonSet}</code>: {v.shouldRun ? 'runs' : v.summary}
          </summary>
          <VerdictDetails v={v} />
        </details>
      ))}
    </div>
  );
}

/** "Why is DESIRED N?": nodes that pass, excluded nodes grouped by reason, misscheduled pods. */
export function WhyDesired({ daemonSet }: { daemonSet: string }) {
  const app = useApp();
  const explain = useAppSelector((s) => (s.explain?.daemonSet === daemonSet ? s.explain : null));
  if (!explain) return null;
  const total = explain.verdicts.length;
  return (
    <div className="section why-desired" data-testid="why-desired">
      <h3>Why is DESIRED {explain.desired}?</h3>
      <p>
        {explain.desired} of {total} node{total === 1 ? '' : 's'} pass the controller&apos;s checks.
        {explain.deleting && ' The DaemonSet is being deleted, so the controller creates no pods.'}
      </p>
      {explain.excluded.length > 0 && (
        <>
          <h4>Excluded</h4>
          <ul className="plain excluded" aria-label="Excluded nodes by reason">
            {explain.excluded.map((g) => (
              <li key={g.reason} data-testid="excluded-group">
                <span className="reason">{g.reason}</span>
                <span className="hint"> ({g.nodes.length})</span>:{' '}
                {g.nodes.slice(0, 20).map((n, i) => (
                  <span key={n}>
                    {i > 0 && ', '}
                    <button
                      type="button"
                      className="link"
                      onClick={() => app.select({ kind: 'node', name: n })}
                    >
                      {n}
                    </button>
                  </span>
                ))}
                {g.nodes.length > 20 && <span className="hint"> and {g.nodes.length - 20} more</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {explain.misscheduled.length > 0 && (
        <>
          <h4>Misscheduled</h4>
          <ul className="plain" aria-label="Misscheduled pods">
            {explain.misscheduled.map((m) => (
              <li key={m.pod}>
                <code>{m.pod}</code> on {m.node}: {m.reason}
                {m.mayStay ? ' (may stay)' : ' (will be deleted)'}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
