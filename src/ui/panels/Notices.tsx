// Banners for what went wrong outside the editor: a scenario that did not load, a refused node
// edit, a simulation that had to be restarted.

import { useApp, useAppSelector } from '../AppContext.tsx';

export function Notices() {
  const app = useApp();
  const notices = useAppSelector((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n, i) => (
        <div key={i} className={`notice notice-${n.level}`} role={n.level === 'error' ? 'alert' : 'status'}>
          <pre>{n.text}</pre>
          <button type="button" aria-label="Dismiss" onClick={() => app.dismissNotice(i)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
