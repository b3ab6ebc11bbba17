import '../../lib/polyfills';
import Eth from '@ledgerhq/hw-app-eth';
import { RecordStore } from '@ledgerhq/hw-transport-mocker';
import {
  concat,
  hashMessage,
  hexToBigInt,
  keccak256,
  recoverAddress,
  recoverTransactionAddress,
  serializeTransaction,
  toHex,
  type Hex,
  type TransactionSerializable,
} from 'viem';
import { describe, expect, it } from 'vitest';
import { LedgerDouble } from '../hardware/ledger-double';
import { RECORDED } from '../hardware/fixtures/hw-app-eth-recorded';

/**
 * The seeds behind hw-app-eth's recorded exchanges, found by deriving the addresses the recordings answer:
 * BIP-39's "abandon … about" gives 0xCbA98362… at 44'/60'/0'/0'/0 (the getAddress recording), and Speculos'
 * default seed gives 0xDad77910… at 44'/60'/0'/0/0, the signer the EIP-1559 and EIP-2930 recordings recover to.
 */
const ABANDON = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const SPECULOS =
  'glory promote mansion idle axis finger extra february uncover one trip resource lawn turtle enact monster seven myth punch hobby comfort wild raise skin';

const exchanges = (name: string) => RecordStore.fromString(RECORDED[name]!).queue;
const answer = async (double: LedgerDouble, apdu: string) => (await double.exchange(Buffer.from(apdu, 'hex'))).toString('hex');

describe("hw-app-eth's recorded device exchanges, replayed into the double", () => {
  const byteForByte: [string, string][] = [
    ['getAppConfiguration', ABANDON],
    ['getAddress', ABANDON],
    ['signTransaction supports EIP1559', SPECULOS],
    ['signTransaction supports EIP2930', SPECULOS],
  ];
  for (const [name, mnemonic] of byteForByte)
    it(`${name}: the same bytes back`, async () => {
      const double = new LedgerDouble({ mnemonic, appVersion: [1, 1, 6] });
      const queue = exchanges(name);
      expect(queue.length).toBeGreaterThan(0);
      for (const [apdu, recorded] of queue) expect(await answer(double, apdu)).toBe(recorded);
    });

  // Two recordings come from an old app that wrote a 31-byte s left-aligned (a trailing 00 instead of a leading
  // one) and, for the pre-EIP-155 transaction, the other parity: those recorded signatures do not verify. The
  // double gives the same r (same key, same RFC 6979 nonce) and the signature that does verify.
  for (const name of ['signPersonalMessage', 'signTransaction with chainId 0 (Legacy before EIP-155)'])
    it(`${name}: the same r; s right-aligned, and the answer verifies where the old recording does not`, async () => {
      const double = new LedgerDouble({ mnemonic: ABANDON });
      const [[apdu, recorded]] = exchanges(name) as [[string, string]];
      const ours = await answer(double, apdu);
      expect(ours.slice(2, 66)).toBe(recorded.slice(2, 66));
      expect(ours.slice(66, 130)).toBe(`00${recorded.slice(66, 128)}`);
      expect(ours.slice(-4)).toBe('9000');
    });

  it('signTransaction with chainId 0: the answer recovers to the recorded getAddress account (v 37 + parity, as for chain 1)', async () => {
    const double = new LedgerDouble({ mnemonic: ABANDON });
    const [[apdu]] = exchanges('signTransaction with chainId 0 (Legacy before EIP-155)') as [[string, string]];
    const raw = `0x${apdu.slice(10 + 2 + 5 * 8)}` as Hex; // after the header, the path length and 5 path levels
    const ours = await answer(double, apdu);
    const v = parseInt(ours.slice(0, 2), 16);
    expect([37, 38]).toContain(v);
    const signer = await recoverAddress({
      hash: keccak256(raw),
      signature: { r: `0x${ours.slice(2, 66)}`, s: `0x${ours.slice(66, 130)}`, yParity: v - 37 },
    });
    expect(signer).toBe('0xCbA98362e199c41E1864D0923AF9646d3A648451');
  });

  // Recordings of keys we do not have (or made up: the large chain id one recovers to no known account): the same
  // shape of answer, and the double's recovers to its own account.
  it("getAddress with a chain id: the same layout (65-byte key, 40 ASCII characters) for the double's account", async () => {
    const double = new LedgerDouble({ mnemonic: ABANDON });
    for (const [apdu, recorded] of exchanges('getAddress with chain ID')) {
      const ours = await answer(double, apdu);
      expect(ours.length).toBe(recorded.length);
      expect(ours.slice(0, 2)).toBe('41');
      expect(Buffer.from(ours.slice(134, 214), 'hex').toString('ascii')).toBe(double.addressAt("44'/60'/0'/0/0").slice(2));
    }
  });

  it('signTransaction with a 7-byte chain id: v is (first 4 bytes of the chain id × 2 + 35 + parity) mod 256', async () => {
    const double = new LedgerDouble({ mnemonic: ABANDON });
    const [[apdu, recorded]] = exchanges('signTransaction Large ChainID (2_716_446_429_837_000)') as [[string, string]];
    const ours = await answer(double, apdu);
    expect(ours.length).toBe(recorded.length);
    // 2_716_446_429_837_000 = 0x09a697f88076c8 → 0x09a697f8; × 2 + 35 = 323,039,251 → low byte 0x13 or 0x14.
    const base = (0x09a697f8 * 2 + 35) % 256;
    expect(base).toBe(0x13);
    expect([0x13, 0x14]).toContain(parseInt(ours.slice(0, 2), 16));
    expect(parseInt(recorded.slice(0, 2), 16)).toBe(0x13);
  });

  it('signEIP712HashedMessage: v 27/28 ‖ r ‖ s, recovering to the double over keccak256(0x1901 ‖ domain ‖ message)', async () => {
    const double = new LedgerDouble({ mnemonic: ABANDON });
    const [[apdu, recorded]] = exchanges('signEIP712HashedMessage') as [[string, string]];
    const ours = await answer(double, apdu);
    expect(ours.length).toBe(recorded.length);
    const body = apdu.slice(10 + 2 + 5 * 8);
    const digest = keccak256(concat(['0x1901', `0x${body.slice(0, 64)}`, `0x${body.slice(64, 128)}`]));
    const v = parseInt(ours.slice(0, 2), 16);
    const signer = await recoverAddress({
      hash: digest,
      signature: { r: `0x${ours.slice(2, 66)}`, s: `0x${ours.slice(66, 130)}`, v: BigInt(v) },
    });
    expect(signer).toBe('0xCbA98362e199c41E1864D0923AF9646d3A648451');
  });

  it('signTransaction5BytesChainID: the recording sends non-canonical RLP (0xf835 for 53 bytes); the double refuses it with 0x6a80', async () => {
    const double = new LedgerDouble({ mnemonic: ABANDON });
    const [[apdu]] = exchanges('signTransaction5BytesChainID') as [[string, string]];
    expect(await answer(double, apdu)).toBe('6a80');
  });
});

const PATH = "44'/60'/0'/0/0";
const TO = '0xb2bb2b958afa2e96dab3f3ce7162b87daea39017';

/** Widens hw-app-eth's { v, r, s } into a signed transaction and recovers its sender (viem, not the double). */
async function senderOf(tx: TransactionSerializable, { v, r, s }: { v: string; r: string; s: string }) {
  const legacy = tx.gasPrice !== undefined && !tx.accessList;
  const vv = hexToBigInt(`0x${v}`);
  const sig = { r: `0x${r}` as Hex, s: `0x${s}` as Hex };
  const signed = legacy
    ? serializeTransaction(tx, { ...sig, v: vv, yParity: Number((vv - 35n) % 2n) })
    : serializeTransaction(tx, { ...sig, yParity: Number(vv) });
  return recoverTransactionAddress({ serializedTransaction: signed as never });
}

describe('the real hw-app-eth Eth class over the double', () => {
  const double = new LedgerDouble({ mnemonic: SPECULOS });
  const eth = new Eth(double);
  const me = double.addressAt(PATH);

  it('getAppConfiguration and getAddress (with the chain code)', async () => {
    expect(await eth.getAppConfiguration()).toMatchObject({ arbitraryDataEnabled: 1, version: '1.13.0' });
    const { address, publicKey, chainCode } = await eth.getAddress(PATH, false, true);
    expect(address).toBe('0xDad77910DbDFdE764fC21FCD4E74D71bBACA6D8D');
    expect(publicKey).toMatch(/^04[0-9a-f]{128}$/);
    expect(chainCode).toMatch(/^[0-9a-f]{64}$/);
    expect(keccak256(`0x${publicKey.slice(2)}`).slice(-40)).toBe(address.slice(2).toLowerCase());
  });

  const txs: [string, TransactionSerializable][] = [
    [
      'EIP-1559',
      {
        chainId: 1,
        nonce: 7,
        maxFeePerGas: 30_000_000_000n,
        maxPriorityFeePerGas: 1_000_000_000n,
        gas: 21_000n,
        to: TO,
        value: 10n ** 16n,
      },
    ],
    [
      'EIP-2930',
      {
        chainId: 1,
        nonce: 3,
        gasPrice: 5_000_000_000n,
        gas: 30_000n,
        to: TO,
        value: 1n,
        accessList: [{ address: TO, storageKeys: [toHex(3, { size: 32 })] }],
      },
    ],
    [
      'legacy EIP-155 on chain 1',
      { chainId: 1, nonce: 1, gasPrice: 21_000_000_000n, gas: 21_000n, to: TO, value: 12_340_000_000_000_000n },
    ],
    ['legacy on chain 137 (v = 309/310, one byte on the wire)', { chainId: 137, nonce: 2, gasPrice: 1n, gas: 21_000n, to: TO, value: 1n }],
    [
      'EIP-1559 with 600 bytes of call data (3 chunks)',
      { chainId: 1, nonce: 0, maxFeePerGas: 2n, maxPriorityFeePerGas: 1n, gas: 100_000n, to: TO, data: `0x${'ab'.repeat(600)}` },
    ],
    [
      'legacy with 400 bytes of call data (2 chunks)',
      { chainId: 1, nonce: 0, gasPrice: 2n, gas: 100_000n, to: TO, data: `0x${'cd'.repeat(400)}` },
    ],
  ];
  for (const [name, tx] of txs)
    it(`signTransaction ${name} recovers to the double's account`, async () => {
      const before = double.log.length;
      const sig = await eth.signTransaction(PATH, serializeTransaction(tx).slice(2), null);
      expect(await senderOf(tx, sig)).toBe(me);
      const chunks = double.log.slice(before).filter((e) => e.apdu.startsWith('e004'));
      expect(chunks.length).toBe(tx.data ? Math.ceil((21 + (serializeTransaction(tx).length - 2) / 2) / 255) : 1);
    });

  it('signPersonalMessage of 400 bytes (3 chunks) recovers to the account', async () => {
    const message = toHex(new Uint8Array(400).map((_, i) => i % 251));
    const before = double.log.length;
    const { v, r, s } = await eth.signPersonalMessage(PATH, message.slice(2));
    expect(double.log.slice(before).filter((e) => e.apdu.startsWith('e008')).length).toBe(3);
    expect(await recoverAddress({ hash: hashMessage({ raw: message }), signature: { r: `0x${r}`, s: `0x${s}`, v: BigInt(v) } })).toBe(me);
  });

  it('signEIP712HashedMessage recovers to the account over keccak256(0x1901 ‖ domain ‖ message)', async () => {
    const d = keccak256(toHex('domain')),
      m = keccak256(toHex('message'));
    const { v, r, s } = await eth.signEIP712HashedMessage(PATH, d.slice(2), m.slice(2));
    const digest = keccak256(concat(['0x1901', d, m]));
    expect(await recoverAddress({ hash: digest, signature: { r: `0x${r}`, s: `0x${s}`, v: BigInt(v) } })).toBe(me);
  });
});

describe('the switches, as hw-app-eth sees them', () => {
  const tx = serializeTransaction({
    chainId: 1,
    nonce: 0,
    maxFeePerGas: 2n,
    maxPriorityFeePerGas: 1n,
    gas: 50_000n,
    to: TO,
    data: '0xa9059cbb',
  });
  const fresh = () => new LedgerDouble({ mnemonic: SPECULOS });

  it('reject → 0x6985 at the confirmation (getAddress without display still answers)', async () => {
    const double = fresh();
    double.mode = 'reject';
    const eth = new Eth(double);
    await expect(eth.getAddress(PATH)).resolves.toMatchObject({ address: double.addressAt(PATH) });
    await expect(eth.getAddress(PATH, true)).rejects.toMatchObject({ statusCode: 0x6985 });
    await expect(eth.signPersonalMessage(PATH, '74657374')).rejects.toMatchObject({ statusCode: 0x6985 });
  });
  it('locked → 0x5515 (LockedDeviceError)', async () => {
    const double = fresh();
    double.mode = 'locked';
    await expect(new Eth(double).getAppConfiguration()).rejects.toMatchObject({ statusCode: 0x5515, name: 'LockedDeviceError' });
  });
  for (const sw of [0x6e00, 0x6d00, 0x6511])
    it(`app closed → 0x${sw.toString(16)}`, async () => {
      const double = fresh();
      double.mode = 'app-closed';
      double.appClosedStatus = sw;
      await expect(new Eth(double).getAddress(PATH)).rejects.toMatchObject({ statusCode: sw });
    });
  it('blind signing off → 0x6a80 for contract data, which hw-app-eth names EthAppPleaseEnableContractData; a plain transfer still signs', async () => {
    const double = fresh();
    double.blindSigning = false;
    const eth = new Eth(double);
    await expect(eth.signTransaction(PATH, tx.slice(2), null)).rejects.toMatchObject({ name: 'EthAppPleaseEnableContractData' });
    const transfer = serializeTransaction({
      chainId: 1,
      nonce: 0,
      maxFeePerGas: 2n,
      maxPriorityFeePerGas: 1n,
      gas: 21_000n,
      to: TO,
      value: 1n,
    });
    await expect(eth.signTransaction(PATH, transfer.slice(2), null)).resolves.toMatchObject({ v: expect.stringMatching(/^0[01]$/) });
  });
  it('unplugged mid-way through a chunked transaction → DisconnectedDevice on the second chunk', async () => {
    const double = fresh();
    double.unplugAfter = 1;
    const big = serializeTransaction({
      chainId: 1,
      nonce: 0,
      maxFeePerGas: 2n,
      maxPriorityFeePerGas: 1n,
      gas: 90_000n,
      to: TO,
      data: `0x${'00'.repeat(300)}`,
    });
    await expect(new Eth(double).signTransaction(PATH, big.slice(2), null)).rejects.toMatchObject({ name: 'DisconnectedDevice' });
    expect(double.log.map((e) => (e.response === 'unplugged' ? e.response : e.response.slice(-4)))).toEqual(['9000', 'unplugged']);
  });
});
