// The JSON schema the editor hands to monaco-yaml: one schema for every document of the buffer,
// which picks the DaemonSet, Node or Pod definition by the document's `kind`.
//
// Built at runtime from the schema the simulated API server decodes with
// (src/sim/api/schema/kubernetes.schema.json, generated from `kubernetes-types` by
// `npm run gen:schema`), so the editor and the API server can never disagree about field names.
// That file is a wrapper object whose properties are the stored kinds; its `definitions` already
// carry `kind`/`apiVersion` consts, JSDoc descriptions (hover text) and `additionalProperties: false`
// (unknown-field warnings). What it lacks, added here: the dispatch on `kind`, and a few types that
// the generator renders more narrowly than the API server decodes them.
//
// Pure: no Monaco import, so it is unit-tested.

/** A JSON schema node, as far as this module reads or writes it. */
export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  description?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  if?: SchemaNode;
  then?: SchemaNode;
  required?: string[];
  definitions?: Record<string, SchemaNode>;
  title?: string;
  [other: string]: unknown;
}

/** The kinds a user may write in the editor, with the apiVersion each is served at. */
export const EDITOR_KINDS = [
  { kind: 'DaemonSet', apiVersion: 'apps/v1' },
  { kind: 'Node', apiVersion: 'v1' },
  { kind: 'Pod', apiVersion: 'v1' },
] as const;

const REF_PREFIX = '#/definitions/';

/**
 * String fields whose allowed values upstream documents in prose only (kubernetes-types has no
 * enums): listed here so the editor can complete them and flag typos as the API server would.
 * Keyed by definition, then property. schema.test.ts checks that each one still exists.
 */
export const STRING_ENUMS: Record<string, Record<string, string[]>> = {
  DaemonSetUpdateStrategy: { type: ['RollingUpdate', 'OnDelete'] },
  Taint: { effect: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] },
  // An empty effect tolerates every effect; an empty operator means Equal.
  Toleration: {
    operator: ['Exists', 'Equal', ''],
    effect: ['NoSchedule', 'PreferNoSchedule', 'NoExecute', ''],
  },
  NodeSelectorRequirement: { operator: ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] },
  LabelSelectorRequirement: { operator: ['In', 'NotIn', 'Exists', 'DoesNotExist'] },
  Container: { imagePullPolicy: ['Always', 'IfNotPresent', 'Never'] },
  ContainerPort: { protocol: ['TCP', 'UDP', 'SCTP'] },
  PodSpec: {
    restartPolicy: ['Always', 'OnFailure', 'Never'],
    dnsPolicy: ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
    preemptionPolicy: ['PreemptLowerPriority', 'Never'],
  },
  TopologySpreadConstraint: { whenUnsatisfiable: ['DoNotSchedule', 'ScheduleAnyway'] },
};

/** Every definition reachable from `roots`, so the browser's YAML worker gets no unused ones. */
function reachable(defs: Record<string, SchemaNode>, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const name = stack.pop() as string;
    if (seen.has(name) || !defs[name]) continue;
    seen.add(name);
    const visit = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === 'object') {
        for (const [k, child] of Object.entries(v)) {
          if (k === '$ref' && typeof child === 'string' && child.startsWith(REF_PREFIX))
            stack.push(child.slice(REF_PREFIX.length));
          else visit(child);
        }
      }
    };
    visit(defs[name]);
  }
  return seen;
}

/**
 * Kubernetes has no floating-point fields in these kinds (Go int32/int64, which refuse 1.5), but the
 * generator only knows TypeScript's `number`: say "integer" so the editor warns about fractions.
 */
function integersOnly(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(integersOnly);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'type' && v === 'number') out[k] = 'integer';
    else if (k === 'type' && Array.isArray(v)) out[k] = v.map((t) => (t === 'number' ? 'integer' : t));
    else out[k] = integersOnly(v);
  }
  return out;
}

export function buildEditorSchema(source: { definitions?: Record<string, SchemaNode> }): SchemaNode {
  const all = source.definitions ?? {};
  const keep = reachable(
    all,
    EDITOR_KINDS.map((k) => k.kind),
  );
  const definitions: Record<string, SchemaNode> = {};
  for (const name of [...keep].sort()) {
    definitions[name] = integersOnly(all[name]) as SchemaNode;
  }

  // The same leniencies as the API server's decoder (src/sim/api/decode.ts): a quantity may be
  // written as a YAML number (`cpu: 1`), and FieldsV1/RawExtension hold arbitrary JSON.
  if (definitions.Quantity) {
    definitions.Quantity = {
      ...definitions.Quantity,
      type: ['string', 'number'],
      description:
        definitions.Quantity.description ??
        'A resource quantity: a number with an optional suffix (100m, 1, 1.5Gi, 2e3).',
    };
  }
  for (const [defName, fields] of Object.entries(STRING_ENUMS)) {
    const props = definitions[defName]?.properties;
    for (const [field, values] of Object.entries(fields)) {
      const prop = props?.[field];
      if (props && prop) props[field] = { ...prop, enum: values };
    }
  }
  for (const opaque of ['FieldsV1', 'RawExtension']) {
    const def = definitions[opaque];
    if (def) definitions[opaque] = def.description ? { description: def.description } : {};
  }

  const kinds = EDITOR_KINDS.map((k) => k.kind);
  return {
    // No `title`: the language server would print it above the description in every hover.
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    // Only `kind` and `apiVersion` are declared at the top: the rest of the fields, and the
    // refusal of unknown ones, come from the kind's own definition chosen below. (Declaring
    // additionalProperties here would reject every field the top level does not list.)
    properties: {
      apiVersion: {
        type: 'string',
        enum: [...new Set(EDITOR_KINDS.map((k) => k.apiVersion))],
        description: 'apps/v1 for a DaemonSet; v1 for a Node or a Pod.',
      },
      kind: {
        type: 'string',
        enum: kinds,
        description: `The kind of object: ${kinds.join(', ')} (the kinds this playground accepts).`,
      },
    },
    required: ['apiVersion', 'kind'],
    // if/then rather than oneOf: with oneOf, a document with a typo matches no branch and the
    // language server offers the fields of all three kinds; with if/then only the document's own
    // kind applies, and its errors are reported as they are.
    allOf: EDITOR_KINDS.map(({ kind }) => ({
      if: { properties: { kind: { const: kind } }, required: ['kind'] },
      then: { $ref: `${REF_PREFIX}${kind}` },
    })),
    definitions,
  };
}
