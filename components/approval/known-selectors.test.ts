import { describe, expect, it } from 'vitest';
import { toFunctionSelector } from 'viem';
import { knownSelectors, knownSignatures } from './known-selectors';

describe('knownSelectors', () => {
  it('maps each selector to the keccak of its signature (computed here with viem)', () => {
    const computed = Object.fromEntries(knownSignatures.map((s) => [toFunctionSelector(s), s]));
    expect(knownSelectors).toEqual(computed);
  });
});
