import { describe, expect, test } from 'vitest';
import { getAddress, toEventSelector, type Abi, type AbiEvent } from 'viem';
import { LRT_STRUCTURES, MELLOW_LRT_STRUCTURES, mellowStructureOf } from './lrt-structure';
import { MELLOW_LRTS, SYMBIOTIC_VAULTS_MAINNET } from './symbiotic-registry';
import { RESTAKING_TOKENS } from './tokens';

const viewFunction = (abi: Abi, name: string) =>
  abi.find(
    (item) => item.type === 'function' && item.name === name && (item.stateMutability === 'view' || item.stateMutability === 'pure'),
  );

describe('LRT structure registry', () => {
  test('covers the five EigenLayer LRTs of issue #15, each an LRT of its protocol', () => {
    expect(LRT_STRUCTURES.map((s) => s.symbol).sort()).toEqual(['ezETH', 'pufETH', 'rsETH', 'rswETH', 'weETH']);
    for (const s of LRT_STRUCTURES) {
      expect(RESTAKING_TOKENS[s.symbol].kind, s.symbol).toBe('lrt');
      expect(RESTAKING_TOKENS[s.symbol].protocol, s.symbol).toBe(s.protocol);
    }
  });

  test('every address carries a checksum and a source; unknown protocols say why', () => {
    for (const s of LRT_STRUCTURES) {
      const sourced = [...s.entry, ...(s.status === 'known' ? s.sampleStakers : [])];
      for (const e of sourced) {
        expect(e.address, `${s.symbol} ${e.name}`).toBe(getAddress(e.address));
        expect(e.source.length, `${s.symbol} ${e.name} source`).toBeGreaterThan(10);
      }
      if (s.status === 'unknown') expect(s.reason).toMatch(/^no on-chain path found: .{40,}/);
      else
        expect(
          s.entry.some((e) => e.address === s.discovery.contract),
          `${s.symbol}: discovery contract is a sourced entry`,
        ).toBe(true);
    }
  });

  test('each discovery step names view functions its ABI has', () => {
    for (const s of LRT_STRUCTURES) {
      if (s.status !== 'known') continue;
      const d = s.discovery;
      if (d.kind === 'events') {
        const event = d.abi.find((item) => item.type === 'event' && item.name === d.eventName);
        expect(event, `${s.symbol} event ${d.eventName}`).toBeDefined();
        // The staker is an indexed address argument, so a log's topics carry it.
        const arg = event?.type === 'event' ? event.inputs.find((i) => i.name === d.stakerArg) : undefined;
        expect(arg, `${s.symbol} ${d.eventName}.${d.stakerArg}`).toMatchObject({ type: 'address', indexed: true });
        expect(d.maxRead).toBeGreaterThan(0);
        continue;
      }
      if (d.kind === 'path') {
        for (const h of d.hops) expect(viewFunction(h.abi, h.functionName), `${s.symbol} hop ${h.functionName}`).toBeDefined();
        for (const n of [d.list.countFunction, d.list.itemFunction]) expect(viewFunction(d.list.abi, n), `${s.symbol}.${n}`).toBeDefined();
        expect(d.maxRead).toBeGreaterThan(0);
        continue;
      }
      const names =
        d.kind === 'list'
          ? [d.functionName]
          : d.kind === 'indexed'
            ? [d.lengthFunction, d.itemFunction]
            : [d.namesFunction, d.addressFunction];
      for (const n of names) expect(viewFunction(d.abi, n), `${s.symbol}.${n}`).toBeDefined();
    }
  });

  test('weETH: EtherFiNodeDeployed of the StakingManager, topic as computed from the mainnet signature; eETH shares as supply', () => {
    const s = LRT_STRUCTURES.find((x) => x.symbol === 'weETH');
    expect(s?.status).toBe('known');
    if (s?.status !== 'known' || s.discovery.kind !== 'events') throw new Error('weETH: events discovery expected');
    // keccak256("EtherFiNodeDeployed(address)"), written out independently of the ABI.
    expect(toEventSelector('EtherFiNodeDeployed(address)')).toBe(
      toEventSelector(s.discovery.abi.find((i) => i.type === 'event' && i.name === 'EtherFiNodeDeployed') as AbiEvent),
    );
    expect(s.discovery.contract).toBe(getAddress('0x25e821b7197B146F7713C3b89B6A4D83516B912d'));
    expect(s.supply?.functionName).toBe('totalShares');
  });

  test('says when each fair rate shows a slash: at once only where the rate is computed from balances', () => {
    const when = Object.fromEntries(LRT_STRUCTURES.map((s) => [s.symbol, s.rateShowsSlash.when]));
    expect(when).toEqual({ rsETH: 'after-update', ezETH: 'at-once', pufETH: 'at-once', weETH: 'after-update', rswETH: 'after-update' });
  });

  test("Mellow LRTs on Symbiotic: one known structure per registry LRT, discovery by the LRT vault's own views", () => {
    expect(MELLOW_LRT_STRUCTURES.map((s) => s.symbol)).toEqual(MELLOW_LRTS.map((l) => l.symbol));
    for (const s of MELLOW_LRT_STRUCTURES) {
      expect(s.status).toBe('known');
      expect(s.entry.map((e) => e.address)).toEqual([s.discovery.contract]);
      expect(s.discovery.contract).toBe(getAddress(s.discovery.contract));
      expect(viewFunction(s.discovery.direct.abi, s.discovery.direct.functionName), `${s.symbol} direct`).toBeDefined();
      expect(viewFunction(s.discovery.subvaults.abi, s.discovery.subvaults.countFunction), `${s.symbol} count`).toBeDefined();
      expect(viewFunction(s.discovery.subvaults.abi, s.discovery.subvaults.itemFunction), `${s.symbol} item`).toBeDefined();
      // MultiVault's Protocol enum: SYMBIOTIC is the first member (simple-lrt IMultiVaultStorage.sol).
      expect(s.discovery.subvaults.symbioticProtocol).toBe(0);
      expect(
        SYMBIOTIC_VAULTS_MAINNET.some((v) => v.address === s.pairedVault.address && v.mellowLrt === s.symbol),
        `${s.symbol} paired vault is a registry vault`,
      ).toBe(true);
      expect(s.rateShowsSlash.when).toBe('at-once');
    }
    expect(mellowStructureOf('pzETH')?.discovery.contract).toBe('0x8c9532a60E0E7C6BbD2B2c1303F63aCE1c3E9811');
    expect(mellowStructureOf('ezETH')).toBeUndefined();
  });
});
