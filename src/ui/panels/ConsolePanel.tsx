// A terminal-like kubectl console. Commands go to the simulated cluster through the worker; output
// is kubectl's. Up/Down walk the history, Tab completes names, and `apply -f -` asks for the YAML
// to send as standard input.

import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useApp, useAppSelector } from '../AppContext.tsx';

/** `apply -f -` (and `create -f -`) read standard input. */
function wantsStdin(line: string): boolean {
  return /(^|\s)-f\s+-(\s|$)|(^|\s)--filename[= ]-(\s|$)/.test(line);
}

export function ConsolePanel() {
  const app = useApp();
  const entries = useAppSelector((s) => s.console.entries);
  const history = useAppSelector((s) => s.console.history);
  const [line, setLine] = useState('');
  const [stdinFor, setStdinFor] = useState<string | undefined>();
  const [stdin, setStdin] = useState('');
  const [cursor, setCursor] = useState<number | undefined>();
  const [hint, setHint] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const out = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    out.current?.scrollTo({ top: out.current.scrollHeight });
  }, [entries, hint]);

  const run = async (command: string, text?: string) => {
    setBusy(true);
    setHint([]);
    await app.runKubectl(command, text);
    setBusy(false);
    setCursor(undefined);
    input.current?.focus();
  };

  const submit = () => {
    const command = line.trim();
    if (command === '') return;
    if (command === 'clear') {
      app.clearConsole();
      setLine('');
      return;
    }
    setLine('');
    if (wantsStdin(command)) {
      setStdinFor(command);
      return;
    }
    void run(command);
  };

  const onKey = async (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      submit();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (history.length === 0) return;
      const next = cursor === undefined ? history.length - 1 : Math.max(0, cursor - 1);
      setCursor(next);
      setLine(history[next] ?? '');
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (cursor === undefined) return;
      const next = cursor + 1;
      if (next >= history.length) {
        setCursor(undefined);
        setLine('');
      } else {
        setCursor(next);
        setLine(history[next] ?? '');
      }
    } else if (e.key === 'Tab') {
      e.preventDefault();
      const current = line;
      const { replaceFrom, candidates } = await app.complete(current);
      if (candidates.length === 0) return;
      const prefix = commonPrefix(candidates);
      const head = current.slice(0, replaceFrom);
      if (candidates.length === 1) {
        setLine(head + candidates[0] + ' ');
        setHint([]);
      } else {
        if (prefix.length > current.length - replaceFrom) setLine(head + prefix);
        setHint(candidates);
      }
    } else if (e.key === 'l' && e.ctrlKey) {
      e.preventDefault();
      app.clearConsole();
    }
  };

  return (
    <section className="console" aria-label="kubectl console">
      <div className="console-output" ref={out} role="log" aria-label="Console output" aria-live="polite">
        {entries.length === 0 && (
          <p className="console-intro">
            Type kubectl commands as you would in a terminal: <code>get ds</code>,{' '}
            <code>get pods -o wide</code>, <code>describe node worker-1</code>,{' '}
            <code>taint node worker-1 dedicated=infra:NoSchedule</code>, <code>apply -f -</code>. Tab
            completes names; ↑/↓ walk the history.
          </p>
        )}
        {entries.map((e) => (
          <div key={e.id} className="console-entry" data-exit-code={e.exitCode} data-testid="console-entry">
            <div className="console-command">
              <span className="prompt">$</span> kubectl {e.command.replace(/^kubectl\s+/, '')}
            </div>
            {e.stdin !== undefined && <pre className="console-stdin">{e.stdin}</pre>}
            <pre
              className={e.exitCode === 0 ? 'console-result' : 'console-result error'}
              data-testid="console-result"
            >
              {e.output}
            </pre>
          </div>
        ))}
        {hint.length > 0 && <pre className="console-hint">{hint.join('  ')}</pre>}
      </div>
      {stdinFor !== undefined ? (
        <form
          className="console-stdin-form"
          onSubmit={(e) => {
            e.preventDefault();
            const command = stdinFor;
            setStdinFor(undefined);
            const text = stdin;
            setStdin('');
            void run(command, text);
          }}
        >
          <label>
            Standard input for <code>kubectl {stdinFor}</code> — paste YAML, then Send (Ctrl+Enter)
            <textarea
              aria-label="Standard input"
              value={stdin}
              autoFocus
              spellCheck={false}
              onChange={(e) => setStdin(e.target.value)}
              onKeyDown={(e) => {
                if ((e.key === 'Enter' && (e.ctrlKey || e.metaKey)) || (e.key === 'd' && e.ctrlKey)) {
                  e.preventDefault();
                  e.currentTarget.form?.requestSubmit();
                }
              }}
            />
          </label>
          <div className="dialog-actions">
            <button type="button" onClick={() => setStdinFor(undefined)}>
              Cancel
            </button>
            <button type="submit" className="primary">
              Send
            </button>
          </div>
        </form>
      ) : (
        <div className="console-input">
          <span className="prompt" aria-hidden="true">
            $ kubectl
          </span>
          <input
            ref={input}
            aria-label="kubectl command"
            value={line}
            disabled={busy}
            spellCheck={false}
            autoComplete="off"
            placeholder="get ds"
            onChange={(e) => {
              setLine(e.target.value);
              setCursor(undefined);
            }}
            onKeyDown={(e) => void onKey(e)}
          />
        </div>
      )}
    </section>
  );
}

function commonPrefix(items: string[]): string {
  if (items.length === 0) return '';
  let p = items[0]!;
  for (const s of items) while (!s.startsWith(p)) p = p.slice(0, -1);
  return p;
}
