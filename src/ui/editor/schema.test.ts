import { describe, expect, it } from 'vitest';
import source from '../../sim/api/schema/kubernetes.schema.json' with { type: 'json' };
import { buildEditorSchema, EDITOR_KINDS, STRING_ENUMS, type SchemaNode } from './schema.ts';

const schema = buildEditorSchema(source as { definitions: Record<string, SchemaNode> });
const defs = schema.definitions ?? {};

function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, out));
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  return out;
}

describe('buildEditorSchema', () => {
  it('dispatches on kind to the DaemonSet, Node and Pod definitions', () => {
    expect(schema.allOf).toEqual(
      EDITOR_KINDS.map(({ kind }) => ({
        if: { properties: { kind: { const: kind } }, required: ['kind'] },
        then: { $ref: `#/definitions/${kind}` },
      })),
    );
    for (const { kind, apiVersion } of EDITOR_KINDS) {
      expect(defs[kind]?.properties?.kind?.const).toBe(kind);
      expect(defs[kind]?.properties?.apiVersion?.const).toBe(apiVersion);
      expect(defs[kind]?.additionalProperties).toBe(false);
    }
  });

  it('is self-contained and keeps only what the three kinds use', () => {
    for (const ref of refs(schema)) expect(defs[ref.slice('#/definitions/'.length)], ref).toBeDefined();
    expect(defs.Event).toBeUndefined();
    expect(defs.ControllerRevision).toBeUndefined();
    expect(defs.DaemonSetUpdateStrategy?.properties?.rollingUpdate).toBeDefined();
    // Shipped to the browser: keep an eye on it.
    expect(JSON.stringify(schema).length).toBeLessThan(400_000);
  });

  it('adds the enums upstream documents in prose, on fields that exist', () => {
    for (const [defName, fields] of Object.entries(STRING_ENUMS))
      for (const [field, values] of Object.entries(fields))
        expect(defs[defName]?.properties?.[field]?.enum, `${defName}.${field}`).toEqual(values);
  });

  it('accepts what the API server decodes: numeric quantities, integer counts, opaque fields', () => {
    expect(defs.Quantity?.type).toEqual(['string', 'number']);
    expect(defs.DaemonSetSpec?.properties?.revisionHistoryLimit?.type).toBe('integer');
    expect(defs.RollingUpdateDaemonSet?.properties?.maxUnavailable?.type).toEqual(['integer', 'string']);
    expect(defs.FieldsV1?.additionalProperties).toBeUndefined();
  });
});
