// "Add nodes": one node or many, with a name pattern, labels, taints and capacity. The objects go
// to the API server as `kubectl apply` would send them; a registering kubelet fills in the status.

import { useState, type FormEvent } from 'react';
import { buildNodes, type AddNodesInput } from '../../state/nodeForm.ts';
import { useApp } from '../AppContext.tsx';

const EMPTY: AddNodesInput = {
  count: '1',
  pattern: 'node-{n}',
  labels: '',
  taints: '',
  cpu: '',
  memory: '',
  pods: '',
};

export function AddNodes({ onClose }: { onClose(): void }) {
  const app = useApp();
  const [input, setInput] = useState<AddNodesInput>(EMPTY);
  const [error, setError] = useState<string | undefined>();
  const field = (k: keyof AddNodesInput) => ({
    value: input[k],
    onChange: (e: { target: { value: string } }) => setInput({ ...input, [k]: e.target.value }),
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const existing = new Set(app.store.getState().cluster.Node.keys());
    const built = buildNodes(input, existing);
    if (!built.ok) {
      setError(built.error);
      return;
    }
    const r = await app.addNodes(built.value);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    setError(undefined);
    onClose();
  };
  return (
    <form className="popover add-nodes" aria-label="Add nodes" onSubmit={(e) => void submit(e)}>
      <h3>Add nodes</h3>
      <div className="form-grid">
        <label>
          Count
          <input type="number" min={1} max={5000} {...field('count')} />
        </label>
        <label>
          Name pattern
          <input
            {...field('pattern')}
            placeholder="node-{n}"
            title="{n} is replaced by 1, 2, 3, … skipping names that exist"
          />
        </label>
        <label className="wide">
          Labels
          <input {...field('labels')} placeholder="disk=ssd, zone=a" />
        </label>
        <label className="wide">
          Taints
          <input {...field('taints')} placeholder="dedicated=gpu:NoSchedule" />
        </label>
        <label>
          CPU
          <input {...field('cpu')} placeholder="4" />
        </label>
        <label>
          Memory
          <input {...field('memory')} placeholder="8Gi" />
        </label>
        <label>
          Pods
          <input {...field('pods')} placeholder="110" />
        </label>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="primary">
          Add
        </button>
      </div>
    </form>
  );
}
