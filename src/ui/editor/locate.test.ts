import { describe, expect, it } from 'vitest';
import { locateField, splitDocuments } from './locate.ts';

/** The text a range covers, so expectations read as "points at `image: nginx`'s value". */
function covered(
  text: string,
  r: { line: number; column: number; endLine: number; endColumn: number },
): string {
  const lines = text.split('\n');
  if (r.line === r.endLine) return (lines[r.line - 1] ?? '').slice(r.column - 1, r.endColumn - 1);
  const first = (lines[r.line - 1] ?? '').slice(r.column - 1);
  const middle = lines.slice(r.line, r.endLine - 1);
  const last = (lines[r.endLine - 1] ?? '').slice(0, r.endColumn - 1);
  return [first, ...middle, last].join('\n');
}

const DS = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd
  labels:
    app: fluentd
    app.kubernetes.io/name: fluentd
    "example.com/tier": logging
spec:
  selector:
    matchLabels:
      app: fluentd
  template:
    metadata:
      labels:
        app: fluentd
    spec:
      containers:
        - name: fluentd
          image: fluentd:v1
          args: ["-c", "/etc/fluent.conf"]
        - name: sidecar
          image: busybox
`;

const MULTI = `# leading comment
---
# a document with only a comment is skipped
---
apiVersion: v1
kind: Node
metadata:
  name: node-a
---
---
apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: web}}
spec:
  containers: [{name: c, image: nginx}]
`;

describe('locateField', () => {
  const cases: Array<{
    name: string;
    text: string;
    doc?: number;
    path: string;
    line: number;
    column: number;
    covers: string;
  }> = [
    {
      name: 'scalar leaf: its value',
      text: DS,
      path: 'metadata.name',
      line: 4,
      column: 9,
      covers: 'fluentd',
    },
    {
      name: 'nested list index',
      text: DS,
      path: 'spec.template.spec.containers[0].image',
      line: 20,
      column: 18,
      covers: 'fluentd:v1',
    },
    {
      name: 'second list item',
      text: DS,
      path: 'spec.template.spec.containers[1].image',
      line: 23,
      column: 18,
      covers: 'busybox',
    },
    {
      name: 'a map field: its key',
      text: DS,
      path: 'spec.selector',
      line: 10,
      column: 3,
      covers: 'selector',
    },
    {
      name: 'a list field: its key',
      text: DS,
      path: 'spec.template.spec.containers',
      line: 18,
      column: 7,
      covers: 'containers',
    },
    {
      name: 'a list item that is a map: its first line',
      text: DS,
      path: 'spec.template.spec.containers[1]',
      line: 22,
      column: 11,
      covers: 'name: sidecar',
    },
    {
      name: 'flow list item',
      text: DS,
      path: 'spec.template.spec.containers[0].args[1]',
      line: 21,
      column: 24,
      covers: '"/etc/fluent.conf"',
    },
    {
      name: 'bracketed map key',
      text: DS,
      path: 'spec.template.metadata.labels[app]',
      line: 16,
      column: 14,
      covers: 'fluentd',
    },
    {
      name: 'bracketed map key with dots and a slash',
      text: DS,
      path: 'metadata.labels[app.kubernetes.io/name]',
      line: 7,
      column: 29,
      covers: 'fluentd',
    },
    {
      name: 'bracketed map key written quoted in YAML',
      text: DS,
      path: 'metadata.labels[example.com/tier]',
      line: 8,
      column: 25,
      covers: 'logging',
    },
    {
      name: 'missing leaf: its parent key',
      text: DS,
      path: 'spec.template.spec.containers[0].resources.limits',
      line: 19,
      column: 11,
      covers: 'name: fluentd',
    },
    {
      name: 'missing required field: parent key',
      text: DS,
      path: 'spec.updateStrategy.type',
      line: 9,
      column: 1,
      covers: 'spec',
    },
    {
      name: 'list index out of range: the list key',
      text: DS,
      path: 'spec.template.spec.containers[5].image',
      line: 18,
      column: 7,
      covers: 'containers',
    },
    {
      name: 'index into a map: stops at the map key',
      text: DS,
      path: 'spec.selector[0]',
      line: 10,
      column: 3,
      covers: 'selector',
    },
    {
      name: 'nothing on the path exists: the first line of the document',
      text: DS,
      path: 'status.numberReady',
      line: 1,
      column: 1,
      covers: 'apiVersion: apps/v1',
    },
    {
      name: 'empty path: the first line',
      text: DS,
      path: '',
      line: 1,
      column: 1,
      covers: 'apiVersion: apps/v1',
    },
    {
      name: 'multi-doc: first non-empty document',
      text: MULTI,
      doc: 0,
      path: 'metadata.name',
      line: 8,
      column: 9,
      covers: 'node-a',
    },
    {
      name: 'multi-doc: empty documents are not counted',
      text: MULTI,
      doc: 1,
      path: 'kind',
      line: 12,
      column: 7,
      covers: 'Pod',
    },
    {
      name: 'flow map value',
      text: MULTI,
      doc: 1,
      path: 'metadata.labels[app]',
      line: 13,
      column: 35,
      covers: 'web',
    },
    {
      name: 'flow map key of a flow map value',
      text: MULTI,
      doc: 1,
      path: 'metadata.labels',
      line: 13,
      column: 21,
      covers: 'labels',
    },
    {
      name: 'flow list of flow maps',
      text: MULTI,
      doc: 1,
      path: 'spec.containers[0].image',
      line: 15,
      column: 33,
      covers: 'nginx',
    },
    {
      name: 'flow missing leaf: the flow list item',
      text: MULTI,
      doc: 1,
      path: 'spec.containers[0].ports',
      line: 15,
      column: 16,
      covers: '{name: c, image: nginx}',
    },
    {
      name: 'document index past the end: first line of the buffer',
      text: MULTI,
      doc: 7,
      path: 'metadata.name',
      line: 1,
      column: 1,
      covers: '# leading comment',
    },
    {
      name: 'key with no value: the key',
      text: 'kind: Pod\nspec:\n  nodeName:\n',
      path: 'spec.nodeName',
      line: 3,
      column: 3,
      covers: 'nodeName',
    },
    {
      name: 'block scalar: its lines, without the trailing newline',
      text: 'data:\n  script: |\n    echo a\n    echo b\nnext: 1\n',
      path: 'data.script',
      line: 2,
      column: 11,
      covers: '|\n    echo a\n    echo b',
    },
    {
      name: 'numeric map key',
      text: 'ports:\n  80: http\n',
      path: 'ports[80]',
      line: 2,
      column: 7,
      covers: 'http',
    },
    {
      name: 'merge key: the merged field where it is written',
      text: 'base: &b\n  image: nginx\nspec:\n  <<: *b\n  name: x\n',
      path: 'spec.image',
      line: 2,
      column: 10,
      covers: 'nginx',
    },
    {
      name: 'alias: followed to its anchor',
      text: 'a: &l\n  app: web\nb: *l\n',
      path: 'b[app]',
      line: 2,
      column: 8,
      covers: 'web',
    },
  ];

  it.each(cases)('$name', ({ text, doc, path, line, column, covers }) => {
    const r = locateField(text, doc ?? 0, path);
    expect({ line: r.line, column: r.column }).toEqual({ line, column });
    expect(covered(text, r)).toBe(covers);
  });

  it('counts documents exactly as splitDocuments does', () => {
    const docs = splitDocuments(MULTI);
    expect(docs.map((d) => d.index)).toEqual([0, 1]);
    for (const d of docs) {
      const r = locateField(MULTI, d.index, 'kind');
      expect(r.line).toBeGreaterThanOrEqual(d.startLine);
      expect(covered(MULTI, r)).toBe((d.value as { kind: string }).kind);
    }
  });
});

describe('splitDocuments', () => {
  it('skips empty documents and gives each one its start line, text and value', () => {
    const docs = splitDocuments(MULTI);
    expect(docs).toHaveLength(2);
    expect(docs[0]).toMatchObject({
      index: 0,
      startLine: 4,
      value: { kind: 'Node', metadata: { name: 'node-a' } },
    });
    expect(docs[0]?.text.startsWith('---\napiVersion: v1\nkind: Node')).toBe(true);
    expect(docs[1]).toMatchObject({
      index: 1,
      startLine: 10,
      value: { kind: 'Pod', spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    });
    expect(docs.every((d) => d.error === undefined)).toBe(true);
  });

  it('a single document without a marker starts at line 1', () => {
    const docs = splitDocuments(DS);
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ index: 0, startLine: 1, text: DS });
  });

  it('an empty buffer or one with only comments has no documents', () => {
    expect(splitDocuments('')).toEqual([]);
    expect(splitDocuments('# nothing\n---\n# here\n')).toEqual([]);
  });

  it('values follow the YAML 1.2 core schema (yes and 0777 stay strings/decimal)', () => {
    const [doc] = splitDocuments('a: yes\nb: 010\nc: 1.5\nd: null\n');
    expect(doc?.value).toEqual({ a: 'yes', b: 10, c: 1.5, d: null });
  });

  const syntaxErrors: Array<{
    name: string;
    text: string;
    index: number;
    line: number;
    column: number;
    message: RegExp;
  }> = [
    {
      name: 'unterminated flow sequence',
      text: 'kind: Pod\n---\na: [1, 2\n',
      index: 1,
      line: 4,
      column: 1,
      message: /Flow sequence/,
    },
    {
      name: 'duplicate key',
      text: 'kind: Pod\nkind: Node\n',
      index: 0,
      line: 2,
      column: 1,
      message: /unique/,
    },
    {
      name: 'tab indentation',
      text: 'spec:\n\tnodeName: a\n',
      index: 0,
      line: 2,
      column: 1,
      message: /[Tt]ab/,
    },
    {
      name: 'bad indentation after a valid document',
      text: 'kind: Node\n---\nmetadata:\n  name: a\n   labels: {}\n',
      index: 1,
      line: 4,
      column: 9,
      message: /Nested mappings/,
    },
  ];

  it.each(syntaxErrors)('reports a syntax error: $name', ({ text, index, line, column, message }) => {
    const docs = splitDocuments(text);
    const doc = docs.find((d) => d.index === index);
    expect(doc?.value).toBeUndefined();
    expect(doc?.error).toMatchObject({ line, column });
    expect(doc?.error?.message).toMatch(message);
    // Documents before the broken one still parse.
    for (const d of docs) if (d.index < index) expect(d.error).toBeUndefined();
  });

  it('reports an alias bomb instead of expanding it', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++)
      bomb.push(`${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`);
    const [doc] = splitDocuments(bomb.join('\n') + '\n');
    expect(doc?.value).toBeUndefined();
    expect(doc?.error?.line).toBe(1);
  });
});
