// Page objects: how the tests act on each panel, the way a user would.

import { expect, type Locator, type Page } from '@playwright/test';

export class EditorPage {
  constructor(private readonly page: Page) {}

  get root(): Locator {
    return this.page.locator('.monaco-editor').first();
  }

  /** Put the caret at the start of a 1-based line, with the keyboard. */
  async gotoLine(line: number): Promise<void> {
    await this.root.click();
    await this.page.keyboard.press('ControlOrMeta+Home');
    // From (1,1), ArrowDown keeps column 1 on every line.
    for (let i = 1; i < line; i++) await this.page.keyboard.press('ArrowDown');
  }

  /**
   * Add lines after a 1-based line, with exactly the indentation given. Monaco indents a new line
   * by itself; after each Enter the automatic indent is selected and replaced by the typed text.
   */
  async addLinesAfter(line: number, lines: string[]): Promise<void> {
    await this.gotoLine(line);
    await this.page.keyboard.press('End');
    for (const text of lines) {
      await this.page.keyboard.press('Enter');
      await this.page.keyboard.press('Shift+Home');
      await this.page.keyboard.insertText(text);
    }
  }

  async text(): Promise<string> {
    return this.page.evaluate(() => (window as unknown as Pw).playground.store.getState().editor.text);
  }

  async apply(): Promise<void> {
    await this.page.getByRole('button', { name: 'Apply', exact: true }).click();
  }

  async applyWithKeyboard(): Promise<void> {
    await this.root.click();
    await this.page.keyboard.press('ControlOrMeta+Enter');
  }
}

export class GraphPage {
  constructor(private readonly page: Page) {}

  get host(): Locator {
    return this.page.getByRole('region', { name: 'Cluster nodes graph' });
  }

  node(name: string): Locator {
    return this.page.locator(`[data-kind="node"][data-name="${name}"]`);
  }

  /** Daemon pods of a DaemonSet on a node (terminating ones included). */
  pods(opts: { node?: string; daemonSet?: string; phase?: string } = {}): Locator {
    let sel = '[data-kind="pod"]';
    if (opts.node) sel += `[data-node="${opts.node}"]`;
    if (opts.daemonSet) sel += `[data-daemonset="${opts.daemonSet}"]`;
    if (opts.phase) sel += `[data-phase="${opts.phase}"]`;
    return this.page.locator(sel);
  }

  /** Live (not terminating) pods on a node. */
  livePods(node: string): Locator {
    return this.page.locator(`[data-kind="pod"][data-node="${node}"]:not([data-phase="Terminating"])`);
  }

  /** Click a node box on the canvas, where it is drawn. */
  async clickNode(name: string): Promise<void> {
    await this.page.evaluate((n) => {
      const g = (document.querySelector('[aria-label="Cluster nodes graph"]') as unknown as GraphHostLike)
        .__graph;
      g.fit();
      return n;
    }, name);
    await this.page.waitForTimeout(50);
    const r = await this.page.evaluate(
      (n) =>
        (
          document.querySelector('[aria-label="Cluster nodes graph"]') as unknown as GraphHostLike
        ).__graph.locate('node', n),
      name,
    );
    expect(r, `node ${name} is drawn`).toBeTruthy();
    await this.page.mouse.click(r!.x + r!.width / 2, r!.y + 8);
  }
}

export class InspectorPage {
  constructor(private readonly page: Page) {}

  get root(): Locator {
    return this.page.locator('section.inspector');
  }

  async expectNode(name: string): Promise<void> {
    await expect(this.root).toHaveAttribute('data-inspecting', `node/${name}`);
  }

  async addLabel(kv: string): Promise<void> {
    await this.root.getByLabel('New label').fill(kv);
    await this.root.getByRole('button', { name: 'Add label' }).click();
  }

  async addTaint(spec: string): Promise<void> {
    await this.root.getByLabel('New taint').fill(spec);
    await this.root.getByRole('button', { name: 'Add taint' }).click();
  }

  async removeTaint(keyEffect: string): Promise<void> {
    await this.root.getByRole('button', { name: `Remove taint ${keyEffect}` }).click();
  }

  async cordon(): Promise<void> {
    await this.root.getByRole('button', { name: 'Cordon' }).click();
  }
}

export class TimePage {
  constructor(private readonly page: Page) {}

  async pause(): Promise<void> {
    const pause = this.page.getByRole('button', { name: 'Pause' });
    if (await pause.isVisible()) await pause.click();
    await expect(this.page.getByRole('button', { name: 'Play' })).toBeVisible();
  }

  async clockMs(): Promise<number> {
    return Number(await this.page.getByTestId('clock').getAttribute('data-ms'));
  }
}

interface GraphHostLike {
  __graph: {
    fit(): void;
    locate(
      kind: 'node' | 'pod',
      name: string,
    ): { x: number; y: number; width: number; height: number } | undefined;
  };
}

interface Pw {
  playground: { store: { getState(): { editor: { text: string } } } };
}

/** The editor lines (1-based numbers as shown in the gutter) that carry an error squiggle. */
export async function squiggleLines(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const editor = document.querySelector('.monaco-editor')!;
    const top = (el: Element) => Math.round(el.getBoundingClientRect().top);
    const numbers = new Map<number, number>();
    for (const el of editor.querySelectorAll('.line-numbers')) numbers.set(top(el), Number(el.textContent));
    const lines = new Set<number>();
    for (const sq of editor.querySelectorAll('.squiggly-error')) {
      const t = top(sq.parentElement ?? sq);
      const line = numbers.get(t);
      if (line !== undefined) lines.add(line);
    }
    return [...lines].sort((a, b) => a - b);
  });
}
