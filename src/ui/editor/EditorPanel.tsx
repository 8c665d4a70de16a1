// The YAML editor: a Monaco editor for the buffer of DaemonSets, Nodes and Pods, an Apply button,
// and the API server's problems both as squiggles and as a clickable list.
//
// Monaco is created directly on a div in an effect (no @monaco-editor/react: its default loader
// fetches Monaco from a CDN). The editor lives as long as the component; the props are pushed
// into it by small effects, so typing never recreates it and keeps cursor and undo history.

import { useEffect, useLayoutEffect, useRef } from 'react';
import { monaco } from './monaco.ts';
import type { EditorProblem } from './types.ts';
import './EditorPanel.css';

export interface EditorPanelProps {
  /**
   * The buffer text. The editor only replaces its text when this differs from what it holds, so
   * `onChange` must store every edit as it comes (a debounced or stale value would overwrite typing).
   */
  value: string;
  /** Every edit, with the whole new text. Not called when `value` itself replaced the text. */
  onChange(text: string): void;
  /** The Apply button and Ctrl/Cmd+Enter. */
  onApply(): void;
  /** Shown as markers (owner 'apiserver') and as the list under the editor. */
  problems: EditorProblem[];
  /** While true, Apply is disabled (and announced as busy). */
  applying?: boolean;
  /** No edits; Apply is disabled too, since there is nothing new to apply. */
  readOnly?: boolean;
}

/** The owner of the markers this panel sets: separate from monaco-yaml's own ('yaml'). */
export const PROBLEM_MARKER_OWNER = 'apiserver';

let nextModelId = 0;

function toMarker(model: monaco.editor.ITextModel, p: EditorProblem): monaco.editor.IMarkerData {
  const lines = model.getLineCount();
  const clampLine = (l: number) => Math.min(Math.max(1, Math.floor(l) || 1), lines);
  const line = clampLine(p.line);
  const column = Math.min(Math.max(1, Math.floor(p.column) || 1), model.getLineMaxColumn(line));
  const endLine = p.endLine === undefined ? line : Math.max(line, clampLine(p.endLine));
  let endColumn = p.endColumn ?? model.getLineMaxColumn(endLine);
  // An empty range would draw nothing: underline to the end of the line instead (or one
  // character when the line ends right there).
  if (endLine === line && endColumn <= column) endColumn = model.getLineMaxColumn(line);
  if (endLine === line && endColumn <= column) endColumn = column + 1;
  return {
    severity: p.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    message: p.message,
    source: 'API server',
    startLineNumber: line,
    startColumn: column,
    endLineNumber: endLine,
    endColumn,
  };
}

export function EditorPanel({
  value,
  onChange,
  onApply,
  problems,
  applying = false,
  readOnly = false,
}: EditorPanelProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  // The editor is created once; its listeners read the latest props through refs.
  const latest = useRef({ value, onChange, onApply, problems, readOnly, canApply: !applying && !readOnly });
  latest.current = { value, onChange, onApply, problems, readOnly, canApply: !applying && !readOnly };
  // Texts sent through onChange that have not come back as `value` yet (see the value effect).
  const pending = useRef<string[]>([]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    // A model of our own, with a unique URI: monaco-yaml validates per model, and two panels
    // (or React's development double mount) must not share one.
    const model = monaco.editor.createModel(
      latest.current.value,
      'yaml',
      monaco.Uri.parse(`inmemory://daemonset-playground/editor-${++nextModelId}.yaml`),
    );
    const editor = monaco.editor.create(host, {
      model,
      theme: 'vs',
      fontSize: 13,
      fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace",
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      tabSize: 2,
      insertSpaces: true,
      detectIndentation: false,
      // Enum values (`type: RollingUpdate`, `operator: Exists`) are strings: suggest them too.
      quickSuggestions: { other: true, comments: false, strings: true },
      // Suggest and hover widgets may extend past the panel instead of being clipped by it.
      fixedOverflowWidgets: true,
      ariaLabel: 'Kubernetes YAML editor',
      readOnly: latest.current.readOnly,
      renderValidationDecorations: 'on',
    });
    editorRef.current = editor;

    const changes = model.onDidChangeContent((e) => {
      // A flush is our own setValue from the `value` prop: the parent already has that text.
      if (e.isFlush) return;
      const text = model.getValue();
      pending.current.push(text);
      // A parent that never echoes the text back must not make this grow without bound.
      if (pending.current.length > 100) pending.current.shift();
      latest.current.onChange(text);
    });
    // An action (not addCommand, whose keybinding is global to all editors) so it is this
    // editor's. It outranks the built-in Ctrl+Enter ("insert line below"), registered earlier.
    const apply = editor.addAction({
      id: 'daemonset-playground.apply',
      label: 'Apply',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: () => {
        if (latest.current.canApply) latest.current.onApply();
      },
    });

    return () => {
      apply.dispose();
      changes.dispose();
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
  }, []);

  // Markers follow edits on their own (Monaco moves them with the text), so they are set when the
  // problems change, not on every keystroke; after an external replacement they are set again,
  // against the new text's lines.
  const showProblems = () => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const markers = latest.current.problems.map((p) => toMarker(model, p));
    monaco.editor.setModelMarkers(model, PROBLEM_MARKER_OWNER, markers);
  };

  // Text from outside (Reset, loading a scenario) replaces the buffer, with a fresh undo history.
  // Typing comes back here as `value` too, and must be left alone: it may even be older than the
  // model when keystrokes arrive between the parent's render and this effect (seen in Chromium with
  // fast typing while this was a passive effect), and writing it back would drop characters and
  // move the cursor. So a value that is one of our own pending texts is an echo, whatever the model
  // holds now.
  useLayoutEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const echoed = pending.current.lastIndexOf(value);
    if (echoed >= 0) {
      pending.current.splice(0, echoed + 1);
      return;
    }
    pending.current = [];
    if (model.getValue() !== value) {
      model.setValue(value);
      showProblems();
    }
  }, [value]);

  useEffect(() => {
    editorRef.current?.updateOptions({ readOnly });
  }, [readOnly]);

  useEffect(() => {
    showProblems();
  }, [problems]);

  const reveal = (p: EditorProblem) => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    const m = toMarker(model, p);
    editor.setPosition({ lineNumber: m.startLineNumber, column: m.startColumn });
    editor.revealPositionInCenterIfOutsideViewport({ lineNumber: m.startLineNumber, column: m.startColumn });
    editor.focus();
  };

  const canApply = !applying && !readOnly;
  return (
    <div className="ep-panel">
      <div className="ep-toolbar">
        <button
          type="button"
          className="ep-apply"
          onClick={() => onApply()}
          disabled={!canApply}
          aria-busy={applying}
          aria-keyshortcuts="Control+Enter Meta+Enter"
          title="Apply (Ctrl+Enter)"
        >
          Apply
        </button>
        {applying && <span className="ep-status">Applying…</span>}
      </div>
      <div className="ep-editor" ref={hostRef} />
      {problems.length > 0 && (
        <ul className="ep-problems" role="list" aria-label="Problems">
          {problems.map((p, i) => (
            <li key={i} role="listitem" data-testid="problem" className={`ep-problem ep-${p.severity}`}>
              <button type="button" className="ep-problem-button" onClick={() => reveal(p)}>
                <span
                  className={`ep-icon codicon codicon-${p.severity === 'error' ? 'error' : 'warning'}`}
                  aria-hidden="true"
                />
                <span className="ep-visually-hidden">{p.severity === 'error' ? 'Error' : 'Warning'}</span>
                <span className="ep-where">
                  {p.line}:{p.column}
                </span>
                <span className="ep-message">{p.message}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
