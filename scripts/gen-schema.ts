// Generates src/sim/api/schema/kubernetes.schema.json from the `kubernetes-types` package (whose
// interfaces come from the upstream OpenAPI spec, with their doc comments). The simulated API
// server decodes requests against it; the editor will use it for completion and hover docs.
// Run: npm run gen:schema
import { writeFileSync } from 'node:fs';
import { createGenerator } from 'ts-json-schema-generator';

const out = 'src/sim/api/schema/kubernetes.schema.json';
const entry = 'scripts/schema-entry.ts';
const generator = createGenerator({
  path: entry,
  tsconfig: 'tsconfig.json',
  type: 'SimulatedKinds',
  skipTypeCheck: true,
  expose: 'all',
  topRef: false,
  jsDoc: 'extended',
});
const schema = generator.createSchema('SimulatedKinds');
writeFileSync(out, JSON.stringify(schema, null, 1) + '\n');
process.stdout.write(`wrote ${out}: ${Object.keys(schema.definitions ?? {}).length} definitions\n`);
