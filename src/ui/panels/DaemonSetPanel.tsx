// `kubectl get ds`, live: one row per DaemonSet, in kubectl's columns, with delete (and its cascade).

import { useState } from 'react';
import { selectDaemonSetRows, type DaemonSetRow } from '../../state/selectors.ts';
import type { Cascade } from '../../worker/protocol.ts';
import { useApp, useAppSelector } from '../AppContext.tsx';
import { podColor } from '../graph/palette.ts';

const COLUMNS = ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'];

export function DaemonSetPanel() {
  const app = useApp();
  const rows = useAppSelector(selectDaemonSetRows);
  const selected = useAppSelector((s) => (s.selection?.kind === 'daemonset' ? s.selection.name : undefined));
  const [deleting, setDeleting] = useState<DaemonSetRow | undefined>();
  return (
    <section className="panel" aria-labelledby="ds-title">
      <h2 id="ds-title">DaemonSets</h2>
      {rows.length === 0 ? (
        <p className="empty">No DaemonSets. Write one in the editor and press Apply.</p>
      ) : (
        <div className="table-scroll">
          <table className="kubectl" aria-label="kubectl get ds">
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={r.key}
                  data-daemonset={r.key}
                  aria-selected={selected === r.key}
                  className={selected === r.key ? 'selected' : undefined}
                  onClick={() => app.select({ kind: 'daemonset', name: r.key })}
                >
                  <td title={r.key}>
                    <span
                      className="swatch"
                      style={{ background: podColor(r.colorIndex) }}
                      aria-hidden="true"
                    />
                    {r.name}
                  </td>
                  <td>{r.desired}</td>
                  <td>{r.current}</td>
                  <td>{r.ready}</td>
                  <td>{r.upToDate}</td>
                  <td>{r.available}</td>
                  <td>{r.nodeSelector}</td>
                  <td>{r.age}</td>
                  <td>
                    <button
                      type="button"
                      className="small danger"
                      aria-label={`Delete DaemonSet ${r.name}`}
                      onClick={(e) => {
                        e.stopPropagation();
                        setDeleting(r);
                      }}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {deleting && (
        <DeleteDialog
          row={deleting}
          onCancel={() => setDeleting(undefined)}
          onDelete={(cascade) => {
            void app.deleteObject('DaemonSet', deleting.name, deleting.namespace, cascade);
            setDeleting(undefined);
          }}
        />
      )}
    </section>
  );
}

const CASCADES: Array<[Cascade, string]> = [
  ['background', 'background — delete the DaemonSet now; the garbage collector then deletes its pods'],
  ['foreground', 'foreground — delete the pods first; the DaemonSet goes when they are gone'],
  ['orphan', 'orphan — delete only the DaemonSet; its pods keep running, unowned'],
];

function DeleteDialog({
  row,
  onCancel,
  onDelete,
}: {
  row: DaemonSetRow;
  onCancel(): void;
  onDelete(cascade: Cascade): void;
}) {
  const [cascade, setCascade] = useState<Cascade>('background');
  return (
    <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="delete-title">
      <h3 id="delete-title">
        kubectl delete ds {row.name} -n {row.namespace}
      </h3>
      <fieldset>
        <legend>--cascade</legend>
        {CASCADES.map(([value, text]) => (
          <label key={value} className="radio">
            <input
              type="radio"
              name="cascade"
              value={value}
              checked={cascade === value}
              onChange={() => setCascade(value)}
            />
            {text}
          </label>
        ))}
      </fieldset>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={() => onDelete(cascade)}>
          Delete
        </button>
      </div>
    </div>
  );
}
