// The timeline: scrub back to any moment (the cluster as it was then, read-only), step the control
// loop one sync at a time and see what each sync decided, and read every recorded change.

import { useEffect, useState } from 'react';
import type { SyncStep, TimelineEntry } from '../../worker/protocol.ts';
import { virtualTime } from '../../state/format.ts';
import { useApp, useAppSelector } from '../AppContext.tsx';

export function TimelinePanel() {
  const app = useApp();
  const now = useAppSelector((s) => s.time.nowMs);
  const past = useAppSelector((s) => s.past);
  const loop = useAppSelector((s) => s.loop);
  const [scrub, setScrub] = useState<number | undefined>();

  useEffect(() => {
    app.inspectLoop();
  }, [app]);

  const at = past?.atMs ?? now;
  const value = scrub ?? at;
  return (
    <section className="timeline" aria-label="Timeline" data-steps={loop?.steps ?? 0}>
      <div className="timeline-bar">
        <button
          type="button"
          onClick={() => void app.viewAt(0, true)}
          title="The cluster right after your first commands, before any controller acted"
        >
          t+0
        </button>
        <input
          type="range"
          aria-label="Scrub timeline"
          min={0}
          max={Math.max(now, 1)}
          step={100}
          value={Math.min(value, Math.max(now, 1))}
          onChange={(e) => {
            const t = Number(e.target.value);
            setScrub(t);
            void app.viewAt(t).then(() => setScrub(undefined));
          }}
        />
        <output className="clock" data-testid="timeline-position">
          {past
            ? `${virtualTime(past.atMs)}${past.beforeSyncs ? ' (before syncs)' : ''}`
            : `live ${virtualTime(now)}`}
        </output>
        <button type="button" className="primary" disabled={!past} onClick={() => app.backToLive()}>
          Back to live
        </button>
        <button
          type="button"
          onClick={() => app.stepSync()}
          title="Run exactly one controller sync (pauses the clock)"
        >
          Step one sync
        </button>
      </div>
      <div className="timeline-body">
        <div className="loop">
          <LastSync step={loop?.step} stepped={loop?.stepped ?? false} />
          {!past && (
            <div className="pending">
              <h4>Queued now</h4>
              {loop && loop.pending.length > 0 ? (
                <ol data-testid="pending">
                  {loop.pending.slice(0, 8).map((p, i) => (
                    <li key={i}>
                      <code>{p.controller}</code> {p.key}
                    </li>
                  ))}
                  {loop.pending.length > 8 && <li className="hint">… {loop.pending.length - 8} more</li>}
                </ol>
              ) : (
                <p className="empty">
                  Nothing queued at this instant; a step moves the clock to the next timer.
                </p>
              )}
            </div>
          )}
        </div>
        <Entries entries={loop?.entries ?? []} />
      </div>
    </section>
  );
}

function LastSync({ step, stepped }: { step: SyncStep | undefined; stepped: boolean }) {
  if (!stepped) return <p className="empty">Step mode runs the reconcile loop one sync at a time.</p>;
  if (!step)
    return (
      <p className="empty" data-testid="last-sync">
        Nothing is scheduled: the cluster is quiet.
      </p>
    );
  const r = step.record;
  return (
    <div className="last-sync" data-testid="last-sync" data-controller={step.controller}>
      <h4>
        {virtualTime(step.atMs)} · <code>{step.controller}</code> {step.key && <>synced {step.key}</>}
        {step.controller === 'clock' && (
          <>moved the clock{step.timersFired ? ` (${step.timersFired} timer(s) fired)` : ''}</>
        )}
      </h4>
      {r && (
        <ul className="plain decisions" aria-label="Sync decisions">
          <li data-testid="decision-creates">
            creates: {r.creates.length === 0 ? 'none' : r.creates.join(', ')}
          </li>
          <li data-testid="decision-deletes">
            deletes: {r.deletes.length === 0 ? 'none' : r.deletes.join(', ')}
          </li>
          {r.status && (
            <li data-testid="decision-status">
              status: desired {r.status.desiredNumberScheduled ?? 0}, current{' '}
              {r.status.currentNumberScheduled ?? 0}, ready {r.status.numberReady ?? 0}, up-to-date{' '}
              {r.status.updatedNumberScheduled ?? 0}, available {r.status.numberAvailable ?? 0}
            </li>
          )}
        </ul>
      )}
      {step.writes.length > 0 && (
        <ul className="plain writes" aria-label="Writes of this sync">
          {step.writes.map((w) => (
            <li key={w.seq}>
              {w.event ? (
                <>
                  event {w.event.reason}: {w.event.message}
                </>
              ) : (
                <>
                  {w.verb.toLowerCase()} {w.kind} {w.key}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Entries({ entries }: { entries: TimelineEntry[] }) {
  return (
    <div className="table-scroll entries">
      <table className="kubectl" aria-label="Timeline entries">
        <thead>
          <tr>
            <th>TIME</th>
            <th>WHO</th>
            <th>WHAT</th>
          </tr>
        </thead>
        <tbody>
          {[...entries].reverse().map((e) => (
            <tr key={e.seq} className={e.type === 'sync' ? 'sync' : undefined}>
              <td>{virtualTime(e.atMs)}</td>
              <td>{e.type === 'sync' ? e.controller : e.actor}</td>
              <td className="wrap">
                {e.type === 'sync'
                  ? `sync ${e.key}${e.record ? ` (creates ${e.record.creates.length}, deletes ${e.record.deletes.length})` : ''}`
                  : e.event
                    ? `event ${e.event.reason} ${e.event.object}: ${e.event.message}`
                    : `${e.verb} ${e.kind} ${e.key}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
