// The kinds the simulated API server stores, as one type for the schema generator.
import type { DaemonSet, ControllerRevision } from 'kubernetes-types/apps/v1';
import type { Node, Pod, Event } from 'kubernetes-types/core/v1';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';

export interface SimulatedKinds {
  DaemonSet: DaemonSet;
  ControllerRevision: ControllerRevision;
  Node: Node;
  Pod: Pod;
  Event: Event;
  PriorityClass: PriorityClass;
}
