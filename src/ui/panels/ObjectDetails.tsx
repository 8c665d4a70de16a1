// Sections every inspector shares: the object as stored (read-only Monaco), its events, its owner
// and what it owns.

import { lazy, Suspense, useMemo } from 'react';

// Monaco is big: it loads only when a YAML section is opened.
const ReadonlyYaml = lazy(() => import('./ReadonlyYaml.tsx').then((m) => ({ default: m.ReadonlyYaml })));
import { stringify } from 'yaml';
import type { AnyObject } from '../../sim/api/types.ts';
import { eventCount, eventLastSeen } from '../../sim/api/eventTimes.ts';
import { humanDuration } from '../../state/format.ts';
import { eventsFor, ownedBy, ownersOf, type ObjectRef } from '../../state/related.ts';
import { EPOCH_MS } from '../../sim/engine/clock.ts';
import { useApp, useAppSelector } from '../AppContext.tsx';

export function ObjectYaml({ obj, kind }: { obj: AnyObject; kind: string }) {
  const text = useMemo(() => stringify(obj, { lineWidth: 0 }), [obj]);
  return (
    <details className="section">
      <summary>YAML (as stored)</summary>
      <Suspense fallback={<pre className="kubectl-output">{text}</pre>}>
        <ReadonlyYaml text={text} label={`${kind} ${obj.metadata?.name ?? ''} as stored`} />
      </Suspense>
    </details>
  );
}

export function ObjectEvents({ refTo }: { refTo: ObjectRef }) {
  const events = useAppSelector((s) => s.cluster.Event);
  const version = useAppSelector((s) => s.versions.Event);
  const now = useAppSelector((s) => Math.floor(s.time.nowMs / 1000));
  const list = useMemo(
    () => eventsFor(events, refTo),
    // The map is updated in place; its version says when it changed.
    [events, version, refTo.kind, refTo.namespace, refTo.name],
  );
  return (
    <div className="section">
      <h3>Events ({list.length})</h3>
      {list.length === 0 ? (
        <p className="empty">No events.</p>
      ) : (
        <ul className="plain object-events" role="table" aria-label={`Events of ${refTo.kind} ${refTo.name}`}>
          {list.map((e) => {
            const t = Date.parse(eventLastSeen(e));
            const count = eventCount(e);
            return (
              <li key={e.metadata?.name} role="row" className={e.type === 'Warning' ? 'warning' : undefined}>
                <div className="event-head">
                  <span role="cell">{e.type}</span> <strong role="cell">{e.reason}</strong>{' '}
                  <span role="cell" className="hint">
                    {Number.isNaN(t) ? '' : humanDuration(now * 1000 - (t - EPOCH_MS))} ago ·{' '}
                    {e.source?.component || e.reportingComponent || ''}
                    {count > 1 && ` · x${count}`}
                  </span>
                </div>
                <div role="cell" className="event-message">
                  {/* The part of the object the event is about (a container), as kubectl describe shows it. */}
                  {e.involvedObject?.fieldPath && (
                    <span className="event-field-path">{e.involvedObject.fieldPath}: </span>
                  )}
                  {e.message}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export function ObjectRelations({ obj }: { obj: AnyObject }) {
  const app = useApp();
  const cluster = useAppSelector((s) => s.cluster);
  const v = useAppSelector((s) => s.versions.Pod + s.versions.DaemonSet + s.versions.ControllerRevision);
  const owners = useMemo(() => ownersOf(cluster, obj), [cluster, obj, v]);
  const owned = useMemo(() => ownedBy(cluster, obj.metadata?.uid ?? ''), [cluster, obj, v]);
  const open = (r: ObjectRef) => {
    const key = r.namespace ? `${r.namespace}/${r.name}` : r.name;
    if (r.kind === 'Pod') app.select({ kind: 'pod', name: key });
    else if (r.kind === 'DaemonSet') app.select({ kind: 'daemonset', name: key });
    else if (r.kind === 'Node') app.select({ kind: 'node', name: key });
  };
  if (owners.length === 0 && owned.length === 0) return null;
  return (
    <div className="section">
      {owners.length > 0 && (
        <>
          <h3>Owner</h3>
          <ul className="plain" aria-label="Owner">
            {owners.map((o) => (
              <li key={o.kind + o.name}>
                <RefLink r={o} onOpen={open} />
                {o.controller && <span className="hint"> (controller)</span>}
                {!o.exists && <span className="hint"> (gone)</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {owned.length > 0 && (
        <>
          <h3>Owns ({owned.length})</h3>
          <ul className="plain owned" aria-label="Owns">
            {owned.slice(0, 50).map((o) => (
              <li key={o.kind + o.name}>
                <RefLink r={o} onOpen={open} />
              </li>
            ))}
            {owned.length > 50 && <li className="hint">… and {owned.length - 50} more</li>}
          </ul>
        </>
      )}
    </div>
  );
}

function RefLink({ r, onOpen }: { r: ObjectRef; onOpen(r: ObjectRef): void }) {
  const text = `${r.kind.toLowerCase()}/${r.name}`;
  if (r.kind === 'ControllerRevision') return <code>{text}</code>;
  return (
    <button type="button" className="link" onClick={() => onOpen(r)}>
      <code>{text}</code>
    </button>
  );
}
