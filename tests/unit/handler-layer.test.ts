import { describe, expect, it } from 'vitest';
import { dispatchMessage, registerProtocolHandlers, type OnMessage } from '../../lib/messaging/handler-layer';
import { PROTOCOL_HANDLERS, type ProtocolServices } from '../../lib/messaging/handlers';
import { MESSAGE_NAMES, MESSAGE_SCHEMAS, type MessageName } from '../../lib/messaging/schemas';
import type { MessageSender } from '../../lib/messaging/extension-api';

const runtime = { id: 'ballast-id', getURL: (path: string) => `chrome-extension://ballast-id${path}` };
const popup: MessageSender = { id: 'ballast-id', url: 'chrome-extension://ballast-id/popup.html', origin: 'chrome-extension://ballast-id' };
const ACCOUNT = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

/** One valid data value per message (checked against the schema below, so a stale example fails). */
const VALID: Record<MessageName, unknown> = {
  'wallet:getState': undefined,
  'wallet:create': { password: 'correct horse battery' },
  'wallet:confirmBackup': { words: { 0: 'test', 5: 'test', 11: 'junk' } },
  'wallet:importMnemonic': { mnemonic: 'test test test test test test test test test test test junk', password: 'pw-pw-pw-pw' },
  'wallet:importPrivateKey': { privateKey: '0x' + '11'.repeat(32), name: 'Imported' },
  'wallet:addWatchOnly': { address: ACCOUNT, name: 'Watched' },
  'wallet:unlock': { password: 'pw' },
  'wallet:lock': undefined,
  'wallet:changePassword': { oldPassword: 'a', newPassword: 'b' },
  'wallet:revealMnemonic': { password: 'pw' },
  'wallet:setAutoLock': { minutes: 15 },
  'accounts:add': { name: 'Account 2' },
  'accounts:rename': { address: ACCOUNT, name: 'Main' },
  'accounts:setHidden': { address: ACCOUNT, hidden: true },
  'accounts:select': { address: ACCOUNT },
  'accounts:addHardware': { device: 'ledger', accounts: [{ address: ACCOUNT, path: "44'/60'/0'/0/0", name: 'Ledger 1' }] },
  'devices:pending': undefined,
  'devices:answer': { id: 'd1', signed: `0x${'ab'.repeat(65)}` },
  'devices:fail': { id: 'd1', code: 'hardware.rejected' },
  'sites:list': undefined,
  'sites:revoke': { origin: 'https://app.example' },
  'sites:followWallet': { origin: 'https://app.example' },
  'networks:list': undefined,
  'networks:setRpcUrls': { chainId: 1, rpcUrls: ['https://rpc.example'], key: 'mainnet' },
  'networks:switch': { chainId: 1, key: 'devnet' },
  'pending:list': undefined,
  'pending:resolve': { id: 'p1', approved: true, accounts: [ACCOUNT] },
  'pending:setFee': {
    id: 'p1',
    version: 1,
    choice: 'custom',
    maxFeePerGas: '30000000000',
    maxPriorityFeePerGas: '2000000000',
    gas: '21000',
  },
  'preview:get': { id: 'p1', wait: true },
  'activity:list': undefined,
  'activity:replace': { hash: `0x${'ab'.repeat(32)}`, mode: 'speed-up' },
  'addressBook:list': undefined,
  'addressBook:add': { address: ACCOUNT, name: 'Alice', note: 'rent' },
  'addressBook:update': { address: ACCOUNT, name: 'Alice B.', note: '' },
  'addressBook:remove': { address: ACCOUNT },
  'settings:get': undefined,
  'settings:set': { theme: 'dark' },
  'portfolio:get': undefined,
  'portfolio:refresh': undefined,
  'balances:get': undefined,
  'balances:ethOf': { addresses: [ACCOUNT] },
  'balances:refresh': undefined,
  'balances:addToken': { address: ACCOUNT },
  'balances:removeToken': { address: ACCOUNT },
  'insights:get': { symbol: 'rsETH', amount: '1.5' },
  'alerts:list': undefined,
  'alerts:markRead': { ids: 'all' },
  'alerts:getSettings': undefined,
  'alerts:updateSettings': { rules: {} },
  'flows:recipes': undefined,
  'flows:yields': undefined,
  'flows:account': undefined,
  'flows:plan': { recipeId: 'aave:rsETH', amountText: '1', slippageBps: 50 },
  'flows:start': { previewId: 'preview-1' },
  'flows:get': { id: 'f1' },
  'flows:list': undefined,
  'flows:retry': { id: 'f1' },
  'flows:unwind': { id: 'f1' },
  'flows:withdraw': { kind: 'claim', queue: 'lido', requestId: '7' },
  'send:options': undefined,
  'send:resolve': { to: 'alice.eth' },
  'send:start': { token: 'ETH', amount: '0.1', unit: 'token', to: 'alice.eth' },
};

/** Services that record every call and answer a marker; the layer's checks run before any of them. */
function recordingServices() {
  const calls: string[] = [];
  const make = (path: string): unknown =>
    new Proxy(() => undefined, {
      get: (_t, key) => (key === 'then' ? undefined : make(`${path}.${String(key)}`)),
      apply: () => {
        calls.push(path);
        return Promise.resolve({ marker: path });
      },
    });
  return { services: make('s') as ProtocolServices, calls };
}

function layer() {
  const recorded = recordingServices();
  let built = 0;
  let touched = 0;
  const deps = {
    runtime,
    services: () => {
      built++;
      return recorded.services;
    },
    touchAutoLock: async () => {
      touched++;
    },
  };
  return {
    /** From the popup unless a sender (undefined included) is given. */
    send: (name: MessageName, data: unknown, ...sender: [MessageSender | undefined] | []) =>
      dispatchMessage(deps, PROTOCOL_HANDLERS, name, data, sender.length === 0 ? popup : sender[0]),
    calls: recorded.calls,
    built: () => built,
    touched: () => touched,
  };
}

/** A value of another type than `v` (and than anything the schemas accept there). */
const wrongTypeFor = (v: unknown): unknown => (typeof v === 'string' ? 42 : typeof v === 'number' ? 'forty-two' : 12.5);

describe('UI protocol handler layer', () => {
  it('has a schema and a handler for every protocol message, and the examples are valid', () => {
    expect(MESSAGE_NAMES.length).toBe(62);
    expect(Object.keys(PROTOCOL_HANDLERS).sort()).toEqual([...MESSAGE_NAMES].sort());
    for (const name of MESSAGE_NAMES) expect(MESSAGE_SCHEMAS[name].safeParse(VALID[name]).success, name).toBe(true);
  });

  it.each(MESSAGE_NAMES)('%s with a wrong shape gets a clear error and reaches no service', async (name) => {
    const l = layer();
    const answer = await l.send(name, 42);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('message.bad-shape');
    expect(answer.error.message).toBe(`Malformed "${name}" message`);
    expect(answer.error.details).toBeTruthy();
    expect(l.built()).toBe(0);
    expect(l.calls).toEqual([]);
  });

  it.each(MESSAGE_NAMES.filter((n) => typeof VALID[n] === 'object' && VALID[n] !== null && n !== 'alerts:updateSettings'))(
    '%s names each field that has the wrong type',
    async (name) => {
      const valid = VALID[name] as Record<string, unknown>;
      for (const field of Object.keys(valid)) {
        const l = layer();
        const answer = await l.send(name, { ...valid, [field]: wrongTypeFor(valid[field]) });
        expect(answer.ok, `${name}.${field}`).toBe(false);
        if (answer.ok) continue;
        expect(answer.error.code).toBe('message.bad-shape');
        expect(answer.error.details).toContain(`"${field}`);
        expect(l.calls).toEqual([]);
      }
    },
  );

  const attackers: [string, MessageSender | undefined][] = [
    [
      'our content script in a web page',
      { id: 'ballast-id', url: 'https://evil.example/page', origin: 'https://evil.example', tab: { id: 7 } },
    ],
    ['another extension', { id: 'other-extension', url: 'chrome-extension://other-extension/popup.html' }],
    ['a page with our id but a web URL', { id: 'ballast-id', url: 'https://ballast-id.example/popup.html' }],
    ['our page url without an origin', { id: 'ballast-id', url: 'chrome-extension://ballast-id/popup.html' }],
    ['our page url with an opaque origin', { id: 'ballast-id', url: 'chrome-extension://ballast-id/popup.html', origin: 'null' }],
    [
      'our page url with a web origin',
      { id: 'ballast-id', url: 'chrome-extension://ballast-id/popup.html', origin: 'https://evil.example' },
    ],
    ['no sender', undefined],
  ];
  it.each(attackers)('every message from %s is refused before parsing or any service', async (_label, sender) => {
    for (const name of MESSAGE_NAMES) {
      const l = layer();
      const answer = await l.send(name, VALID[name], sender);
      expect(answer, name).toMatchObject({ ok: false, error: { code: 'sender.forbidden' } });
      expect(l.built()).toBe(0);
      expect(l.touched()).toBe(0);
    }
  });

  it('hands the handler parsed data and wraps its answer', async () => {
    const l = layer();
    const answer = await l.send('accounts:select', { address: ACCOUNT.toLowerCase() });
    expect(answer).toEqual({ ok: true, value: { marker: 's.wallet.select' } });
    expect(l.calls).toEqual(['s.wallet.select']);
  });

  it('flows:start passes on only the preview id (and the fee warning box): a plan sent along by a page never reaches the service', async () => {
    const seen: unknown[] = [];
    const deps = {
      runtime,
      services: () => ({ flows: { start: async (...args: unknown[]) => seen.push(args) } }) as unknown as ProtocolServices,
      touchAutoLock: async () => undefined,
    };
    const smuggled = { previewId: 'p1', preview: { plan: { steps: [{ to: '0xevil' }] } } };
    await dispatchMessage(deps, PROTOCOL_HANDLERS, 'flows:start', smuggled, popup);
    expect(seen).toEqual([['p1', { acceptFeeDanger: false }]]);
    await dispatchMessage(deps, PROTOCOL_HANDLERS, 'flows:start', { ...smuggled, acceptFeeDanger: true }, popup);
    expect(seen[1]).toEqual(['p1', { acceptFeeDanger: true }]);
  });

  it('touches the auto-lock for user actions only, before the handler', async () => {
    const user = layer();
    await user.send('wallet:getState', undefined);
    expect(user.touched()).toBe(1);
    const read = layer();
    await read.send('portfolio:get', undefined);
    expect(read.touched()).toBe(0);
  });

  it('turns a thrown handler error into a Result error', async () => {
    const deps = {
      runtime,
      services: () => ({ flows: { get: async () => Promise.reject(new Error('store unreadable')) } }) as unknown as ProtocolServices,
      touchAutoLock: async () => undefined,
    };
    const answer = await dispatchMessage(deps, PROTOCOL_HANDLERS, 'flows:get', { id: 'x' }, popup);
    expect(answer).toEqual({ ok: false, error: { message: 'store unreadable' } });
  });

  it('registers every message name once', () => {
    const names: string[] = [];
    const onMessage: OnMessage = (name) => names.push(name);
    registerProtocolHandlers(
      onMessage,
      { runtime, services: () => recordingServices().services, touchAutoLock: async () => undefined },
      PROTOCOL_HANDLERS,
    );
    expect(names.sort()).toEqual([...MESSAGE_NAMES].sort());
  });
});
