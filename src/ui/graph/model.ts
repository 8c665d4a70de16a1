// The graph's input: a plain description of what to draw, derived from the store by a selector.
// The renderer never reads the store or the simulation; it draws exactly this.

/** What a pod mark shows. `ContainerCreating` is Pending-and-bound with containers not started yet. */
export type PodVisualPhase =
  'Pending' | 'ContainerCreating' | 'Running' | 'Terminating' | 'Failed' | 'Succeeded';

export interface GraphPod {
  /** `namespace/name` — unique and stable for the pod's life. */
  key: string;
  name: string;
  namespace: string;
  /** The node it is bound to, or the node its injected affinity targets while unbound. */
  node: string;
  /** Owning DaemonSet as `namespace/name`, or '' for a pod with no DaemonSet owner. */
  daemonSet: string;
  /** Index into GraphModel.daemonSets (colour); -1 for pods without a DaemonSet. */
  colorIndex: number;
  phase: PodVisualPhase;
  ready: boolean;
  /** Set when the scheduler could not place the pod: its PodScheduled=False message. */
  unschedulableReason?: string;
  /** Which revision of its DaemonSet the pod runs (for rollouts); undefined when not known. */
  revision?: 'current' | 'old';
}

export interface GraphTaint {
  key: string;
  value?: string;
  effect: string;
}

export interface GraphNode {
  name: string;
  /** A few labels worth showing on the box (already chosen and ordered by the selector). */
  keyLabels: Array<[string, string]>;
  taints: GraphTaint[];
  /** spec.unschedulable (cordoned). */
  unschedulable: boolean;
  /** The node's Ready condition status. */
  ready: 'True' | 'False' | 'Unknown';
  /** Conditions other than Ready that are True (MemoryPressure, ...), for a small warning mark. */
  problems: string[];
  pods: GraphPod[];
  /** One-line reason the selected DaemonSet excludes this node; the node is drawn dimmed when set. */
  excludedReason?: string;
}

export interface GraphDaemonSet {
  key: string;
  colorIndex: number;
}

export interface GraphModel {
  /** Nodes in a stable order (creation order); the renderer keeps slots stable across updates. */
  nodes: GraphNode[];
  daemonSets: GraphDaemonSet[];
  /** Pods whose target node does not exist (drawn in a separate "no node" area). */
  orphanPods: GraphPod[];
  selected?: { kind: 'node' | 'pod'; name: string };
}

export interface GraphCallbacks {
  onSelect(target: { kind: 'node' | 'pod'; name: string } | undefined): void;
}

export interface GraphRenderer {
  update(model: GraphModel): void;
  destroy(): void;
}
