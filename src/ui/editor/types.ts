// The editor panel's contract with the rest of the app.

/** A problem to show in the editor (marker) and in the problem list. Lines and columns are 1-based. */
export interface EditorProblem {
  severity: 'error' | 'warning';
  /** Exactly what kubectl would print for this problem (one line). */
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}
