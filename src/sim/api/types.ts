// Kubernetes object shapes. The field definitions come from `kubernetes-types` (generated from the
// upstream OpenAPI spec); the only change is that `status` is writable, since our controllers write it.
import type * as core from 'kubernetes-types/core/v1';
import type * as apps from 'kubernetes-types/apps/v1';
import type * as sched from 'kubernetes-types/scheduling/v1';
import type * as meta from 'kubernetes-types/meta/v1';

export type ObjectMeta = meta.ObjectMeta;
export type OwnerReference = meta.OwnerReference;
export type LabelSelector = meta.LabelSelector;
export type LabelSelectorRequirement = meta.LabelSelectorRequirement;

export type Node = Omit<core.Node, 'status'> & { status?: core.NodeStatus };
export type NodeSpec = core.NodeSpec;
export type NodeStatus = core.NodeStatus;
export type NodeCondition = core.NodeCondition;
export type Taint = core.Taint;
export type Toleration = core.Toleration;
export type NodeSelector = core.NodeSelector;
export type NodeSelectorTerm = core.NodeSelectorTerm;
export type NodeSelectorRequirement = core.NodeSelectorRequirement;
export type Affinity = core.Affinity;

export type Pod = Omit<core.Pod, 'status'> & { status?: core.PodStatus };
export type PodSpec = core.PodSpec;
export type PodStatus = core.PodStatus;
export type PodCondition = core.PodCondition;
export type PodTemplateSpec = core.PodTemplateSpec;
export type Container = core.Container;
export type ContainerPort = core.ContainerPort;

export type DaemonSet = Omit<apps.DaemonSet, 'status'> & { status?: apps.DaemonSetStatus };
export type DaemonSetSpec = apps.DaemonSetSpec;
export type DaemonSetStatus = apps.DaemonSetStatus;
export type DaemonSetUpdateStrategy = apps.DaemonSetUpdateStrategy;
export type ControllerRevision = apps.ControllerRevision;
export type PriorityClass = sched.PriorityClass;
export type Event = core.Event;

export type IntOrString = number | string;

/** The kinds the simulated API server stores. */
export const KINDS = ['Node', 'PriorityClass', 'DaemonSet', 'ControllerRevision', 'Pod', 'Event'] as const;
export type Kind = (typeof KINDS)[number];

export interface KindMap {
  Node: Node;
  PriorityClass: PriorityClass;
  DaemonSet: DaemonSet;
  ControllerRevision: ControllerRevision;
  Pod: Pod;
  Event: Event;
}

export type AnyObject = KindMap[Kind];

export const API_VERSION: Record<Kind, string> = {
  Node: 'v1',
  PriorityClass: 'scheduling.k8s.io/v1',
  DaemonSet: 'apps/v1',
  ControllerRevision: 'apps/v1',
  Pod: 'v1',
  Event: 'v1',
};

export const NAMESPACED: Record<Kind, boolean> = {
  Node: false,
  PriorityClass: false,
  DaemonSet: true,
  ControllerRevision: true,
  Pod: true,
  Event: true,
};

/**
 * One field error, shaped like apimachinery's field.Error. `message` is the full rendered text,
 * e.g. `spec.selector: Invalid value: {}: empty selector is invalid for daemonset`.
 */
export interface FieldError {
  field: string;
  type: FieldErrorType;
  message: string;
}

export type FieldErrorType =
  | 'Required value'
  | 'Invalid value'
  | 'Unsupported value'
  | 'Forbidden'
  | 'Duplicate value'
  | 'Too long'
  | 'Not found';
