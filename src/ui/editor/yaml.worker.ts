// The YAML language server's worker, as a local module so Vite's `?worker` import can bundle it.
import 'monaco-yaml/yaml.worker.js';
