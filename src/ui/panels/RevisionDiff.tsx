// A read-only Monaco diff of two revisions' pod templates (as YAML).

import { useEffect, useRef } from 'react';
import { stringify } from 'yaml';
import { monaco } from '../editor/monaco.ts';
import type { RevisionInfo } from '../../sim/rollout/types.ts';

export function templateYaml(r: RevisionInfo): string {
  return stringify(r.template, { lineWidth: 0 });
}

export function RevisionDiff({ from, to }: { from: RevisionInfo; to: RevisionInfo }) {
  const host = useRef<HTMLDivElement>(null);
  const models = useRef<{ original: monaco.editor.ITextModel; modified: monaco.editor.ITextModel } | null>(
    null,
  );

  useEffect(() => {
    if (!host.current) return;
    const e = monaco.editor.createDiffEditor(host.current, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: false,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 12,
      lineNumbers: 'off',
      theme: 'vs',
    });
    // One pair of models for the editor's life: switching revisions replaces their text, so no
    // model is disposed while a diff of it is still being computed.
    const pair = {
      original: monaco.editor.createModel('', 'yaml'),
      modified: monaco.editor.createModel('', 'yaml'),
    };
    e.setModel(pair);
    models.current = pair;
    return () => {
      models.current = null;
      e.setModel(null);
      e.dispose();
      pair.original.dispose();
      pair.modified.dispose();
    };
  }, []);

  useEffect(() => {
    const m = models.current;
    if (!m) return;
    const a = templateYaml(from);
    const b = templateYaml(to);
    if (m.original.getValue() !== a) m.original.setValue(a);
    if (m.modified.getValue() !== b) m.modified.setValue(b);
  }, [from, to]);

  return (
    <div
      className="revision-diff"
      ref={host}
      role="region"
      aria-label={`Diff of revision ${from.revision} and revision ${to.revision}`}
      data-from={from.revision}
      data-to={to.revision}
    />
  );
}
