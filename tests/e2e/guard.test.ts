import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBallast, screenshot, type Ballast } from './harness';
import { cardSession } from './card-reader';
import { startDemoServer, type DemoServer } from '../demo/serve';
import { startDevnet, type Devnet } from '../devnet/devnet';
import { devAccount } from '../devnet/context';
import { depeg } from '../devnet/scenarios';

/**
 * Guard mode with the built extension: the page's wallet is a plain EIP-1193 stand-in (announced by
 * EIP-6963 with its own rdns) that forwards to anvil, where eth_sendTransaction works for dev accounts.
 */
const user = devAccount(5).address;
const STANDIN_RDNS = 'test.standin';
let devnet: Devnet;
let demo: DemoServer;
let ballast: Ballast;
let page: Page;
const received: string[] = [];

beforeAll(async () => {
  devnet = await startDevnet();
  demo = await startDemoServer();
  ballast = await launchBallast({ devnetRpcUrl: devnet.rpcUrl });
  page = await ballast.context.newPage();
  await page.exposeFunction('__standIn', async (method: string, params: unknown[]) => {
    received.push(method);
    if (method === 'eth_requestAccounts' || method === 'eth_accounts') return { result: [user] };
    const answer = (await (
      await fetch(devnet.rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
      })
    ).json()) as { result?: unknown; error?: unknown };
    return answer;
  });
  await page.addInitScript((rdns: string) => {
    const w = window as unknown as {
      __standIn(m: string, p: unknown[]): Promise<{ result?: unknown; error?: { code: number; message: string } }>;
      __standInProvider: unknown;
      __standInRequest: unknown;
    };
    const provider = {
      isMetaMask: true,
      async request({ method, params }: { method: string; params?: unknown[] }) {
        const answer = await w.__standIn(method, params ?? []);
        if (answer.error) throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
        return answer.result;
      },
      on() {},
    };
    w.__standInProvider = provider;
    w.__standInRequest = provider.request;
    const info = {
      uuid: '00000000-0000-4000-8000-0000000000aa',
      name: 'Stand-in wallet',
      icon: 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>',
      rdns,
    };
    const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }));
    window.addEventListener('eip6963:requestProvider', announce);
    announce();
  }, STANDIN_RDNS);
  await page.goto(`${demo.url}?wallet=${STANDIN_RDNS}`);
  await page.waitForSelector('#wallet-name[data-state="ok"]');
  await page.click('#connect');
  await page.waitForSelector('#account[data-state="ok"]');
  await depeg(devnet.ctx, 'rsETH', '5');
}, 180_000);

afterAll(async () => {
  await ballast?.close();
  await demo?.stop();
  await devnet?.stop();
});

const nonce = () => devnet.ctx.client.getTransactionCount({ address: user });

test('the other wallet keeps its identity: same object announced, isMetaMask intact, request wrapped in place', async () => {
  const identity = await page.evaluate(() => {
    const w = window as unknown as { __standInProvider: { isMetaMask: boolean; request: unknown }; __standInRequest: unknown };
    return { isMetaMask: w.__standInProvider.isMetaMask, wrapped: w.__standInProvider.request !== w.__standInRequest };
  });
  expect(identity).toEqual({ isMetaMask: true, wrapped: true });
  expect(await page.textContent('#wallet-name')).toBe('Stand-in wallet');
  // Reads passed straight through (connect answered without a card).
  expect(received).toContain('eth_requestAccounts');
});

test('Cancel on the card: the dApp sees 4001, the other wallet never gets the transaction, nothing is mined', async () => {
  const card = await cardSession(page);
  const before = await nonce();
  const sendsBefore = received.filter((m) => m === 'eth_sendTransaction').length;
  await page.click('#deposit-rsETH');
  await expect.poll(() => card.text(), { timeout: 30_000 }).toMatch(/Danger/);
  const text = (await card.text()) ?? '';
  expect(text).toMatch(/Ballast check before Stand-in wallet/);
  expect(text).toMatch(/\d+(\.\d+)?\s?%/); // the depeg figure
  await screenshot(page, 'guard-card-depeg');
  await card.click('Cancel');
  await page.waitForSelector('#result-deposit-rsETH[data-state="error"]');
  expect(await page.textContent('#result-deposit-rsETH')).toMatch(/^rejected:/);
  expect(await card.text()).toBeUndefined();
  expect(received.filter((m) => m === 'eth_sendTransaction').length).toBe(sendsBefore);
  expect(await nonce()).toBe(before);
  await card.detach();
});

test('Continue on the card: the original request reaches the other wallet and the transaction is mined', async () => {
  const card = await cardSession(page);
  const before = await nonce();
  await page.click('#deposit-rsETH');
  await expect.poll(() => card.text(), { timeout: 30_000 }).toMatch(/Danger/);
  const sends = () => received.filter((m) => m === 'eth_sendTransaction').length;
  const sendsBefore = sends();
  await card.click('Continue');
  await page.waitForSelector('#result-deposit-rsETH[data-state="ok"]');
  const result = (await page.textContent('#result-deposit-rsETH')) ?? '';
  const hash = result.match(/0x[0-9a-fA-F]{64}/)?.[0] as `0x${string}` | undefined;
  expect(hash, result).toBeDefined();
  const receipt = await devnet.ctx.client.getTransactionReceipt({ hash: hash! });
  expect(receipt.status).toBe('success');
  expect(receipt.from.toLowerCase()).toBe(user.toLowerCase());
  expect(await nonce()).toBe(before + 1);
  expect(sends()).toBe(sendsBefore + 1);
  await card.detach();
});

test("the card's box is the same for a preview with many danger flags and for one with none: the page cannot measure the flags", async () => {
  // The page watches for the card and measures it every way it can: box, offset/client/scroll sizes, ResizeObserver.
  await page.evaluate(() => {
    const w = window as unknown as { __cardSizes: string[] };
    w.__cardSizes = [];
    const resized = new ResizeObserver((entries) => {
      // A removed card reports 0×0; that it closed is no secret to the page.
      for (const e of entries) if (e.target.isConnected) w.__cardSizes.push(`${e.contentRect.width}x${e.contentRect.height}`);
    });
    new MutationObserver(() => {
      const host = document.querySelector('ballast-risk-card');
      if (host) resized.observe(host);
    }).observe(document.documentElement, { childList: true });
  });
  const measure = () =>
    page.evaluate(() => {
      const host = document.querySelector<HTMLElement>('ballast-risk-card')!;
      const r = host.getBoundingClientRect();
      return {
        box: [r.x, r.y, r.width, r.height],
        offset: [host.offsetWidth, host.offsetHeight],
        client: [host.clientWidth, host.clientHeight],
        scroll: [host.scrollWidth, host.scrollHeight],
      };
    });
  const send = (method: string, params: unknown[]) =>
    page.evaluate(
      ({ method, params }) => {
        const w = window as unknown as { __standInProvider: { request(a: unknown): Promise<unknown> } };
        void w.__standInProvider.request({ method, params }).catch(() => undefined);
      },
      { method, params },
    );
  const card = await cardSession(page);

  // Eight calls with data and ETH to addresses without code: eight danger flags.
  const calls = Array.from({ length: 8 }, (_, i) => ({ to: devAccount(10 + i).address, data: '0x12345678', value: '0x1' }));
  await send('wallet_sendCalls', [{ version: '2.0.0', from: user, chainId: '0x1', calls }]);
  await expect.poll(() => card.text(), { timeout: 30_000 }).toMatch(/Danger: .*\(\+5 more\)/);
  const many = { size: await measure(), text: (await card.text()) ?? '' };
  await card.click('Cancel');
  await expect.poll(() => card.text()).toBeUndefined();

  // A plain ETH transfer between people: no flags.
  await send('eth_sendTransaction', [{ from: user, to: devAccount(6).address, value: '0x1' }]);
  await expect.poll(() => card.text(), { timeout: 30_000 }).toMatch(/No risk flags found/);
  const none = { size: await measure(), text: (await card.text()) ?? '' };
  await card.click('Cancel');
  await expect.poll(() => card.text()).toBeUndefined();

  expect(many.text.length).toBeGreaterThan(none.text.length + 200);
  expect(none.size).toEqual(many.size);
  const sizes = await page.evaluate(() => (window as unknown as { __cardSizes: string[] }).__cardSizes);
  expect(sizes.length).toBeGreaterThanOrEqual(2); // one per card
  expect(new Set(sizes).size).toBe(1);
  await card.detach();
});
