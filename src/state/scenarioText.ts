// What the editor shows after a scenario loads: its DaemonSets and Pods as multi-document YAML.
// Nodes are shaped with the cluster controls, so they stay out of the buffer.

import { stringify } from 'yaml';
import { parseScenario } from '../sim/scenario/parse.ts';

export function scenarioEditorText(text: string, file: string): string {
  const parsed = parseScenario(text, file);
  if (!parsed.ok) return '';
  const docs = parsed.scenario.objects.filter((o) => o.kind !== 'Node');
  const header = `# Loaded from ${file}: ${parsed.scenario.name}\n`;
  if (docs.length === 0) return header + '# (the scenario has no DaemonSet)\n';
  return header + docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
}
