// The text form of "why is DESIRED N?", as `npm run sim -- explain` prints it.

import type { DaemonSetExplanation, NodeVerdict } from './types.ts';

function nodeLine(v: NodeVerdict): string {
  if (v.shouldRun) {
    if (!v.scheduler) return 'runs';
    return `runs, but pod ${v.scheduler.pod} is not scheduled: ${v.scheduler.summary}`;
  }
  return `excluded: ${v.summary}${v.shouldContinueRunning ? ' (an existing pod may stay)' : ''}`;
}

/** One block per DaemonSet: the header with DESIRED, one line per node, excluded, misscheduled. */
export function formatDaemonSetExplanation(e: DaemonSetExplanation): string {
  const lines: string[] = [];
  const nodes = e.verdicts.length;
  lines.push(
    `daemonset ${e.daemonSet}: DESIRED ${e.desired} (of ${nodes} node${nodes === 1 ? '' : 's'})` +
      (e.deleting ? ', being deleted' : ''),
  );
  const width = Math.max(0, ...e.verdicts.map((v) => v.node.length));
  for (const v of e.verdicts) {
    lines.push(`  ${v.node.padEnd(width)}  ${nodeLine(v)}`);
    const message = v.scheduler?.condition?.message;
    if (message)
      lines.push(`  ${''.padEnd(width)}  PodScheduled=${v.scheduler?.condition?.status}: ${message}`);
  }
  if (e.excluded.length > 0) {
    lines.push('  excluded:');
    for (const g of e.excluded) lines.push(`    ${g.reason}: ${g.nodes.join(', ')}`);
  }
  if (e.misscheduled.length > 0) {
    lines.push('  misscheduled:');
    for (const m of e.misscheduled)
      lines.push(
        `    ${m.pod} on ${m.node}: ${m.reason} (${m.mayStay ? 'the pod may stay' : 'the pod is deleted'})`,
      );
  }
  return lines.join('\n') + '\n';
}
