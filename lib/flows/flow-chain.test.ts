import { describe, expect, it } from 'vitest';
import { createClient, custom } from 'viem';
import { planFlow } from './plan';
import { planWithdraw } from './withdraw';

/** A node that records every request: a flow refused for its chain must not have read anything. */
function recordingClient() {
  const methods: string[] = [];
  const client = createClient({
    transport: custom({
      async request({ method }) {
        methods.push(method);
        throw new Error(`unexpected ${method}`);
      },
    }),
  });
  return { client, methods };
}

const from = '0x00000000000000000000000000000000000A11cE' as const;

describe('flows on an L2', () => {
  it.each([8453, 42161, 10, 59144])('Stake & deploy on chain %i: a clear error before any read', async (chainId) => {
    const { client, methods } = recordingClient();
    const error = await planFlow({ client, chainId, now: () => 0 }, { recipeId: 'aave:weETH', from, amount: 10n ** 18n }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'flow.chain.unsupported' });
    expect((error as Error).message.split('\n')[0]).toBe('Stake & deploy runs on Ethereum only');
    expect((error as Error).message).toContain(`The active network is chain ${chainId}.`);
    expect(methods).toEqual([]);
  });

  it('a protocol withdrawal on Base: the same error, nothing read', async () => {
    const { client, methods } = recordingClient();
    await expect(
      planWithdraw(
        { client, chainId: 8453, now: () => 0 },
        { from, intent: { kind: 'request', queue: 'lido', amount: 10n ** 18n } as never },
      ),
    ).rejects.toMatchObject({ code: 'flow.chain.unsupported' });
    expect(methods).toEqual([]);
  });
});
