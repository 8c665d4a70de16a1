// Turns the API server's answer to an apply into editor problems on the right lines.

import { locateField } from '../ui/editor/locate.ts';
import type { EditorProblem } from '../ui/editor/types.ts';
import type { CommandResult } from '../worker/protocol.ts';

export function problemsFor(text: string, result: CommandResult): EditorProblem[] {
  const out: EditorProblem[] = [];
  if (!result.ok && result.outcomes.length === 0) {
    out.push({
      severity: 'error',
      message: result.message,
      line: result.line ?? 1,
      column: result.column ?? 1,
    });
    return out;
  }
  for (const o of result.outcomes) {
    if (o.result !== 'error' || o.docIndex < 0) continue;
    const causes = o.causes.filter((c) => c.field !== '');
    if (causes.length === 0) {
      const at = locateField(text, o.docIndex, 'kind');
      out.push({ severity: 'error', message: o.message, line: at.line, column: at.column });
      continue;
    }
    for (const c of causes) {
      const at = locateField(text, o.docIndex, c.field);
      out.push({
        severity: 'error',
        // One cause, worded as kubectl words it inside its `The X "n" is invalid: ...` line.
        message: c.message,
        line: at.line,
        column: at.column,
        endLine: at.endLine,
        endColumn: at.endColumn,
      });
    }
  }
  return out;
}
