// Thin React wrapper: React owns the host <div> and the renderer's lifetime; the renderer owns
// everything inside it. No React re-render ever touches the canvas or the 6,000-item hidden list.
import { useEffect, useRef, type CSSProperties } from 'react';
import type { GraphModel } from './model';
import { createGraphRenderer, type GraphRendererHandle, type GraphTarget } from './renderer';

export interface GraphViewProps {
  model: GraphModel;
  onSelect: (target: GraphTarget | undefined) => void;
  className?: string;
  style?: CSSProperties;
}

export function GraphView({ model, onSelect, className, style }: GraphViewProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const rendererRef = useRef<GraphRendererHandle | null>(null);
  // The latest callback, read at click time: a new onSelect identity must not recreate the renderer.
  const onSelectRef = useRef(onSelect);
  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);

  useEffect(() => {
    const host = hostRef.current;
    if (host === null) return;
    const r = createGraphRenderer(host, { onSelect: (t) => onSelectRef.current(t) });
    rendererRef.current = r;
    return () => {
      r.destroy();
      rendererRef.current = null;
    };
  }, []);

  // Declared after the creating effect, so on mount (and StrictMode's re-mount) it runs after it.
  useEffect(() => {
    rendererRef.current?.update(model);
  }, [model]);

  return (
    <div
      ref={hostRef}
      className={className}
      role="region"
      aria-label="Cluster nodes graph"
      style={{ position: 'relative', width: '100%', height: '100%', minHeight: 240, ...style }}
    />
  );
}
