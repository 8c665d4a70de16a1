// The accessible mirror of the canvas: a visually hidden list (one <li> per node, a nested list of its
// pods) carrying the same data-* hooks as the picture, with a <button> per item that selects it.
// It is patched by key — the simulation sends several updates a second and rebuilding 6,000 elements
// each time would cost more than drawing the canvas.
import { nodeAriaLabel, podAriaLabel } from './labels';
import type { GraphModel, GraphNode, GraphPod } from './model';
import type { Target } from './scene';

interface PodEntry {
  li: HTMLLIElement;
  button: HTMLButtonElement;
  pod: GraphPod | undefined;
  seen: number;
}

interface NodeEntry {
  li: HTMLLIElement;
  button: HTMLButtonElement;
  list: HTMLUListElement;
  node: GraphNode | undefined;
  /** The applied aria-label; it covers every attribute, so an equal label means nothing to do. */
  label: string;
  pods: Map<string, PodEntry>;
  seen: number;
}

function samePodAttrs(a: GraphPod, b: GraphPod): boolean {
  return (
    a.node === b.node &&
    a.phase === b.phase &&
    a.ready === b.ready &&
    a.daemonSet === b.daemonSet &&
    a.revision === b.revision &&
    a.unschedulableReason === b.unschedulableReason &&
    a.name === b.name
  );
}

/** Longest stretch of list patching per task. */
const SLICE_MS = 4;

/** Set an attribute only when it differs: DOM writes, not comparisons, are what cost here. */
function attr(el: Element, name: string, value: string | undefined): void {
  if (value === undefined) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== value) {
    el.setAttribute(name, value);
  }
}

export class AccessibleList {
  readonly root: HTMLUListElement;
  private readonly doc: Document;
  private readonly nodes = new Map<string, NodeEntry>();
  private readonly orphans: NodeEntry;
  private readonly byButton = new WeakMap<HTMLButtonElement, Target>();
  private generation = 0;
  /** The single tab stop (roving tabindex): 6,000 tab stops would trap keyboard users. */
  private active: HTMLButtonElement | undefined;
  private selectedButton: HTMLButtonElement | undefined;

  constructor(
    doc: Document,
    private readonly onActivate: (t: Target) => void,
    private readonly onFocus: (t: Target | undefined) => void,
  ) {
    this.doc = doc;
    this.root = doc.createElement('ul');
    this.root.className = 'dsg-sr-only';
    this.root.setAttribute('role', 'list');
    this.root.setAttribute('aria-label', 'Cluster nodes and their pods');
    this.orphans = this.makeNodeEntry();
    this.orphans.li.dataset.orphans = 'true';
    this.orphans.button.textContent = 'Pods without a node';
    this.orphans.button.disabled = true;
    this.root.addEventListener('click', this.handleClick);
    this.root.addEventListener('keydown', this.handleKey);
    this.root.addEventListener('focusin', this.handleFocus);
    this.root.addEventListener('focusout', this.handleBlur);
  }

  private makeNodeEntry(): NodeEntry {
    const li = this.doc.createElement('li');
    const button = this.doc.createElement('button');
    button.type = 'button';
    button.tabIndex = -1;
    const list = this.doc.createElement('ul');
    list.setAttribute('role', 'list');
    li.append(button, list);
    return { li, button, list, node: undefined, label: '', pods: new Map(), seen: 0 };
  }

  /**
   * Bring the list up to date with `model`. The work is time-sliced: up to SLICE_MS now, the rest in
   * later tasks, so a 5,000-node update never blocks a frame for long. A model arriving mid-pass is
   * applied by a fresh pass after the current one ends; small clusters finish synchronously.
   */
  update(model: GraphModel): void {
    this.latest = model;
    this.dirty = true;
    // The selection is cheap and should follow a click at once, even mid-pass.
    this.setSelected(model.selected);
    if (this.timer === undefined) this.step();
  }

  private latest: GraphModel | undefined;
  private passModel: GraphModel | undefined;
  private dirty = false;
  private cursor = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  private readonly step = (): void => {
    this.timer = undefined;
    if (this.cursor === 0) {
      if (!this.dirty || this.latest === undefined) return;
      this.passModel = this.latest;
      this.dirty = false;
      this.generation++;
    }
    const model = this.passModel as GraphModel;
    const gen = this.generation;
    const deadline = performance.now() + SLICE_MS;
    const nodes = model.nodes;
    while (this.cursor < nodes.length) {
      this.syncNode(nodes[this.cursor] as GraphNode, gen);
      this.cursor++;
      if ((this.cursor & 63) === 0 && performance.now() > deadline) break;
    }
    if (this.cursor < nodes.length) {
      this.timer = setTimeout(this.step, 0);
      return;
    }
    this.cursor = 0;
    this.finishPass(model, gen);
    if (this.dirty) this.timer = setTimeout(this.step, 0);
  };

  private syncNode(node: GraphNode, gen: number): void {
    let e = this.nodes.get(node.name);
    if (e === undefined) {
      e = this.makeNodeEntry();
      e.li.dataset.kind = 'node';
      e.li.dataset.name = node.name;
      this.byButton.set(e.button, { kind: 'node', name: node.name });
      this.nodes.set(node.name, e);
      this.root.insertBefore(e.li, this.orphans.li.isConnected ? this.orphans.li : null);
    }
    e.seen = gen;
    if (e.node !== node) {
      this.applyNode(e, node);
      this.syncPods(e, node.pods, gen);
      e.node = node;
    }
  }

  private finishPass(model: GraphModel, gen: number): void {
    if (this.nodes.size !== model.nodes.length) {
      for (const [name, e] of this.nodes) {
        if (e.seen === gen) continue;
        this.forget(e.button);
        for (const p of e.pods.values()) this.forget(p.button);
        e.li.remove();
        this.nodes.delete(name);
      }
    }
    this.syncPods(this.orphans, model.orphanPods, gen);
    if (model.orphanPods.length > 0 && !this.orphans.li.isConnected) this.root.append(this.orphans.li);
    if (model.orphanPods.length === 0 && this.orphans.li.isConnected) this.orphans.li.remove();
    // Items selected before their element existed get marked now.
    this.setSelected((this.latest ?? model).selected, true);
    if (this.active === undefined || !this.active.isConnected)
      this.activate(this.root.querySelector('button:not(:disabled)'));
  }

  private applyNode(e: NodeEntry, n: GraphNode): void {
    const label = nodeAriaLabel(n);
    if (e.node !== undefined && label === e.label) return;
    e.label = label;
    const li = e.li;
    attr(li, 'data-ready', n.ready);
    attr(li, 'data-cordoned', String(n.unschedulable));
    attr(li, 'data-excluded', String(n.excludedReason !== undefined));
    attr(li, 'data-problems', n.problems.length > 0 ? n.problems.join(' ') : undefined);
    attr(li, 'title', n.excludedReason);
    // On the item (where the data-* hooks are) and on its button (what keyboard users land on).
    attr(li, 'aria-label', label);
    attr(e.button, 'aria-label', label);
    attr(e.button, 'aria-description', n.excludedReason);
    if (e.button.textContent !== n.name) e.button.textContent = n.name;
  }

  private syncPods(e: NodeEntry, pods: readonly GraphPod[], gen: number): void {
    for (const pod of pods) {
      let p = e.pods.get(pod.key);
      if (p === undefined) {
        const li = this.doc.createElement('li');
        const button = this.doc.createElement('button');
        button.type = 'button';
        button.tabIndex = -1;
        li.append(button);
        li.dataset.kind = 'pod';
        li.dataset.name = pod.key;
        p = { li, button, pod: undefined, seen: 0 };
        this.byButton.set(button, { kind: 'pod', name: pod.key });
        e.pods.set(pod.key, p);
        e.list.append(li);
      }
      p.seen = gen;
      // Producers usually hand over fresh but equal objects each tick: compare fields in JS (cheap)
      // before touching any attribute (DOM calls are what cost at 25,000 pods).
      if (p.pod !== pod && (p.pod === undefined || !samePodAttrs(p.pod, pod))) {
        const li = p.li;
        attr(li, 'data-node', pod.node);
        attr(li, 'data-daemonset', pod.daemonSet);
        attr(li, 'data-phase', pod.phase);
        attr(li, 'data-ready', String(pod.ready));
        attr(li, 'data-revision', pod.revision);
        attr(li, 'data-unschedulable', pod.unschedulableReason !== undefined ? 'true' : undefined);
        attr(li, 'title', pod.unschedulableReason);
        const label = podAriaLabel(pod);
        attr(li, 'aria-label', label);
        attr(p.button, 'aria-label', label);
        attr(p.button, 'aria-description', pod.unschedulableReason);
        if (p.button.textContent !== pod.name) p.button.textContent = pod.name;
      }
      p.pod = pod;
    }
    if (e.pods.size !== pods.length) {
      for (const [key, p] of e.pods) {
        if (p.seen === gen) continue;
        this.forget(p.button);
        p.li.remove();
        e.pods.delete(key);
      }
    }
  }

  private forget(b: HTMLButtonElement): void {
    if (this.active === b) this.active = undefined;
    if (this.selectedButton === b) this.selectedButton = undefined;
  }

  private buttonFor(t: Target | undefined): HTMLButtonElement | undefined {
    if (t === undefined) return undefined;
    if (t.kind === 'node') return this.nodes.get(t.name)?.button;
    for (const e of [...this.nodes.values(), this.orphans]) {
      const p = e.pods.get(t.name);
      if (p !== undefined) return p.button;
    }
    return undefined;
  }

  setSelected(t: Target | undefined, force = false): void {
    const cur = this.selectedButton;
    // Cheap path: the selection did not change (the common case on simulation ticks).
    if (!force && cur !== undefined && t !== undefined) {
      const have = this.byButton.get(cur);
      if (have !== undefined && have.kind === t.kind && have.name === t.name) return;
    }
    if (cur === undefined && t === undefined) return;
    if (force && cur !== undefined && cur === this.buttonFor(t)) return;
    if (cur !== undefined) {
      cur.removeAttribute('aria-current');
      cur.parentElement?.removeAttribute('data-selected');
    }
    const b = this.buttonFor(t);
    this.selectedButton = b;
    if (b !== undefined) {
      b.setAttribute('aria-current', 'true');
      b.parentElement?.setAttribute('data-selected', 'true');
    }
  }

  private activate(b: Element | null): void {
    if (!(b instanceof HTMLButtonElement)) return;
    if (this.active !== undefined && this.active !== b) this.active.tabIndex = -1;
    this.active = b;
    b.tabIndex = 0;
  }

  private readonly handleClick = (ev: MouseEvent): void => {
    const b = (ev.target as Element | null)?.closest('button');
    const t = b ? this.byButton.get(b) : undefined;
    if (t !== undefined) this.onActivate(t);
  };

  private readonly handleFocus = (ev: FocusEvent): void => {
    const b = ev.target;
    if (!(b instanceof HTMLButtonElement)) return;
    this.activate(b);
    this.onFocus(this.byButton.get(b));
  };

  private readonly handleBlur = (ev: FocusEvent): void => {
    if (ev.relatedTarget instanceof Node && this.root.contains(ev.relatedTarget)) return;
    this.onFocus(undefined);
  };

  private readonly handleKey = (ev: KeyboardEvent): void => {
    const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
    if (!keys.includes(ev.key)) return;
    const all = Array.from(this.root.querySelectorAll<HTMLButtonElement>('button:not(:disabled)'));
    if (all.length === 0) return;
    const i = this.active ? all.indexOf(this.active) : -1;
    const next =
      ev.key === 'Home'
        ? 0
        : ev.key === 'End'
          ? all.length - 1
          : Math.min(all.length - 1, Math.max(0, i + (ev.key === 'ArrowDown' ? 1 : -1)));
    const b = all[next];
    if (b === undefined) return;
    ev.preventDefault();
    this.activate(b);
    b.focus();
  };

  destroy(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.root.removeEventListener('click', this.handleClick);
    this.root.removeEventListener('keydown', this.handleKey);
    this.root.removeEventListener('focusin', this.handleFocus);
    this.root.removeEventListener('focusout', this.handleBlur);
    this.root.remove();
    this.nodes.clear();
  }
}
