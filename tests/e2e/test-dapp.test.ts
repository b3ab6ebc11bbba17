import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { erc20Abi, getAddress, type Hex } from 'viem';
import type { Devnet } from '../devnet/devnet';
import { sendProtocol, type Ballast } from './harness';
import {
  ACCOUNT_0,
  clickForApproval,
  connectDapp,
  decide,
  ensureConnected,
  nextConsoleLine,
  nextLoggedObject,
  openTestDapp,
  startTestDappWorld,
  stopTestDappWorld,
  textWhen,
  type TestDappWorld,
} from './test-dapp-helpers';
import { waitMined } from '../devnet/mined';

// Addresses hard-coded in the test dApp's source (src/components/transactions/*.js).
const SEND_TO = '0x0c54FcCd2e384b4BB6f2E405Bf5Cbc15a017AaFb';
const TOKEN_RECIPIENT = '0x2f318C334780961FB129D2a6c30D0763d9a5C970';
const TOKEN_SPENDER = '0x9bc5baF874d2DA8D216aE9f137804184EE5AfEF4';

describe('MetaMask test dApp with Ballast: connect, permissions, sends, ERC-20', () => {
  let devnet: Devnet;
  let ballast: Ballast;
  let server: TestDappWorld['server'];
  let dapp: Page;
  let snapshot: Hex;

  beforeAll(async () => {
    ({ devnet, server, ballast } = await startTestDappWorld());
  });
  afterAll(() => stopTestDappWorld({ devnet, server, ballast }));
  beforeEach(async () => {
    snapshot = (await devnet.ctx.client.request({ method: 'evm_snapshot' } as never)) as Hex;
    dapp = await openTestDapp(ballast.context, server.origin);
  });
  afterEach(async () => {
    await dapp?.close();
    await devnet.ctx.client.request({ method: 'evm_revert', params: [snapshot] } as never);
  });

  const receiptOf = (hash: string) => waitMined(devnet.ctx.client, hash as Hex);

  it('connect: the dApp shows account 0 (lowercase, as MetaMask reports it) and chain 0x1', async () => {
    await connectDapp(ballast, dapp);
    expect(await dapp.locator('#accounts').textContent()).toBe(ACCOUNT_0);
    expect(await dapp.locator('#chainId').textContent()).toBe('0x1');
    await dapp.locator('#getAccounts').click();
    expect(await textWhen(dapp, '#getAccountsResult', /0x/)).toBe(ACCOUNT_0);
  });

  it('permissions: get, request (approved in Ballast) and revoke', async () => {
    await ensureConnected(ballast, dapp);
    await dapp.locator('#getPermissions').click();
    expect(await textWhen(dapp, '#permissionsResult', /\w/)).toBe('eth_accounts');

    const approval = await clickForApproval(ballast, dapp, '#requestPermissions');
    await approval.getByTestId('request-origin').filter({ hasText: server.origin }).waitFor();
    await dapp.evaluate(() => (document.getElementById('permissionsResult')!.textContent = ''));
    await decide(approval, 'Connect');
    expect(await textWhen(dapp, '#permissionsResult', /\w/)).toBe('eth_accounts');

    await dapp.locator('#revokeAccountsPermission').click();
    // accountsChanged([]) empties the dApp's account field; Ballast no longer lists the site.
    await dapp.waitForFunction(() => document.getElementById('accounts')?.textContent === '');
    await dapp.locator('#getPermissions').click();
    expect(await textWhen(dapp, '#permissionsResult', /No permissions/)).toBe('No permissions found.');
    const popup = await ballast.openPopup();
    const sites = await sendProtocol(popup, 'sites:list');
    await popup.close();
    expect(sites.ok && (sites.value as Array<{ origin: string }>).some((s) => s.origin === server.origin)).toBe(false);
  });

  it('send ETH, legacy: type 0 at the dApp’s 10 gwei gas price, mined', async () => {
    await ensureConnected(ballast, dapp);
    const nonceBefore = await devnet.ctx.client.getTransactionCount({ address: getAddress(ACCOUNT_0) });
    const approval = await clickForApproval(ballast, dapp, '#sendButton');
    const logged = nextConsoleLine(dapp, /^0x[0-9a-f]{64}$/);
    await decide(approval, 'Send');
    const receipt = await receiptOf(await logged);
    expect(receipt.status).toBe('success');
    expect(receipt.type).toBe('legacy');
    expect(receipt.from).toBe(ACCOUNT_0);
    expect(receipt.to).toBe(SEND_TO.toLowerCase());
    expect(receipt.effectiveGasPrice).toBe(10_000_000_000n);
    expect(receipt.gasUsed).toBe(21_000n);
    expect(await devnet.ctx.client.getTransactionCount({ address: getAddress(ACCOUNT_0) })).toBe(nonceBefore + 1);
  });

  it('send ETH, EIP-1559: type 2 with the dApp’s fee caps, mined', async () => {
    await ensureConnected(ballast, dapp);
    await dapp.locator('#sendEIP1559Button:not([disabled])').waitFor();
    const approval = await clickForApproval(ballast, dapp, '#sendEIP1559Button');
    const logged = nextConsoleLine(dapp, /^0x[0-9a-f]{64}$/);
    await decide(approval, 'Send');
    const hash = (await logged) as Hex;
    const receipt = await receiptOf(hash);
    const tx = await devnet.ctx.client.getTransaction({ hash });
    expect(receipt.status).toBe('success');
    expect(receipt.type).toBe('eip1559');
    expect(tx.maxFeePerGas).toBe(0x2540be400n);
    expect(tx.maxPriorityFeePerGas).toBe(0x3b9aca00n);
    expect(tx.gas).toBe(0x5208n);
  });

  it('ERC-20: create a token, transfer and approve it', async () => {
    await ensureConnected(ballast, dapp);
    const decimals = Number(await dapp.locator('#tokenDecimals').inputValue());

    let approval = await clickForApproval(ballast, dapp, '#createToken');
    const mined = nextConsoleLine(dapp, /^Contract mined! address: 0x/);
    await decide(approval, 'Send');
    const [, address, deployHash] = /address: (0x[0-9a-fA-F]{40}) transactionHash: (0x[0-9a-f]{64})/.exec(await mined)!;
    expect(await textWhen(dapp, '#erc20TokenAddresses', /0x/)).toBe(address);
    const token = getAddress(address!);
    expect((await receiptOf(deployHash!)).contractAddress).toBe(token.toLowerCase());
    const read = <T>(functionName: 'balanceOf' | 'totalSupply' | 'decimals' | 'allowance', args: readonly unknown[] = []) =>
      devnet.ctx.client.readContract({ address: token, abi: erc20Abi, functionName, args } as never) as Promise<T>;
    expect(await read<number>('decimals')).toBe(decimals);
    const supply = await read<bigint>('totalSupply');
    expect(await read<bigint>('balanceOf', [ACCOUNT_0])).toBe(supply);

    approval = await clickForApproval(ballast, dapp, '#transferTokens');
    const transfer = nextLoggedObject(dapp, 'result', (tx) => (tx as { hash: string }).hash);
    await decide(approval, 'Send');
    expect((await receiptOf(await transfer)).status).toBe('success');
    const sent = (15n * 10n ** BigInt(decimals)) / 10n; // the dApp sends 1.5 tokens
    expect(await read<bigint>('balanceOf', [TOKEN_RECIPIENT])).toBe(sent);
    expect(await read<bigint>('balanceOf', [ACCOUNT_0])).toBe(supply - sent);

    approval = await clickForApproval(ballast, dapp, '#approveTokens');
    const approve = nextLoggedObject(dapp, 'result', (tx) => (tx as { hash: string }).hash);
    await decide(approval, 'Send');
    expect((await receiptOf(await approve)).status).toBe('success');
    expect(await read<bigint>('allowance', [ACCOUNT_0, TOKEN_SPENDER])).toBe(7n * 10n ** BigInt(decimals));
    // The dApp's own allowance reader agrees.
    await dapp.locator('#allowanceOwner').fill(ACCOUNT_0);
    await dapp.locator('#allowanceSpender').fill(TOKEN_SPENDER);
    await dapp.locator('#getAllowance').click();
    expect(await textWhen(dapp, '#allowanceAmountResult', /\d/)).toBe((7).toFixed(decimals));
  });
});
