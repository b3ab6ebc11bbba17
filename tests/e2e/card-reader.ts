import type { CDPSession, Page } from 'playwright-core';

/**
 * Reads and clicks the in-page card through the DevTools protocol: its shadow root is closed, so
 * page scripts (and Playwright selectors) cannot reach it, but DOM.getDocument({pierce}) can, and
 * Input events through page.mouse are trusted like a user's.
 */
type CdpNode = {
  nodeId: number;
  nodeName: string;
  nodeValue?: string;
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  attributes?: string[];
};

const textOf = (node: CdpNode): string =>
  node.nodeName === '#text'
    ? (node.nodeValue ?? '')
    : node.nodeName === 'STYLE'
      ? ''
      : [...(node.shadowRoots ?? []), ...(node.children ?? [])].map(textOf).join(' ');

function attribute(node: CdpNode, name: string): string | undefined {
  const list = node.attributes ?? [];
  for (let i = 0; i + 1 < list.length; i += 2) if (list[i] === name) return list[i + 1];
  return undefined;
}

function find(node: CdpNode, match: (n: CdpNode) => boolean): CdpNode | undefined {
  if (match(node)) return node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) {
    const hit = find(child, match);
    if (hit) return hit;
  }
  return undefined;
}

export async function cardSession(page: Page) {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const card = async () => {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    return find(root, (n) => n.nodeName === 'BALLAST-RISK-CARD');
  };
  return {
    /** The card's visible text, or undefined when no card is shown. */
    async text(): Promise<string | undefined> {
      const node = await card();
      return node ? textOf(node).replace(/\s+/g, ' ').trim() : undefined;
    },
    /** Whether the button is live: Continue stays aria-disabled until the card was seen visible since its last render. */
    async armed(label: string): Promise<boolean> {
      const node = await card();
      const button = node && find(node, (n) => n.nodeName === 'BUTTON' && textOf(n).trim() === label);
      return button !== undefined && attribute(button, 'aria-disabled') !== 'true';
    },
    /** The centre of the card's button with this label, in viewport coordinates. */
    async centreOf(label: string): Promise<{ x: number; y: number }> {
      const node = await card();
      const button = node && find(node, (n) => n.nodeName === 'BUTTON' && textOf(n).trim() === label);
      if (!button) throw new Error(`No "${label}" button on the card`);
      const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: button.nodeId })) as { model: { content: number[] } };
      const [x1 = 0, y1 = 0, , , x3 = 0, y3 = 0] = model.content;
      return { x: (x1 + x3) / 2, y: (y1 + y3) / 2 };
    },
    /** Clicks the card's button with this label as a user would (trusted mouse input), once it is live. */
    async click(label: string) {
      const deadline = Date.now() + 10_000;
      while (!(await this.armed(label))) {
        if (Date.now() > deadline) throw new Error(`The "${label}" button did not become live`);
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
      }
      const { x, y } = await this.centreOf(label);
      await page.mouse.click(x, y);
    },
    detach: () => cdp.detach(),
  };
}
