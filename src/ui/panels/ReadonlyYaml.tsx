// A read-only Monaco view of YAML text (the inspector's "as stored").

import { useEffect, useRef } from 'react';
import { monaco } from '../editor/monaco.ts';

export function ReadonlyYaml({ text, label }: { text: string; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  useEffect(() => {
    if (!host.current) return;
    const model = monaco.editor.createModel('', 'yaml');
    const e = monaco.editor.create(host.current, {
      model,
      readOnly: true,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 12,
      lineNumbers: 'off',
      folding: true,
      theme: 'vs',
      ariaLabel: label,
    });
    editor.current = e;
    return () => {
      e.dispose();
      model.dispose();
      editor.current = null;
    };
  }, [label]);
  useEffect(() => {
    const m = editor.current?.getModel();
    if (m && m.getValue() !== text) m.setValue(text);
  }, [text]);
  return <div className="readonly-yaml" ref={host} data-testid="object-yaml" />;
}
