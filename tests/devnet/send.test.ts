import '../../lib/polyfills';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPublicClient,
  encodeFunctionData,
  erc20Abi,
  getAddress,
  http,
  parseEther,
  type Address,
  type Hex,
  type PublicClient,
} from 'viem';
import { mainnet } from 'viem/chains';
import { getEnsAddress } from 'viem/actions';
import { resolveEnsName } from '../../lib/chain/ens';
import { buildPreview } from '../../lib/preview/build-preview';
import { createSendService, ETH_TRANSFER_GAS } from '../../lib/provider/send/service';
import { INTERNAL_SEND_ORIGIN } from '../../lib/provider/methods/internal-send';
import { MULTICALL3, TOKENS } from '../../lib/restaking/addresses';
import type { KnownAddress } from '../../lib/risk';
import { createAddressBookService } from '../../lib/wallet/address-book';
import { knownAddresses } from '../../lib/wallet/known-addresses';
import { startDevnet, type Devnet } from './devnet';
import { doubleAbi, placeDouble } from './seed/abi';
import { ALICE, ALICE_LOOKALIKE, seedEns } from './seed/ens';
import { placeEthUsdFeed } from './seed/eth-usd';
import { devAccount } from './context';
import { ACCOUNT_0, TEST_MNEMONIC, createHarness, memoryItem, memoryItems } from '../unit/provider-harness';
import type { StoredAddressBookEntry } from '../../lib/storage/address-book';
import { waitMined } from './mined';

const BOB = devAccount(3).address;
// A token double at weETH's registry address (the preview names it from the registry).
const TOKEN = TOKENS.weETH;

/**
 * Send on a real node: ENS names resolve through viem's getEnsAddress against the ENS doubles at their mainnet
 * addresses; the recipient rule flags poisoning, a token's own contract and a first-time recipient; and the
 * internal send path lands ETH and ERC-20 transfers exactly as the approval showed them.
 */
describe('Send on the devnet', () => {
  let devnet: Devnet;
  let node: PublicClient;

  beforeAll(async () => {
    devnet = await startDevnet({ seed: false });
    await placeDouble(devnet.ctx, 'Multicall3', MULTICALL3);
    await placeEthUsdFeed(devnet.ctx);
    await seedEns(devnet.ctx);
    await placeDouble(devnet.ctx, 'TestToken', TOKEN);
    await devnet.ctx.write({ address: TOKEN, abi: doubleAbi('TestToken'), functionName: 'initialize', args: ['Test weETH', 'weETH'] });
    await devnet.ctx.write({ address: TOKEN, abi: doubleAbi('TestToken'), functionName: 'mint', args: [ACCOUNT_0, parseEther('50')] });
    node = createPublicClient({ chain: mainnet, transport: http(devnet.rpcUrl) }) as PublicClient;
  }, 60_000);
  afterAll(async () => devnet?.stop());

  describe('ENS', () => {
    it("viem's getEnsAddress resolves the seeded names through the Universal Resolver at viem's mainnet address", async () => {
      expect(mainnet.contracts.ensUniversalResolver.address.toLowerCase()).toBe('0xeeeeeeee14d718c2b47d9923deab1335e144eeee');
      expect(await getEnsAddress(node, { name: 'alice.eth' })).toBe(ALICE);
      expect(await getEnsAddress(node, { name: 'bob.eth' })).toBe(BOB);
      expect(await getEnsAddress(node, { name: 'nobody-home.eth' })).toBeNull();
      expect(await getEnsAddress(node, { name: 'never-registered.eth' })).toBeNull();
    });
    it('an unknown name and a name without an address are told apart', async () => {
      await expect(resolveEnsName(node, 'Alice.ETH')).resolves.toEqual({ name: 'alice.eth', address: ALICE });
      await expect(resolveEnsName(node, 'never-registered.eth')).rejects.toMatchObject({ code: 'send.recipient.ens-unknown' });
      await expect(resolveEnsName(node, 'nobody-home.eth')).rejects.toMatchObject({ code: 'send.recipient.ens-no-address' });
    });
  });

  describe('the recipient rule in the risk preview', () => {
    const known: KnownAddress[] = [{ address: ALICE, name: 'Alice', source: 'saved' }];
    const preview = (to: Address, value: bigint, data?: Hex, k: KnownAddress[] | null = known) =>
      buildPreview(
        { client: node, chainId: 1, now: Date.now, ...(k ? { known: k } : {}) },
        { kind: 'transaction', tx: { from: ACCOUNT_0 as Address, to, value, ...(data ? { data } : {}) } },
      );

    it('a lookalike of an address-book entry (same first 4 and last 4 hex) → danger naming the entry', async () => {
      expect(ALICE_LOOKALIKE.slice(0, 6).toLowerCase()).toBe(ALICE.slice(0, 6).toLowerCase());
      expect(ALICE_LOOKALIKE.slice(-4).toLowerCase()).toBe(ALICE.slice(-4).toLowerCase());
      expect(ALICE_LOOKALIKE.toLowerCase()).not.toBe(ALICE.toLowerCase());
      const p = await preview(ALICE_LOOKALIKE, parseEther('0.1'));
      expect(p.worst).toBe('danger');
      const flag = p.flags.find((f) => f.id === 'recipient.poisoning');
      expect(flag).toMatchObject({ severity: 'danger', numbers: { lookalike: ALICE, name: 'Alice', recipient: ALICE_LOOKALIKE } });
      // The same lookalike with nothing known: no poisoning, and the check is listed as not done.
      const blind = await preview(ALICE_LOOKALIKE, parseEther('0.1'), undefined, null);
      expect(blind.flags.map((f) => f.id)).not.toContain('recipient.poisoning');
      expect(blind.notChecked.join('\n')).toMatch(/imitates an address you know/);
    });
    it('a token sent to its own contract → danger; to a known EOA → no recipient flag; to a new one → first-time info', async () => {
      const transfer = (to: Address) => encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, parseEther('1')] });
      const own = await preview(TOKEN, 0n, transfer(TOKEN));
      expect(own.flags.find((f) => f.id === 'recipient.token-contract')).toMatchObject({
        severity: 'danger',
        title: expect.stringContaining('weETH'),
      });
      const friend = await preview(TOKEN, 0n, transfer(ALICE));
      expect(friend.flags.filter((f) => f.id.startsWith('recipient.'))).toEqual([]);
      const first = await preview(BOB, parseEther('0.1'));
      expect(first.flags.map((f) => `${f.id}:${f.severity}`)).toContain('recipient.first-time:info');
      // ERC-20 to a contract (the Multicall3 double) → warn naming the token.
      const contract = await preview(TOKEN, 0n, transfer(MULTICALL3));
      expect(contract.flags.find((f) => f.id === 'recipient.contract')?.title).toMatch(/make sure it can handle weETH/);
    });
  });

  describe('the internal send path', () => {
    const items = memoryItems();
    let h: ReturnType<typeof createHarness>;
    let send: ReturnType<typeof createSendService>;

    beforeAll(async () => {
      h = createHarness(node, items);
      await h.wallet.importMnemonic(TEST_MNEMONIC, 'correct horse battery');
      await items.watchedAssets.setValue([]);
      const book = createAddressBookService({ item: memoryItem<StoredAddressBookEntry[]>([]), accounts: () => h.wallet.accounts() });
      send = createSendService({ router: h.deps, book: () => book.list() });
      h.answerWith({ approved: true });
    });

    /** The hash Activity recorded for the n-th Ballast send, once the approval went through. */
    async function sentHash(count: number): Promise<Hex> {
      await expect
        .poll(async () => (await items.activity.getValue()).filter((a) => a.origin === INTERNAL_SEND_ORIGIN).length, { timeout: 15_000 })
        .toBe(count);
      return (await items.activity.getValue()).find((a) => a.origin === INTERNAL_SEND_ORIGIN)!.hash as Hex;
    }

    it('0.1 ETH to alice.eth lands with exactly the fee the approval showed', async () => {
      const before = await node.getBalance({ address: ALICE });
      const started = await send.start({ token: 'ETH', amount: '0.1', unit: 'token', to: 'alice.eth' });
      expect(started.recipient).toMatchObject({ address: ALICE, ensName: 'alice.eth', source: 'ens' });
      const hash = await sentHash(1);
      const receipt = await waitMined(node, hash);
      expect(receipt.status).toBe('success');
      expect(await node.getBalance({ address: ALICE })).toBe(before + parseEther('0.1'));
      const seen = h.approvalsSeen.at(-1)!;
      expect(seen.origin).toBe(INTERNAL_SEND_ORIGIN);
      const tx = await node.getTransaction({ hash });
      expect(tx.to).toBe(ALICE.toLowerCase());
      expect(tx.gas).toBe(BigInt(seen.fee!.txs[0]!.gas));
      expect(tx.nonce).toBe(seen.fee!.txs[0]!.nonce);
      expect(tx.maxFeePerGas).toBe(BigInt(seen.fee!.maxFeePerGas!));
      expect(tx.maxPriorityFeePerGas).toBe(BigInt(seen.fee!.maxPriorityFeePerGas!));
    });

    it('an ERC-20 transfer lands: balances moved on chain', async () => {
      const read = (a: Address) => node.readContract({ address: TOKEN, abi: erc20Abi, functionName: 'balanceOf', args: [a] });
      const [mine, bobs] = await Promise.all([read(ACCOUNT_0 as Address), read(BOB)]);
      const options = await send.options();
      expect(options.tokens.find((t) => t.token === TOKEN)).toMatchObject({
        symbol: 'weETH',
        balance: mine.toString(),
        max: mine.toString(),
      });
      await send.start({ token: TOKEN, amount: '2.5', unit: 'token', to: BOB });
      const hash = await sentHash(2);
      expect((await waitMined(node, hash)).status).toBe('success');
      expect(await read(ACCOUNT_0 as Address)).toBe(mine - parseEther('2.5'));
      expect(await read(BOB)).toBe(bobs + parseEther('2.5'));
      const tx = await node.getTransaction({ hash });
      expect(tx.to).toBe(TOKEN.toLowerCase());
      expect(tx.maxFeePerGas).toBe(BigInt(h.approvalsSeen.at(-1)!.fee!.maxFeePerGas!));
      // Activity names whom the tokens went to, the token and the amount (its `to` stays the token contract).
      const entry = (await items.activity.getValue()).find((a) => a.hash === hash)!;
      expect(entry).toMatchObject({ to: TOKEN, recipient: BOB, token: TOKEN, amount: parseEther('2.5').toString() });
    });

    it("after that ERC-20 send, a lookalike of its recipient is flagged as poisoning ('an address you sent to')", async () => {
      // Bob was only ever sent weETH (the ETH to bob.eth comes later): he is known through the transfer's recipient.
      const known = await knownAddresses({ addressBook: { list: async () => [] }, activity: h.activity }, 1);
      expect(known).toContainEqual({ address: BOB, source: 'sent' });
      const lookalike = getAddress(`${BOB.slice(0, 6)}${'b2'.repeat(16)}${BOB.slice(-4)}`);
      expect(lookalike.toLowerCase()).not.toBe(BOB.toLowerCase());
      const p = await buildPreview(
        { client: node, chainId: 1, now: Date.now, known },
        { kind: 'transaction', tx: { from: ACCOUNT_0 as Address, to: lookalike, value: parseEther('0.01') } },
      );
      expect(p.worst).toBe('danger');
      const flag = p.flags.find((f) => f.id === 'recipient.poisoning');
      expect(flag).toMatchObject({ severity: 'danger', numbers: { recipient: lookalike, lookalike: BOB } });
      expect(flag?.title).toMatch(/an address you sent to before/);
      // The same for a token transfer to the lookalike.
      const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [lookalike, parseEther('1')] });
      const asToken = await buildPreview(
        { client: node, chainId: 1, now: Date.now, known },
        { kind: 'transaction', tx: { from: ACCOUNT_0 as Address, to: TOKEN, value: 0n, data } },
      );
      expect(asToken.flags.find((f) => f.id === 'recipient.poisoning')).toMatchObject({ numbers: { lookalike: BOB } });
    });

    it('ETH in dollars: $300 at the feed’s $3,000 is 0.1 ETH', async () => {
      const before = await node.getBalance({ address: BOB });
      await send.start({ token: 'ETH', amount: '300', unit: 'usd', to: 'bob.eth' });
      const hash = await sentHash(3);
      await waitMined(node, hash);
      expect(await node.getBalance({ address: BOB })).toBe(before + parseEther('0.1'));
    });

    it('Max keeps back the normal max fee × 21,000: balance − Max is that reserve', async () => {
      const options = await send.options();
      const eth = options.tokens[0]!;
      const balance = await node.getBalance({ address: ACCOUNT_0 as Address });
      expect(BigInt(eth.balance)).toBe(balance);
      expect(BigInt(eth.balance) - BigInt(eth.max)).toBe(BigInt(options.ethFeeReserve!));
      // The reserve is a fee per gas × 21,000 at least the node's next base fee.
      const block = await node.getBlock();
      expect(BigInt(options.ethFeeReserve!) % ETH_TRANSFER_GAS).toBe(0n);
      expect(BigInt(options.ethFeeReserve!) / ETH_TRANSFER_GAS).toBeGreaterThanOrEqual(block.baseFeePerGas!);
    });

    it.each([
      ['above the balance', { amount: '1000000', to: 'alice.eth' }, 'send.amount.above-balance'],
      ['zero', { amount: '0', to: 'alice.eth' }, 'send.amount.zero'],
      ['too many decimals', { amount: '0.1234567890123456789', to: 'alice.eth' }, 'send.amount.too-many-decimals'],
      ['an unknown ENS name', { amount: '0.1', to: 'never-registered.eth' }, 'send.recipient.ens-unknown'],
      ['an ENS name without an address', { amount: '0.1', to: 'nobody-home.eth' }, 'send.recipient.ens-no-address'],
      ['a bad checksum', { amount: '0.1', to: ALICE.replace(/[a-f]/, (c) => c.toUpperCase()) }, 'send.recipient.checksum'],
    ])('%s: a clear error and nothing is asked or sent', async (_name, input, code) => {
      const asked = h.approvalsSeen.length;
      const nonce = await node.getTransactionCount({ address: ACCOUNT_0 as Address });
      await expect(send.start({ token: 'ETH', unit: 'token', ...input })).rejects.toMatchObject({ code });
      expect(h.approvalsSeen.length).toBe(asked);
      expect(await node.getTransactionCount({ address: ACCOUNT_0 as Address })).toBe(nonce);
    });
  });
});
