import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { getAddress, type Hex } from 'viem';
import type { Devnet } from '../devnet/devnet';
import type { Ballast } from './harness';
import {
  ACCOUNT_0,
  clickForApproval,
  decide,
  ensureConnected,
  openTestDapp,
  startTestDappWorld,
  stopTestDappWorld,
  textWhen,
  type TestDappWorld,
} from './test-dapp-helpers';

// The messages below are the test dApp's own (src/components/signatures/*.js, src/signatures/utils.js),
// written out here so the signatures are checked against an independent copy, on the devnet
// (viem's verifyMessage / verifyTypedData run the universal signature validator through eth_call).
const CONTRACT = '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC';
const mailV3 = {
  types: {
    Person: [
      { name: 'name', type: 'string' },
      { name: 'wallet', type: 'address' },
    ],
    Mail: [
      { name: 'from', type: 'Person' },
      { name: 'to', type: 'Person' },
      { name: 'contents', type: 'string' },
    ],
  },
  primaryType: 'Mail',
  domain: { name: 'Ether Mail', version: '1', chainId: 1, verifyingContract: CONTRACT },
  message: {
    from: { name: 'Cow', wallet: '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826' },
    to: { name: 'Bob', wallet: '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB' },
    contents: 'Hello, Bob!',
  },
} as const;
const mailV4 = {
  types: {
    Group: [
      { name: 'name', type: 'string' },
      { name: 'members', type: 'Person[]' },
    ],
    Mail: [
      { name: 'from', type: 'Person' },
      { name: 'to', type: 'Person[]' },
      { name: 'contents', type: 'string' },
      { name: 'attachment', type: 'bytes' },
    ],
    Person: [
      { name: 'name', type: 'string' },
      { name: 'wallets', type: 'address[]' },
    ],
  },
  primaryType: 'Mail',
  domain: { name: 'Ether Mail', version: '1', chainId: 1, verifyingContract: CONTRACT },
  message: {
    contents: 'Hello, Bob!',
    from: { name: 'Cow', wallets: ['0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826', '0xDeaDbeefdEAdbeefdEadbEEFdeadbeEFdEaDbeeF'] },
    to: [
      {
        name: 'Bob',
        wallets: [
          '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB',
          '0xB0BdaBea57B0BDABeA57b0bdABEA57b0BDabEa57',
          '0xB0B0b0b0b0b0B000000000000000000000000000',
        ],
      },
    ],
    attachment: '0x',
  },
} as const;
const permit = {
  types: {
    Permit: [
      { name: 'owner', type: 'address' },
      { name: 'spender', type: 'address' },
      { name: 'value', type: 'uint256' },
      { name: 'nonce', type: 'uint256' },
      { name: 'deadline', type: 'uint256' },
    ],
  },
  primaryType: 'Permit',
  domain: { name: 'MyToken', version: '1', chainId: 1, verifyingContract: CONTRACT },
  message: {
    owner: getAddress(ACCOUNT_0),
    spender: '0x5B38Da6a701c568545dCfcB03FcB875f56beddC4',
    value: 3000n,
    nonce: 0n,
    deadline: 50000000000n,
  },
} as const;

describe('MetaMask test dApp with Ballast: signatures', () => {
  let devnet: Devnet;
  let ballast: Ballast;
  let server: TestDappWorld['server'];
  let dapp: Page;

  beforeAll(async () => {
    // Signing changes no chain state, so one devnet serves the whole file.
    ({ devnet, server, ballast } = await startTestDappWorld());
  });
  afterAll(() => stopTestDappWorld({ devnet, server, ballast }));
  beforeEach(async () => {
    dapp = await openTestDapp(ballast.context, server.origin);
    await ensureConnected(ballast, dapp);
  });
  afterEach(async () => {
    await dapp?.close();
  });

  /** Clicks the dApp's Sign button, approves in Ballast, returns the dApp's result field. */
  async function sign(button: string, result: string): Promise<Hex> {
    const approval = await clickForApproval(ballast, dapp, button);
    await decide(approval, 'Sign');
    return (await textWhen(dapp, result, /^0x[0-9a-f]{130}$/)) as Hex;
  }

  it('personal_sign (three params) and verify: eth-sig-util and personal_ecRecover both name account 0', async () => {
    const signature = await sign('#personalSign', '#personalSignResult');
    await dapp.locator('#personalSignVerify').click();
    expect(await textWhen(dapp, '#personalSignVerifySigUtilResult', /0x/)).toBe(ACCOUNT_0);
    expect(await textWhen(dapp, '#personalSignVerifyECRecoverResult', /0x/)).toBe(ACCOUNT_0);
    expect(
      await devnet.ctx.client.verifyMessage({ address: getAddress(ACCOUNT_0), message: 'Example `personal_sign` message', signature }),
    ).toBe(true);
  });

  it('signTypedData v3 and verify', async () => {
    const signature = await sign('#signTypedDataV3', '#signTypedDataV3Result');
    await dapp.locator('#signTypedDataV3Verify').click();
    expect((await textWhen(dapp, '#signTypedDataV3VerifyResult', /0x/)).toLowerCase()).toBe(ACCOUNT_0);
    expect(await devnet.ctx.client.verifyTypedData({ address: getAddress(ACCOUNT_0), ...mailV3, signature })).toBe(true);
  });

  it('signTypedData v4 (arrays, bytes, string chain id in the domain) and verify', async () => {
    const signature = await sign('#signTypedDataV4', '#signTypedDataV4Result');
    await dapp.locator('#signTypedDataV4Verify').click();
    expect((await textWhen(dapp, '#signTypedDataV4VerifyResult', /0x/)).toLowerCase()).toBe(ACCOUNT_0);
    expect(await devnet.ctx.client.verifyTypedData({ address: getAddress(ACCOUNT_0), ...mailV4, signature })).toBe(true);
  });

  it('sign an EIP-2612 permit and verify; r, s and v shown by the dApp are the signature’s parts', async () => {
    const signature = await sign('#signPermit', '#signPermitResult');
    expect(await dapp.locator('#signPermitResultR').textContent()).toBe(`r: ${signature.slice(0, 66)}`);
    expect(await dapp.locator('#signPermitResultS').textContent()).toBe(`s: 0x${signature.slice(66, 130)}`);
    expect(await dapp.locator('#signPermitResultV').textContent()).toBe(`v: ${parseInt(signature.slice(130), 16)}`);
    await dapp.locator('#signPermitVerify').click();
    expect((await textWhen(dapp, '#signPermitVerifyResult', /0x/)).toLowerCase()).toBe(ACCOUNT_0);
    expect(await devnet.ctx.client.verifyTypedData({ address: getAddress(ACCOUNT_0), ...permit, signature })).toBe(true);
  });
});
