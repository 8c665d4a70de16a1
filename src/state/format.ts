// kubectl's ways of printing things, for the tables.

/** HumanDuration, as `kubectl get` prints AGE and LAST SEEN: the console's own implementation. */
export { humanDuration } from '../sim/kubectl/format.ts';

/** labels.FormatLabels: `k=v,k2=v2` sorted by key, or `<none>`. */
export function formatLabels(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${m![k]}`).join(',');
}

/** Virtual time as the status bar shows it: `t+12s`, `t+3m05s`, `t+1h02m03s`. */
export function virtualTime(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `t+${h}h${pad(m)}m${pad(s)}s`;
  if (m > 0) return `t+${m}m${pad(s)}s`;
  return `t+${s}s`;
}

/** `key=value:Effect` (core/v1 Taint.ToString). */
export { taintToString as taintString } from '../sim/scheduling/taints.ts';
