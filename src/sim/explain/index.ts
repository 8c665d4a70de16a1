// Public API of the explanations: node verdicts, "why is DESIRED N?", scheduler diagnoses.
export * from './types.ts';
export { describeDecision, explainDaemonSet, explainNode, explainNodeForDaemonSets } from './explain.ts';
