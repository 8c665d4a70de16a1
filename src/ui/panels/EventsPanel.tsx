// `kubectl get events`: the newest events, in kubectl's columns.

import { EVENT_LIMIT, selectEventRows } from '../../state/selectors.ts';
import { useAppSelector } from '../AppContext.tsx';

export function EventsPanel() {
  const rows = useAppSelector(selectEventRows);
  const total = useAppSelector((s) => s.cluster.Event.size);
  return (
    <section className="panel events" aria-label="Events">
      {/* The tab names the panel; only say when the list is cut. */}
      {total > EVENT_LIMIT && (
        <p className="hint events-cut">
          Newest {EVENT_LIMIT} of {total} events
        </p>
      )}
      <div className="table-scroll">
        <table className="kubectl" aria-label="kubectl get events">
          <thead>
            <tr>
              {['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'].map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...rows].reverse().map((r) => (
              <tr key={r.key} className={r.type === 'Warning' ? 'warning' : undefined}>
                <td>{r.lastSeen}</td>
                <td>{r.type}</td>
                <td>{r.reason}</td>
                <td>{r.object}</td>
                <td>
                  {r.message}
                  {r.count > 1 && <span className="hint"> (x{r.count})</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
