// Monaco, bundled with the app (no CDN: the playground must work offline and from static hosting),
// in its lean form: the editor API plus only the contributions the YAML panel uses. The root
// `monaco-editor` import would pull every language and its worker (about three times the size).
//
// monaco-editor is pinned to 0.54.0, the version monaco-yaml 5.5 is tested against and the last
// one where the `monaco-editor/esm/vs/...` paths below resolve without an alias. Even 0.54's
// `editor.createWebWorker` needs a ready-made `worker`, which monaco-yaml's worker manager does not
// pass: see `createWebWorker` below.

import * as monaco from 'monaco-editor/esm/vs/editor/editor.api';
import { configureMonacoYaml, type JSONSchema } from 'monaco-yaml';
import kubernetesSchema from '../../sim/api/schema/kubernetes.schema.json' with { type: 'json' };
import { buildEditorSchema, type SchemaNode } from './schema.ts';

// editor.api registers no editor contributions: without these there is no suggest widget, hover,
// find, folding... Each module registers itself (and imports its own CSS) when loaded.
import 'monaco-editor/esm/vs/editor/browser/coreCommands.js';
import 'monaco-editor/esm/vs/editor/contrib/bracketMatching/browser/bracketMatching.js';
import 'monaco-editor/esm/vs/editor/contrib/clipboard/browser/clipboard.js';
import 'monaco-editor/esm/vs/editor/contrib/comment/browser/comment.js';
import 'monaco-editor/esm/vs/editor/contrib/contextmenu/browser/contextmenu.js';
import 'monaco-editor/esm/vs/editor/contrib/cursorUndo/browser/cursorUndo.js';
import 'monaco-editor/esm/vs/editor/contrib/find/browser/findController.js';
import 'monaco-editor/esm/vs/editor/contrib/folding/browser/folding.js';
import 'monaco-editor/esm/vs/editor/contrib/format/browser/formatActions.js';
import 'monaco-editor/esm/vs/editor/contrib/gotoError/browser/gotoError.js';
import 'monaco-editor/esm/vs/editor/contrib/hover/browser/hoverContribution.js';
import 'monaco-editor/esm/vs/editor/contrib/indentation/browser/indentation.js';
import 'monaco-editor/esm/vs/editor/contrib/linesOperations/browser/linesOperations.js';
import 'monaco-editor/esm/vs/editor/contrib/multicursor/browser/multicursor.js';
import 'monaco-editor/esm/vs/editor/contrib/readOnlyMessage/browser/contribution.js';
import 'monaco-editor/esm/vs/editor/contrib/smartSelect/browser/smartSelect.js';
// Completion items from the YAML server are snippets: the suggest widget needs the snippet controller.
import 'monaco-editor/esm/vs/editor/contrib/snippet/browser/snippetController2.js';
import 'monaco-editor/esm/vs/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/esm/vs/editor/contrib/wordOperations/browser/wordOperations.js';
// The icon font of the suggest, find and hover widgets (editor.all.js loads it; editor.api does not).
import 'monaco-editor/esm/vs/base/browser/ui/codicons/codiconStyles.js';
// Syntax colouring for YAML (the language server brings completion and validation, not tokens).
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';

import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import YamlWorker from './yaml.worker.ts?worker';

// Workers come from Vite `?worker` imports, bundled next to the app; `getWorker` is consulted
// before any URL-based loading, so nothing is fetched from elsewhere.
self.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string): Worker {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};

/**
 * `editor.createWebWorker` as monaco-yaml calls it: with `moduleId`, `label` and `createData`, the
 * form older Monaco versions accepted. Monaco ≥ 0.53 only takes `{ worker }` and otherwise throws
 * ("Cannot use 'in' operator to search for 'then' in undefined"), silently falls back to a worker
 * in the main thread that knows none of the YAML methods ("Missing requestHandler or method:
 * doValidation"), and the editor gets no validation, completion or hover at all. This does what
 * Monaco's own JSON language does in 0.54 (jsonMode.js): create the worker through
 * `MonacoEnvironment.getWorker`, then send the two messages monaco-worker-manager's worker side
 * waits for (anything, then `createData`) before handing the worker to Monaco.
 */
function createWebWorker<T extends object>(
  opts: monaco.editor.IWebWorkerOptions | monaco.editor.IInternalWebWorkerOptions,
): monaco.editor.MonacoWebWorker<T> {
  if ('worker' in opts) return monaco.editor.createWebWorker<T>(opts);
  const getWorker = self.MonacoEnvironment?.getWorker;
  if (!getWorker) throw new Error('MonacoEnvironment.getWorker is not set');
  const worker = Promise.resolve(getWorker(opts.moduleId, opts.label ?? opts.moduleId)).then((w) => {
    w.postMessage('ignore');
    w.postMessage(opts.createData);
    return w;
  });
  return monaco.editor.createWebWorker<T>({
    worker,
    host: opts.host,
    keepIdleModels: opts.keepIdleModels ?? false,
  });
}

/** The schema's id; also the glob every editor model matches (all models are Kubernetes YAML). */
const SCHEMA_URI = 'inmemory://daemonset-playground/kubernetes-editor.schema.json';

// monaco-yaml gets a copy of the API with the createWebWorker above; the shared `monaco.editor`
// object is left as it is.
configureMonacoYaml(
  { ...monaco, editor: { ...monaco.editor, createWebWorker } },
  {
    enableSchemaRequest: false,
    hover: true,
    completion: true,
    validate: true,
    format: { enable: true },
    // The source line would name our made-up schema URI: noise in every hover.
    hoverSchemaSource: false,
    schemas: [
      {
        uri: SCHEMA_URI,
        fileMatch: ['*'],
        schema: buildEditorSchema(
          kubernetesSchema as { definitions: Record<string, SchemaNode> },
        ) as JSONSchema,
      },
    ],
  },
);

export { monaco };
