// Restake Demo: plain JS, no build step, no CDN. Talks to whichever EIP-1193 wallet the page finds.
'use strict';

const $ = (id) => document.getElementById(id);
const state = { provider: null, account: null, config: null };
const MAX_UINT160 = (1n << 160n) - 1n;
const MAX_UINT48 = (1n << 48n) - 1n;
const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

// ---- minimal ABI encoding (static heads, dynamic tails) for the few types this page sends ----
const strip = (hex) => hex.replace(/^0x/, '');
const word = (hex) => strip(hex).padStart(64, '0');
const uintWord = (v) => word(BigInt(v).toString(16));
const utf8Hex = (s) => Array.from(new TextEncoder().encode(s), (b) => b.toString(16).padStart(2, '0')).join('');

function splitTuple(type) {
  const inner = type.slice(1, -1);
  const parts = [];
  let depth = 0,
    start = 0;
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '(') depth++;
    else if (inner[i] === ')') depth--;
    else if (inner[i] === ',' && depth === 0) {
      parts.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  if (inner.length) parts.push(inner.slice(start));
  return parts.map((p) => p.trim().split(' ')[0]);
}
const isDynamic = (type) =>
  type === 'string' || type === 'bytes' || type.endsWith('[]') || (type.startsWith('(') && splitTuple(type).some(isDynamic));

function encodeOne(type, value) {
  if (type === 'address') return word(value.toLowerCase());
  if (/^u?int\d*$/.test(type)) return uintWord(value);
  if (type === 'bool') return uintWord(value ? 1 : 0);
  if (type === 'bytes32') return strip(value).padEnd(64, '0');
  if (type === 'string' || type === 'bytes') {
    const hex = type === 'string' ? utf8Hex(value) : strip(value);
    return uintWord(hex.length / 2) + (hex.length ? hex.padEnd(Math.ceil(hex.length / 64) * 64, '0') : '');
  }
  const fixed = type.match(/^(.*)\[(\d+)\]$/);
  if (fixed) return value.map((v) => encodeOne(fixed[1], v)).join('');
  if (type.startsWith('(')) return encodeParams(splitTuple(type), value);
  throw new Error(`unsupported ABI type ${type}`);
}

function encodeParams(types, values) {
  const heads = [],
    tails = [];
  const headSize = types.reduce((n, t, i) => n + (isDynamic(t) ? 32 : encodeOne(t, values[i]).length / 2), 0);
  let offset = headSize;
  types.forEach((type, i) => {
    const enc = encodeOne(type, values[i]);
    if (isDynamic(type)) {
      heads.push(uintWord(offset));
      tails.push(enc);
      offset += enc.length / 2;
    } else heads.push(enc);
  });
  return heads.join('') + tails.join('');
}
const calldata = (selector, types, values) => selector + encodeParams(types, values);

// ---- wallet discovery: EIP-6963 first, window.ethereum as the fallback ----
function discoverWallet() {
  return new Promise((resolve) => {
    let done = false;
    // ?wallet=<rdns> picks one announced wallet (tests: a stand-in for another wallet next to Ballast).
    const wanted = new URLSearchParams(location.search).get('wallet');
    window.addEventListener('eip6963:announceProvider', (event) => {
      if (done || (wanted && event.detail?.info?.rdns !== wanted)) return;
      done = true;
      resolve({ provider: event.detail.provider, name: event.detail.info?.name ?? 'EIP-6963 wallet' });
    });
    window.dispatchEvent(new Event('eip6963:requestProvider'));
    setTimeout(() => {
      if (!done) {
        done = true;
        resolve(window.ethereum ? { provider: window.ethereum, name: 'window.ethereum' } : null);
      }
    }, 300);
  });
}

const request = (method, params = []) => state.provider.request({ method, params });
const weiOf = (text) => {
  const [whole, frac = ''] = String(text).trim().split('.');
  if (!/^\d+$/.test(whole || '0') || !/^\d*$/.test(frac)) throw new Error(`"${text}" is not an amount`);
  return BigInt(whole || '0') * 10n ** 18n + BigInt((frac + '0'.repeat(18)).slice(0, 18));
};
const amount = () => weiOf($('amount').value);
const slippageBps = () => BigInt(Math.round(Number($('slippage').value) * 100));

function show(id, text, kind = '') {
  const out = $(id);
  out.textContent = text;
  out.dataset.state = kind;
}

async function waitForReceipt(hash) {
  for (let i = 0; i < 240; i++) {
    const receipt = await request('eth_getTransactionReceipt', [hash]);
    if (receipt) return receipt;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no receipt for ${hash} after 60 s`);
}

async function send(tx) {
  const hash = await request('eth_sendTransaction', [
    { from: state.account, ...tx, ...(tx.value !== undefined ? { value: '0x' + BigInt(tx.value).toString(16) } : {}) },
  ]);
  const receipt = await waitForReceipt(hash);
  if (receipt.status !== '0x1') throw new Error(`transaction ${hash} reverted`);
  return hash;
}

/** Runs an action bound to a button and writes the outcome next to it. */
function action(buttonId, resultId, run) {
  $(buttonId).addEventListener('click', async () => {
    if (!state.account) return show(resultId, 'connect a wallet first', 'error');
    show(resultId, 'waiting for the wallet…');
    try {
      show(resultId, await run(), 'ok');
    } catch (error) {
      show(resultId, `${error.code === 4001 ? 'rejected' : 'failed'}: ${error.message ?? error}`, 'error');
    }
  });
}

async function minOutFor(deposit, value) {
  if (!deposit.preview) return 0n;
  const types = deposit.preview.args.length ? ['address', 'uint256'] : ['uint256'];
  const data = calldata(deposit.preview.selector, types, [...deposit.preview.args, value]);
  const out = BigInt(await request('eth_call', [{ to: deposit.preview.contract, data }, 'latest']));
  return (out * (10_000n - slippageBps())) / 10_000n;
}

async function deposit(d) {
  const value = amount();
  if (d.functionName === 'receive') return `tx ${await send({ to: d.contract, value })}`;
  const minOut = await minOutFor(d, value);
  const values = d.args.map((kind) => ({ receiver: state.account, minOut, zeroAddress: ZERO_ADDRESS, emptyString: '', zero: 0n })[kind]);
  return `tx ${await send({ to: d.contract, value, data: calldata(d.selector, d.argTypes, values) })}${d.preview ? ` (minOut ${minOut})` : ''}`;
}

function renderDeposits() {
  const { deposits } = state.config;
  $('deposits').innerHTML = '';
  for (const d of deposits) {
    const row = document.createElement('div');
    row.className = 'row';
    row.innerHTML = `<button id="deposit-${d.symbol}" type="button">Deposit ETH → ${d.symbol} (${d.protocol})</button><output id="result-deposit-${d.symbol}"></output>`;
    $('deposits').append(row);
    action(`deposit-${d.symbol}`, `result-deposit-${d.symbol}`, () => deposit(d));
  }
}

const approve = (token, spender, value) =>
  send({ to: token, data: calldata(state.config.selectors.approve, ['address', 'uint256'], [spender, value]) });

function wireActions() {
  const c = state.config;
  const s = c.selectors;
  action(
    'delegate',
    'result-delegate',
    async () =>
      `tx ${await send({ to: c.eigen.delegationManager, data: calldata(s.delegateTo, ['address', '(bytes,uint256)', 'bytes32'], [c.eigen.operator, ['0x', 0n], '0x' + '0'.repeat(64)]) })}`,
  );
  action('eigen-deposit', 'result-eigen-deposit', async () => {
    const value = amount();
    await approve(c.tokens.stETH, c.eigen.strategyManager, value);
    return `tx ${await send({ to: c.eigen.strategyManager, data: calldata(s.depositIntoStrategy, ['address', 'address', 'uint256'], [c.eigen.stethStrategy, c.tokens.stETH, value]) })}`;
  });
  action('aave-supply', 'result-aave-supply', async () => {
    const value = amount();
    const asset = c.tokens[$('aave-asset').value];
    await approve(asset, c.aave.pool, value);
    return `tx ${await send({ to: c.aave.pool, data: calldata(s.aaveSupply, ['address', 'uint256', 'address', 'uint16'], [asset, value, state.account, 0]) })}`;
  });
  action('curve-add', 'result-curve-add', async () => {
    const value = amount();
    await approve(c.tokens.stETH, c.curve.stethPool, value);
    return `tx ${await send({ to: c.curve.stethPool, value, data: calldata(s.curveAddLiquidity, ['uint256[2]', 'uint256'], [[value, value], 0n]) })}`;
  });
  action('sign-permit2', 'result-sign-permit2', async () => {
    const now = Math.floor(Date.now() / 1000);
    const typed = {
      types: {
        EIP712Domain: [
          { name: 'name', type: 'string' },
          { name: 'chainId', type: 'uint256' },
          { name: 'verifyingContract', type: 'address' },
        ],
        PermitDetails: [
          { name: 'token', type: 'address' },
          { name: 'amount', type: 'uint160' },
          { name: 'expiration', type: 'uint48' },
          { name: 'nonce', type: 'uint48' },
        ],
        PermitSingle: [
          { name: 'details', type: 'PermitDetails' },
          { name: 'spender', type: 'address' },
          { name: 'sigDeadline', type: 'uint256' },
        ],
      },
      primaryType: 'PermitSingle',
      domain: { name: 'Permit2', chainId: c.chainId, verifyingContract: c.permit2 },
      // The risky shape drainers ask for: unlimited amount that never expires.
      message: {
        details: { token: c.tokens.stETH, amount: MAX_UINT160.toString(), expiration: MAX_UINT48.toString(), nonce: '0' },
        spender: c.aave.pool,
        sigDeadline: String(now + 1800),
      },
    };
    return `signature ${await request('eth_signTypedData_v4', [state.account, JSON.stringify(typed)])}`;
  });
  action('sign-permit', 'result-sign-permit', async () => {
    const nonce = BigInt(
      await request('eth_call', [{ to: c.tokens.stETH, data: calldata(s.nonces, ['address'], [state.account]) }, 'latest']).catch(
        () => '0x0',
      ),
    );
    const typed = {
      types: {
        EIP712Domain: [
          { name: 'name', type: 'string' },
          { name: 'version', type: 'string' },
          { name: 'chainId', type: 'uint256' },
          { name: 'verifyingContract', type: 'address' },
        ],
        Permit: [
          { name: 'owner', type: 'address' },
          { name: 'spender', type: 'address' },
          { name: 'value', type: 'uint256' },
          { name: 'nonce', type: 'uint256' },
          { name: 'deadline', type: 'uint256' },
        ],
      },
      primaryType: 'Permit',
      domain: { name: c.tokenNames.stETH, version: '2', chainId: c.chainId, verifyingContract: c.tokens.stETH },
      message: {
        owner: state.account,
        spender: c.aave.pool,
        value: amount().toString(),
        nonce: nonce.toString(),
        deadline: String(Math.floor(Date.now() / 1000) + 3600),
      },
    };
    return `signature ${await request('eth_signTypedData_v4', [state.account, JSON.stringify(typed)])}`;
  });
}

async function connect() {
  try {
    const accounts = await request('eth_requestAccounts');
    state.account = accounts[0] ?? null;
    show('account', state.account ?? 'no account', state.account ? 'ok' : 'error');
    show('chain', String(Number(await request('eth_chainId'))));
  } catch (error) {
    show('account', `${error.code === 4001 ? 'rejected' : 'failed'}: ${error.message ?? error}`, 'error');
  }
}

async function main() {
  state.config = await (await fetch('config.json')).json();
  renderDeposits();
  wireActions();
  const found = await discoverWallet();
  if (!found) {
    show('wallet-name', 'no wallet found', 'error');
    $('connect').disabled = true;
    return;
  }
  state.provider = found.provider;
  show('wallet-name', found.name, 'ok');
  $('connect').addEventListener('click', connect);
  state.provider.on?.('accountsChanged', (accounts) => {
    state.account = accounts[0] ?? null;
    show('account', state.account ?? 'not connected');
  });
  state.provider.on?.('chainChanged', (id) => show('chain', String(Number(id))));
}

main().catch((error) => show('status', `demo failed to start: ${error.message}`, 'error'));
