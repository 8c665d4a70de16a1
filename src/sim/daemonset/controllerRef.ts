import type { OwnerReference } from '../api/types.ts';

/** metav1.GetControllerOf: the owner reference marked controller, if any. */
export function controllerRefOf(obj: {
  metadata?: { ownerReferences?: OwnerReference[] };
}): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller === true);
}
