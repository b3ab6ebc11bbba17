import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { recoverTypedDataAddress, stringToHex, verifyMessage } from 'viem';
import { backgroundReady, expectNoAxeViolations, launchBallast, screenshot, sendProtocol, waitForClose, waitForPage } from './harness';
import type { Ballast } from './harness';
import { startDappServer } from './dapp-server';
import { DEV_MNEMONIC } from '../devnet/context';
import { etherMail } from '../unit/ether-mail';

const PASSWORD = 'correct horse battery';
const ACCOUNT_0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

type Announced = { info: { name: string }; provider: { request(a: { method: string; params?: unknown }): Promise<unknown> } };

/** Sends one request through the Ballast EIP-6963 provider; its answer lands in window.__answer. */
async function request(dapp: Page, method: string, params?: unknown) {
  await dapp.evaluate(
    ({ method, params }) => {
      const w = window as unknown as { __providers: Announced[]; __answer?: unknown };
      w.__answer = undefined;
      const ballast = w.__providers.find((p) => p.info.name === 'Ballast')!;
      void ballast.provider.request({ method, params }).then(
        (result) => (w.__answer = { result }),
        (error: { code?: number; message?: string }) => (w.__answer = { error: { code: error.code, message: error.message } }),
      );
    },
    { method, params },
  );
}

const answerOf = (dapp: Page) =>
  dapp
    .waitForFunction(() => (window as unknown as { __answer?: unknown }).__answer)
    .then((h) => h.jsonValue() as Promise<{ result?: unknown; error?: { code?: number } }>);

async function approve(approval: Page, button: string) {
  const closed = waitForClose(approval);
  await approval
    .getByRole('button', { name: button })
    .click()
    .catch((e: Error) => {
      if (!/closed/.test(e.message)) throw e;
    });
  await closed;
}

const typedData = etherMail(1);

describe('approval window: signatures', () => {
  let ballast: Ballast;
  let server: Awaited<ReturnType<typeof startDappServer>>;
  let dapp: Page | undefined;
  let skipReason: string | undefined;

  beforeAll(async () => {
    server = await startDappServer();
    ballast = await launchBallast();
    const popup = await ballast.openPopup();
    if (!(await backgroundReady(popup))) skipReason = 'the background does not answer wallet:getState yet';
    else await sendProtocol(popup, 'wallet:importMnemonic', { mnemonic: DEV_MNEMONIC, password: PASSWORD });
    await popup.close();
    if (skipReason) return;
    dapp = await ballast.context.newPage();
    await dapp.goto(`${server.origin}/`);
    const found = await dapp.evaluate(() =>
      (window as unknown as { __providers: Announced[] }).__providers.some((p) => p.info.name === 'Ballast'),
    );
    if (!found) return void (skipReason = 'no Ballast EIP-6963 announcement yet');
    await request(dapp, 'eth_requestAccounts');
    await approve(await waitForPage(ballast.context, 'approval.html'), 'Connect');
    await answerOf(dapp);
  });
  afterAll(async () => {
    await ballast?.close();
    await server?.close();
  });

  it('personal_sign: shows the message as text and returns a signature that recovers to the account', async (ctx) => {
    if (skipReason) ctx.skip(skipReason);
    const text = 'Sign in to Ballast test\nNonce: 42';
    await request(dapp!, 'personal_sign', [stringToHex(text), ACCOUNT_0]);
    const approval = await waitForPage(ballast.context, 'approval.html');
    await approval.getByTestId('signature-message').waitFor();
    expect(await approval.getByTestId('signature-message').textContent()).toBe(text);
    await approval.getByTestId('risk-preview').waitFor();
    await expectNoAxeViolations(approval, 'approval personal_sign');
    await screenshot(approval, 'approval-personal-sign');
    await approve(approval, 'Sign');
    const { result } = await answerOf(dapp!);
    expect(await verifyMessage({ address: ACCOUNT_0, message: text, signature: result as `0x${string}` })).toBe(true);
  });

  it('eth_signTypedData_v4: shows the domain and message tree; the signature recovers to the account', async (ctx) => {
    if (skipReason) ctx.skip(skipReason);
    await request(dapp!, 'eth_signTypedData_v4', [ACCOUNT_0, JSON.stringify(typedData)]);
    const approval = await waitForPage(ballast.context, 'approval.html');
    const domain = approval.getByRole('definition').filter({ hasText: 'Ether Mail' }).first();
    await domain.waitFor();
    await approval.getByText('Hello, Bob!').waitFor();
    await expectNoAxeViolations(approval, 'approval typed data');
    await screenshot(approval, 'approval-typed-data');
    await approve(approval, 'Sign');
    const { result } = await answerOf(dapp!);
    // viem derives the domain type itself, so it takes the types without EIP712Domain.
    const { EIP712Domain: _domainType, ...types } = typedData.types;
    const signer = await recoverTypedDataAddress({
      domain: typedData.domain,
      types,
      primaryType: 'Mail',
      message: typedData.message,
      signature: result as `0x${string}`,
    });
    expect(signer).toBe(ACCOUNT_0);
  });
});
