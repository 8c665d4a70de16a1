// The legend in the corner, as DOM (it is small and must be readable at any zoom). Pod marks are drawn
// with the same function as the graph, so the legend cannot drift from the picture.
import { drawPodMark } from './draw';
import type { GraphDaemonSet } from './model';
import { podColor, podStyle, type PodStyleInput } from './palette';

const PHASES: Array<[string, PodStyleInput]> = [
  ['Pending', { phase: 'Pending', ready: false, colorIndex: 0 }],
  ['Creating', { phase: 'ContainerCreating', ready: false, colorIndex: 0 }],
  ['Running', { phase: 'Running', ready: true, colorIndex: 0 }],
  ['Running, not ready', { phase: 'Running', ready: false, colorIndex: 0 }],
  ['Terminating', { phase: 'Terminating', ready: false, colorIndex: 0 }],
  ['Failed', { phase: 'Failed', ready: false, colorIndex: 0 }],
  ['Succeeded', { phase: 'Succeeded', ready: false, colorIndex: 0 }],
  ['Unschedulable', { phase: 'Pending', ready: false, colorIndex: 0, unschedulableReason: 'x' }],
  ['Old revision', { phase: 'Running', ready: true, colorIndex: 0, revision: 'old' }],
];

export class Legend {
  readonly root: HTMLDetailsElement;
  private readonly dsList: HTMLUListElement;
  private readonly dsSection: HTMLElement;
  private signature = '';

  constructor(private readonly doc: Document) {
    const root = doc.createElement('details');
    root.className = 'dsg-legend';
    root.open = true;
    const summary = doc.createElement('summary');
    summary.textContent = 'Legend';
    root.append(summary);

    this.dsSection = doc.createElement('section');
    const dsTitle = doc.createElement('h4');
    dsTitle.textContent = 'DaemonSets';
    this.dsList = doc.createElement('ul');
    this.dsSection.append(dsTitle, this.dsList);
    this.dsSection.hidden = true;

    const phaseSection = doc.createElement('section');
    const phaseTitle = doc.createElement('h4');
    phaseTitle.textContent = 'Pods';
    const phaseList = doc.createElement('ul');
    phaseList.className = 'dsg-legend-grid';
    for (const [word, input] of PHASES) phaseList.append(this.item(this.mark(input), word));
    phaseSection.append(phaseTitle, phaseList);

    const nodeSection = doc.createElement('section');
    const nodeTitle = doc.createElement('h4');
    nodeTitle.textContent = 'Nodes';
    const nodeList = doc.createElement('ul');
    nodeList.className = 'dsg-legend-grid';
    for (const [cls, word] of [
      ['ready', 'Ready'],
      ['notready', 'NotReady'],
      ['unknown', 'Unknown'],
      ['cordoned', 'Cordoned'],
      ['excluded', 'Excluded'],
      ['problem', 'Condition problem'],
    ] as const) {
      const sw = doc.createElement('span');
      sw.className = `dsg-node-swatch dsg-node-${cls}`;
      nodeList.append(this.item(sw, word));
    }
    nodeSection.append(nodeTitle, nodeList);

    root.append(this.dsSection, phaseSection, nodeSection);
    this.root = root;
  }

  private item(swatch: HTMLElement, word: string): HTMLLIElement {
    const li = this.doc.createElement('li');
    const span = this.doc.createElement('span');
    span.textContent = word;
    li.append(swatch, span);
    return li;
  }

  private mark(input: PodStyleInput): HTMLCanvasElement {
    const dpr = Math.max(1, Math.ceil(this.doc.defaultView?.devicePixelRatio ?? 1));
    const c = this.doc.createElement('canvas');
    c.width = 14 * dpr;
    c.height = 14 * dpr;
    c.className = 'dsg-legend-mark';
    c.setAttribute('aria-hidden', 'true');
    const ctx = c.getContext('2d');
    if (ctx !== null) {
      ctx.scale(dpr, dpr);
      drawPodMark(ctx, podStyle(input), 1, 1, 12);
    }
    return c;
  }

  update(daemonSets: readonly GraphDaemonSet[]): void {
    const sig = daemonSets.map((d) => `${d.key}\u0000${d.colorIndex}`).join('\u0001');
    if (sig === this.signature) return;
    this.signature = sig;
    const items = daemonSets.map((d) => {
      const sw = this.doc.createElement('span');
      sw.className = 'dsg-ds-swatch';
      sw.style.background = podColor(d.colorIndex);
      return this.item(sw, d.key);
    });
    this.dsList.replaceChildren(...items);
    this.dsSection.hidden = daemonSets.length === 0;
  }

  destroy(): void {
    this.root.remove();
  }
}
