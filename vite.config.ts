import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// base './' keeps every asset URL relative, so the built site works from any sub-folder.
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  optimizeDeps: {
    // Everything the app imports, so the dev server does not discover a dependency late and reload
    // the page on a first visit.
    include: [
      'monaco-yaml',
      'monaco-editor/esm/vs/editor/editor.worker',
      'monaco-yaml/yaml.worker.js',
      'd3',
      'yaml',
      'zustand',
      'zustand/vanilla',
      'react',
      'react-dom/client',
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    reporters: ['default', './src/testing/countReporter.ts'],
  },
});
