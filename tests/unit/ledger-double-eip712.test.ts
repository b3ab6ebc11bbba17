import '../../lib/polyfills';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Eth from '@ledgerhq/hw-app-eth';
import { RecordStore } from '@ledgerhq/hw-transport-mocker';
import { hashTypedData, recoverAddress, type TypedDataDefinition } from 'viem';
import { describe, expect, it } from 'vitest';
import { LedgerDouble } from '../hardware/ledger-double';

/**
 * hw-app-eth ships its EIP-712 recordings in the npm package (tests/fixtures/apdus/*.apdus, with the messages in
 * tests/fixtures/messages/*.json; upstream libs/ledgerjs/packages/hw-app-eth/tests/fixtures in LedgerHQ/ledger-live):
 * struct definitions (0x1A), implementations (0x1C), filters (0x1E, 0x0A) and the final 0x0C P2 0x01 signature,
 * recorded with Speculos' default seed at 44'/60'/0'/0/0.
 */
const PACKAGE = dirname(createRequire(import.meta.url).resolve('@ledgerhq/hw-app-eth/package.json'));
const APDUS = join(PACKAGE, 'tests/fixtures/apdus');
const MESSAGES = join(PACKAGE, 'tests/fixtures/messages');
const SPECULOS =
  'glory promote mansion idle axis finger extra february uncover one trip resource lawn turtle enact monster seven myth punch hobby comfort wild raise skin';
const SPECULOS_ACCOUNT = '0xDad77910DbDFdE764fC21FCD4E74D71bBACA6D8D';

const recordings = readdirSync(APDUS).filter((f) => /^\d+(-.*)?\.apdus$/.test(f));
const replay = async (file: string) => {
  const double = new LedgerDouble({ mnemonic: SPECULOS, appVersion: [1, 0, 0] });
  const queue = RecordStore.fromString(readFileSync(join(APDUS, file), 'utf8')).queue;
  const answers: string[] = [];
  for (const [apdu] of queue) answers.push((await double.exchange(Buffer.from(apdu, 'hex'))).toString('hex'));
  return { queue, answers };
};
/** A fixture message; addresses lower-cased, as viem refuses a wrong EIP-55 checksum (7.json has one). */
const readMessage = (file: string) =>
  JSON.parse(readFileSync(join(MESSAGES, file), 'utf8'), (_k, v: unknown) =>
    typeof v === 'string' && /^0x[0-9a-fA-F]{40}$/.test(v) ? v.toLowerCase() : v,
  ) as TypedDataDefinition;
const messageFor = (file: string): TypedDataDefinition | undefined => {
  const n = /^(\d+)/.exec(file)![1]!;
  const files = readdirSync(MESSAGES);
  const json = files.find((m) => m === `${n}.json`) ?? files.find((m) => m.startsWith(`${n}-`));
  return json ? readMessage(json) : undefined;
};

describe("EIP-712 in full: hw-app-eth's recordings replayed into the double", () => {
  it('finds the recordings in the installed package', () => expect(recordings.length).toBeGreaterThanOrEqual(40));

  // Every filtered recording, and the unfiltered 15–18, answer exactly as recorded, signature included.
  const exact = recordings.filter((f) => f.includes('filtered') || /^1[5-8]\.apdus$/.test(f));
  for (const file of exact)
    it(`${file}: every answer the same bytes, the signature included`, async () => {
      const { queue, answers } = await replay(file);
      expect(answers).toEqual(queue.map(([, r]) => r));
    });

  // The unfiltered 0–14 were recorded on a device with another seed: every answer but the signature matches, and the
  // double's signature is the one the filtered recording of the same message holds, recovering to the Speculos account
  // over viem's hash of the fixture's message JSON.
  const otherSeed = recordings.filter((f) => /^(\d|1[0-4])\.apdus$/.test(f));
  for (const file of otherSeed)
    it(`${file}: the same answers up to the signature, which recovers to the double's account`, async () => {
      const { queue, answers } = await replay(file);
      expect(answers.slice(0, -1)).toEqual(queue.slice(0, -1).map(([, r]) => r));
      const signature = answers.at(-1)!;
      const filtered = file.replace('.apdus', '-filtered-v1.apdus');
      if (recordings.includes(filtered))
        expect(signature).toBe(RecordStore.fromString(readFileSync(join(APDUS, filtered), 'utf8')).queue.at(-1)![1]);
      const message = messageFor(file);
      expect(message).toBeDefined();
      const recovered = await recoverAddress({
        hash: hashTypedData(message!),
        signature: { r: `0x${signature.slice(2, 66)}`, s: `0x${signature.slice(66, 130)}`, v: BigInt(parseInt(signature.slice(0, 2), 16)) },
      });
      expect(recovered).toBe(SPECULOS_ACCOUNT);
    });

  it('a value changed in the stream changes what is signed (the double hashes what it was sent)', async () => {
    const file = '0.apdus';
    const double = new LedgerDouble({ mnemonic: SPECULOS, appVersion: [1, 0, 0] });
    const queue = RecordStore.fromString(readFileSync(join(APDUS, file), 'utf8')).queue;
    // "Hello, Bob!" → "Hello, Bib!" in the contents field.
    const hello = Buffer.from('Hello, Bob!', 'utf8').toString('hex');
    const tampered = queue.map(([a]) => a.replace(hello, Buffer.from('Hello, Bib!', 'utf8').toString('hex')));
    expect(tampered.filter((a, i) => a !== queue[i]![0]).length).toBe(1);
    let last = '';
    for (const apdu of tampered) last = (await double.exchange(Buffer.from(apdu, 'hex'))).toString('hex');
    const message = messageFor(file)!;
    const bib = { ...message, message: { ...(message.message as object), contents: 'Hello, Bib!' } } as TypedDataDefinition;
    const sig = { r: `0x${last.slice(2, 66)}`, s: `0x${last.slice(66, 130)}`, v: BigInt(parseInt(last.slice(0, 2), 16)) } as const;
    expect(await recoverAddress({ hash: hashTypedData(bib), signature: sig })).toBe(SPECULOS_ACCOUNT);
    expect(await recoverAddress({ hash: hashTypedData(message), signature: sig })).not.toBe(SPECULOS_ACCOUNT);
  });
});

describe("the real hw-app-eth signEIP712Message over the double (no network: Ledger's services off)", () => {
  for (const n of ['0', '2', '10', '15-permit'])
    it(`message ${n}.json: the signature recovers to the account over viem's hashTypedData`, async () => {
      const message = readMessage(`${n}.json`);
      const double = new LedgerDouble({ mnemonic: SPECULOS, appVersion: [1, 0, 0] });
      const eth = new Eth(double, 'w0w', {
        calServiceURL: null,
        cryptoassetsBaseURL: null,
        staticEIP712SignaturesV1: {},
        staticEIP712SignaturesV2: {},
      });
      const { v, r, s } = await eth.signEIP712Message("44'/60'/0'/0/0", message as never);
      expect(await recoverAddress({ hash: hashTypedData(message), signature: { r: `0x${r}`, s: `0x${s}`, v: BigInt(v) } })).toBe(
        SPECULOS_ACCOUNT,
      );
      expect(double.log.filter((e) => e.apdu.startsWith('e01a')).length).toBeGreaterThan(3);
    });
});
