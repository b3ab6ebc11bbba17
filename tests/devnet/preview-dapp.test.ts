import { afterAll, beforeAll, expect, test } from 'vitest';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createPublicClient, http, parseEther, type Address, type Hex, type PublicClient } from 'viem';
import { mainnet } from 'viem/chains';
import { buildPreview, type Preview, type PreviewRequest } from '../../lib/preview';
import { CURVE, EIGENLAYER } from '../../lib/restaking/addresses';
import { startDemoServer, type DemoConfig, type DemoServer } from '../demo/serve';
import { devAccount } from './context';
import { startDevnet, type Devnet } from './devnet';
import { depeg } from './scenarios';
import { acquireToken } from './seed/acquire';
import { addCurveLiquidity, placeCurveSteth } from './seed/defi-curve';

/**
 * The demo dApp in headless Chromium, with a stand-in EIP-1193 wallet announced through EIP-6963. The
 * stand-in builds a Ballast preview for every request (what the approval window would show), then lets
 * anvil execute it, so the test sees both the page's result field and the preview.
 */
const CHROMIUM = '/usr/bin/chromium';
const signer = devAccount(4);
const user = signer.address;
let devnet: Devnet;
let demo: DemoServer;
let browser: Browser;
let page: Page;
let client: PublicClient;
let config: DemoConfig;
const previews: { request: PreviewRequest; preview: Preview }[] = [];

async function walletRequest(method: string, params: unknown[]): Promise<unknown> {
  const deps = { client, chainId: 1, now: () => Date.now() };
  switch (method) {
    case 'eth_requestAccounts':
    case 'eth_accounts':
      return [user];
    case 'eth_sendTransaction': {
      const tx = params[0] as { from: Address; to: Address; value?: Hex; data?: Hex };
      const request: PreviewRequest = {
        kind: 'transaction',
        tx: { from: tx.from, to: tx.to, value: tx.value ? BigInt(tx.value) : 0n, data: tx.data },
      };
      previews.push({ request, preview: await buildPreview(deps, request) });
      return client.request({ method: 'eth_sendTransaction', params: [tx] } as never);
    }
    case 'eth_signTypedData_v4': {
      const typed = JSON.parse(params[1] as string);
      const request: PreviewRequest = { kind: 'typedData', from: params[0] as Address, data: typed };
      previews.push({ request, preview: await buildPreview(deps, request) });
      const { EIP712Domain: _domain, ...types } = typed.types;
      return signer.signTypedData({ domain: typed.domain, types, primaryType: typed.primaryType, message: typed.message });
    }
    default:
      return client.request({ method, params } as never);
  }
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  devnet = await startDevnet();
  client = createPublicClient({ chain: mainnet, transport: http(devnet.rpcUrl, { retryCount: 0 }) });
  const { ctx } = devnet;
  if (!(await ctx.client.getCode({ address: CURVE.stethPool }))) {
    await placeCurveSteth(ctx);
    const lp = devAccount(9).address;
    await acquireToken(ctx, 'stETH', lp, parseEther('2000'));
    await addCurveLiquidity(ctx, lp, CURVE.stethPool, [parseEther('1000'), parseEther('1000')]);
  }
  await acquireToken(ctx, 'stETH', user, parseEther('20'));
  demo = await startDemoServer();
  config = (await (await fetch(`${demo.url}config.json`)).json()) as DemoConfig;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  page = await browser.newPage();
  await page.exposeFunction('__standInWallet', async (method: string, params: unknown[]) => {
    try {
      return { result: await walletRequest(method, params ?? []) };
    } catch (error) {
      return { error: { code: (error as { code?: number }).code ?? -32603, message: (error as Error).message } };
    }
  });
  await page.addInitScript(() => {
    const w = window as unknown as {
      __standInWallet(m: string, p: unknown[]): Promise<{ result?: unknown; error?: { code: number; message: string } }>;
    };
    const provider = {
      async request({ method, params }: { method: string; params?: unknown[] }) {
        const answer = await w.__standInWallet(method, params ?? []);
        if (answer.error) throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
        return answer.result;
      },
      on() {},
    };
    const info = {
      uuid: '00000000-0000-4000-8000-000000000001',
      name: 'Stand-in wallet',
      icon: 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>',
      rdns: 'invalid.standin',
    };
    const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }));
    window.addEventListener('eip6963:requestProvider', announce);
  });
  await page.goto(demo.url);
  await page.waitForSelector('#wallet-name[data-state="ok"]');
  await page.click('#connect');
  await page.waitForSelector('#account[data-state="ok"]');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  await devnet?.stop();
});

/** Clicks a button and waits for its result field to settle; returns the text and the previews it caused. */
async function click(id: string, resultId = `result-${id}`) {
  const before = previews.length;
  await page.click(`#${id}`);
  await page.waitForSelector(`#${resultId}[data-state="ok"], #${resultId}[data-state="error"]`);
  const text = (await page.textContent(`#${resultId}`)) ?? '';
  const state = await page.getAttribute(`#${resultId}`, 'data-state');
  return { text, state, previews: previews.slice(before).map((p) => p.preview) };
}

const flag = (preview: Preview | undefined, id: string) => preview?.flags.find((f) => f.id === id);

test('the page found the wallet through EIP-6963 and connected', async () => {
  expect(await page.textContent('#wallet-name')).toBe('Stand-in wallet');
  expect((await page.textContent('#account'))?.toLowerCase()).toBe(user.toLowerCase());
});

test('after depeg rsETH 5: Kelp depositETH (minOut from getRsETHAmountToMint) succeeds and its preview is a danger depeg', async () => {
  await depeg(devnet.ctx, 'rsETH', '5');
  const {
    text,
    state,
    previews: [preview],
  } = await click('deposit-rsETH');
  expect(state, text).toBe('ok');
  expect(text).toMatch(/minOut \d+/);
  expect(preview?.decoded[0]?.functionName).toBe('depositETH');
  expect(flag(preview, 'depeg.discount')?.severity).toBe('danger');
});

test('every other modelled deposit entry point succeeds and previews as a known, simulated call', async () => {
  const symbols = config.deposits.map((d) => d.symbol).filter((s) => s !== 'rsETH' && s !== 'osETH'); // osETH: StakeWise vault not on the devnet
  expect(symbols.length).toBeGreaterThanOrEqual(8);
  for (const symbol of symbols) {
    const {
      text,
      state,
      previews: [preview],
    } = await click(`deposit-${symbol}`);
    expect(state, `${symbol}: ${text}`).toBe('ok');
    expect(preview?.simulation.status, symbol).toBe('ok');
    expect(preview?.decoded[0]?.known, symbol).toBe(true);
    expect(
      preview?.balanceChanges.some((b) => BigInt(b.delta) > 0n),
      `${symbol} mints something`,
    ).toBe(true);
  }
});

test('delegate and stETH strategy deposit: the preview shows ETH at risk with the seeded operator', async () => {
  const delegated = await click('delegate');
  expect(delegated.state, delegated.text).toBe('ok');
  expect(delegated.previews[0]?.decoded[0]?.targetLabel).toBe('EigenLayer DelegationManager');
  expect(flag(delegated.previews[0], 'eigen.slashable')?.numbers.operator).toBe(config.eigen.operator);

  const deposited = await click('eigen-deposit');
  expect(deposited.state, deposited.text).toBe('ok');
  const [approve, deposit] = deposited.previews;
  expect(approve?.decoded[0]?.functionName).toBe('approve');
  expect(deposit?.decoded[0]?.to).toBe(EIGENLAYER.strategyManager);
  const exposure = deposit?.facts.slashing?.[0];
  expect(exposure?.ethValue).toBe(parseEther('1').toString());
  expect(BigInt(exposure!.worstCase.ethAtRisk)).toBeGreaterThan(0n);
});

test('Curve add_liquidity shows IL figures; Permit2 and EIP-2612 signatures show spender, amount and expiry', async () => {
  const curve = await click('curve-add');
  expect(curve.state, curve.text).toBe('ok');
  const il = curve.previews[1]?.facts.impermanentLoss?.[0];
  expect(il?.rows.map((r) => r.depeg)).toEqual([0.01, 0.03, 0.05, 0.1]);
  expect(il?.rows.every((r) => r.il < 0)).toBe(true);

  const permit2 = await click('sign-permit2');
  expect(permit2.state, permit2.text).toBe('ok');
  const expiry = flag(permit2.previews[0], 'permit2.long-expiration');
  expect(expiry?.severity).toBe('danger');
  expect(expiry?.numbers).toMatchObject({ spender: config.aave.pool, amounts: 'unlimited stETH', expires: 'never (maximum value)' });

  const permit = await click('sign-permit');
  expect(permit.state, permit.text).toBe('ok');
  expect(flag(permit.previews[0], 'permit.signature')?.numbers).toMatchObject({
    spender: config.aave.pool,
    amount: '1 stETH',
    deadline: 'in 1 h',
  });
});
