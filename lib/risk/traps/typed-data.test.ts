import { describe, expect, it } from 'vitest';
import { SignTypedDataVersion, signTypedData } from '@metamask/eth-sig-util';
import { findTypedDataIssue, typedDataIssueFlags, type TypedDataShape } from './typed-data';

const DOMAIN_TYPE = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
];
const CONTRACT = '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC';
const ACCOUNT = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';
const SPENDER = '0x5B38Da6a701c568545dCfcB03FcB875f56beddC4';
const KEY = Buffer.from('ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80', 'hex');

// The MetaMask test dApp's own payloads (node_modules/@metamask/test-dapp/dist/main.js: signTypedDataV3,
// signTypedDataV4, getPermitMsgParams Permit / PermitSingle), as it sends them: chain ids as a number and as
// a decimal string, amounts as numbers and as decimal strings.
const mailV3: TypedDataShape = {
  types: {
    EIP712Domain: DOMAIN_TYPE,
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
};
const mailV4: TypedDataShape = {
  types: {
    EIP712Domain: DOMAIN_TYPE,
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
  domain: { chainId: '1', name: 'Ether Mail', verifyingContract: CONTRACT, version: '1' },
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
};
const permit = (message: Record<string, unknown> = {}): TypedDataShape => ({
  types: {
    EIP712Domain: DOMAIN_TYPE,
    Permit: [
      { name: 'owner', type: 'address' },
      { name: 'spender', type: 'address' },
      { name: 'value', type: 'uint256' },
      { name: 'nonce', type: 'uint256' },
      { name: 'deadline', type: 'uint256' },
    ],
  },
  primaryType: 'Permit',
  domain: { chainId: 1, name: 'MyToken', verifyingContract: CONTRACT, version: '1' },
  message: { owner: ACCOUNT, spender: SPENDER, value: 3000, nonce: 0, deadline: 50000000000, ...message },
});
const permitSingle: TypedDataShape = {
  types: {
    PermitSingle: [
      { name: 'details', type: 'PermitDetails' },
      { name: 'spender', type: 'address' },
      { name: 'sigDeadline', type: 'uint256' },
    ],
    PermitDetails: [
      { name: 'token', type: 'address' },
      { name: 'amount', type: 'uint160' },
      { name: 'expiration', type: 'uint48' },
      { name: 'nonce', type: 'uint48' },
    ],
    EIP712Domain: DOMAIN_TYPE,
  },
  primaryType: 'PermitSingle',
  domain: { chainId: 1, name: 'Permit2', verifyingContract: '0x000000000022d473030f116ddee9f6b43ac78ba3', version: '1' },
  message: {
    details: {
      token: '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48',
      amount: '1461501637330902918203684832716283019655932542975',
      expiration: '1722887542',
      nonce: '5',
    },
    spender: '0x3fc91a3afd70395cd496c647d5a6cc9d4b2b7fad',
    sigDeadline: '1720297342',
  },
};

/** One field of one type, for the atomic cases. */
const single = (type: string, value: unknown): TypedDataShape => ({
  types: { EIP712Domain: [], Thing: [{ name: 'x', type }] },
  primaryType: 'Thing',
  domain: {},
  message: { x: value },
});
const issueOf = (typed: TypedDataShape, version: 'V3' | 'V4' = 'V4') => findTypedDataIssue(typed, { version });

describe('typed data in canonical form', () => {
  it("passes the MetaMask test dApp's v3, v4, EIP-2612 permit and Permit2 payloads", () => {
    expect(issueOf(mailV3, 'V3')).toBeUndefined();
    expect(issueOf(mailV3)).toBeUndefined();
    expect(issueOf(mailV4)).toBeUndefined();
    expect(issueOf(permit())).toBeUndefined();
    expect(issueOf(permitSingle)).toBeUndefined();
  });

  it('address: only 0x + 40 hex digits; a decimal string, a number or a short hex is refused, naming the field', () => {
    const decimal = '917551056842671309452305380979543736893630245704';
    // eth-sig-util signs it without complaint: the bytes signed are not the address anybody reads.
    expect(() =>
      signTypedData({ privateKey: KEY, data: permit({ spender: decimal }) as never, version: SignTypedDataVersion.V4 }),
    ).not.toThrow();
    expect(issueOf(permit({ spender: decimal }))).toEqual({
      path: 'message.spender',
      problem: `expected an address (0x and 40 hex digits), got "${decimal}"`,
    });
    expect(issueOf(permit({ spender: 123456 }))?.path).toBe('message.spender');
    expect(issueOf(permit({ owner: '0x1234' }))?.path).toBe('message.owner');
    expect(issueOf(permit({ owner: `0X${ACCOUNT.slice(2)}` }))?.path).toBe('message.owner');
    expect(issueOf(permit({ owner: `${ACCOUNT}00` }))?.path).toBe('message.owner');
    expect(issueOf({ ...permit(), domain: { ...permit().domain, verifyingContract: decimal } })?.path).toBe('domain.verifyingContract');
    expect(issueOf(permit({ owner: ACCOUNT.toUpperCase().replace('0X', '0x') }))).toBeUndefined();
  });

  it('uintN / intN: a safe integer, a canonical decimal string or 0x hex without leading zeros, within range', () => {
    for (const ok of [0, 3000, Number.MAX_SAFE_INTEGER, '0', '1', '1000000000000000000', '0x0', '0x1', '0xFF', '0xde0b6b3a7640000'])
      expect(issueOf(single('uint256', ok)), String(ok)).toBeUndefined();
    const bigintLike = { toString: () => '5', valueOf: () => 5 };
    for (const bad of [
      '1e18',
      ' 5',
      '5 ',
      '007',
      '-0',
      '+5',
      '0x0001',
      '0x',
      '0X5',
      '',
      '1_000',
      1.5,
      2 ** 53,
      Number.NaN,
      true,
      bigintLike,
      [1],
    ]) {
      const issue = issueOf(single('uint256', bad));
      expect(issue?.path, String(bad)).toBe('message.x');
      expect(issue?.problem).toMatch(/^expected a uint256: a safe integer number, a decimal string without leading zeros/);
    }
    expect(issueOf(single('uint256', (2n ** 256n - 1n).toString()))).toBeUndefined();
    expect(issueOf(single('uint256', (2n ** 256n).toString()))?.problem).toMatch(/out of range for uint256 \(0 to 1157/);
    expect(issueOf(single('uint256', -1))?.problem).toBe('-1 is out of range for uint256 (0 to ' + (2n ** 256n - 1n) + ')');
    expect(issueOf(single('uint8', 255))).toBeUndefined();
    expect(issueOf(single('uint8', '0x100'))?.problem).toBe('"0x100" is out of range for uint8 (0 to 255)');
    expect(issueOf(single('uint48', '281474976710655'))).toBeUndefined();
    expect(issueOf(single('uint160', '1461501637330902918203684832716283019655932542976'))?.problem).toMatch(/out of range for uint160/);
    for (const ok of [127, -128, '-128', '0x7f', '-1']) expect(issueOf(single('int8', ok)), String(ok)).toBeUndefined();
    for (const bad of [128, -129, '0x80', '-129'])
      expect(issueOf(single('int8', bad))?.problem, String(bad)).toMatch(/out of range for int8 \(-128 to 127\)/);
    expect(issueOf(single('int256', (-(2n ** 255n)).toString()))).toBeUndefined();
    expect(issueOf(single('int256', '-0x1'))?.problem).toMatch(/^expected a int256/);
  });

  it('bytesN has exactly 2N hex digits; bytes an even number; bool is a boolean; string a string', () => {
    expect(issueOf(single('bytes32', `0x${'ab'.repeat(32)}`))).toBeUndefined();
    expect(issueOf(single('bytes32', `0x${'ab'.repeat(31)}`))?.problem).toMatch(/^expected bytes32 \(0x and exactly 64 hex digits\)/);
    expect(issueOf(single('bytes32', `0x${'ab'.repeat(33)}`))?.path).toBe('message.x');
    expect(issueOf(single('bytes32', 1))?.path).toBe('message.x');
    expect(issueOf(single('bytes1', '0x00'))).toBeUndefined();
    expect(issueOf(single('bytes1', '0x0'))?.path).toBe('message.x');
    expect(issueOf(single('bytes', '0x'))).toBeUndefined();
    expect(issueOf(single('bytes', '0xabcd'))).toBeUndefined();
    expect(issueOf(single('bytes', '0xabc'))?.problem).toMatch(/even number of hex digits/);
    expect(issueOf(single('bytes', 'hello'))?.path).toBe('message.x');
    expect(issueOf(single('bool', false))).toBeUndefined();
    // eth-sig-util signs Boolean("false"), which is true.
    expect(issueOf(single('bool', 'false'))?.problem).toBe('expected true or false, got "false"');
    expect(issueOf(single('bool', 0))?.path).toBe('message.x');
    expect(issueOf(single('string', ''))).toBeUndefined();
    expect(issueOf(single('string', 42))?.problem).toBe('expected a string, got 42');
  });

  it('arrays: a list, of the declared length, every entry checked with its index in the path; none in v3', () => {
    const wallets = (mailV4.message.from as { wallets: string[] }).wallets;
    const to = (i: number, wallet: string) => ({
      ...mailV4.message,
      to: [{ name: 'Bob', wallets: wallets.map((w, j) => (j === i ? wallet : w)) }],
    });
    expect(issueOf({ ...mailV4, message: to(1, '42') })?.path).toBe('message.to[0].wallets[1]');
    expect(issueOf({ ...mailV4, message: { ...mailV4.message, to: { name: 'Bob', wallets } } })?.problem).toMatch(
      /^expected an array \(Person\[\]\)/,
    );
    const fixed = { ...single('address[2]', wallets), types: { EIP712Domain: [], Thing: [{ name: 'x', type: 'address[2]' }] } };
    expect(issueOf(fixed)).toBeUndefined();
    expect(issueOf({ ...fixed, message: { x: [...wallets, wallets[0]] } })?.problem).toBe('expected exactly 2 entries (address[2]), got 3');
    expect(
      issueOf(
        single('uint8[][]', [
          [1, 2],
          [3, 256],
        ]),
      )?.path,
    ).toBe('message.x[1][1]');
    expect(issueOf(single('uint8[0]', []))?.problem).toMatch(/unknown type "uint8\[0\]"/);
    expect(issueOf(mailV4, 'V3')).toEqual({ path: 'types.Mail.to', problem: 'arrays (Person[]) need eth_signTypedData_v4' });
  });

  it('a type that is neither declared nor atomic is refused where it is declared, even under an empty array', () => {
    for (const type of ['Persn', 'uint', 'int', 'uint7', 'uint264', 'bytes0', 'bytes33', 'ConsiderationItem[+', 'function', 'address[]]'])
      expect(issueOf(single(type, '0x00'))?.path, type).toBe('types.Thing.x');
    const unusedButDeclared = {
      types: { EIP712Domain: [], Thing: [{ name: 'x', type: 'Item[]' }], Item: [{ name: 'y', type: 'adress' }] },
      primaryType: 'Thing',
      domain: {},
      message: { x: [] },
    };
    expect(issueOf(unusedButDeclared)?.problem).toBe('unknown type "adress": not declared in types and not an EIP-712 atomic type');
    expect(issueOf({ ...permit(), primaryType: 'Nope' })).toEqual({ path: 'primaryType', problem: '"Nope" is not declared in types' });
    // eth-sig-util would hash a struct named "uint256" as a struct while everybody reads a number.
    expect(issueOf({ ...single('uint256', 1), types: { EIP712Domain: [], Thing: [{ name: 'x', type: 'uint256' }], uint256: [] } })).toEqual(
      {
        path: 'types.uint256',
        problem: 'a struct cannot be named like the atomic type uint256',
      },
    );
    expect(issueOf({ ...single('uint256', 1), primaryType: 'address', types: { EIP712Domain: [], address: [] } })?.problem).toMatch(
      /cannot be named like the atomic type/,
    );
  });

  it('a field missing from the message or the domain is refused (eth-sig-util would skip it or sign zero)', () => {
    const { deadline: _deadline, ...withoutDeadline } = permit().message;
    // v3 leaves the missing field out of the hash altogether: the user sees nothing and signs something.
    expect(() =>
      signTypedData({ privateKey: KEY, data: { ...permit(), message: withoutDeadline } as never, version: SignTypedDataVersion.V3 }),
    ).not.toThrow();
    expect(issueOf({ ...permit(), message: withoutDeadline }, 'V3')).toEqual({
      path: 'message.deadline',
      problem: 'missing (a uint256 is required; a missing field would be signed as empty or zero)',
    });
    expect(issueOf(permit({ value: null }))?.path).toBe('message.value');
    expect(issueOf({ ...mailV3, message: { ...mailV3.message, to: undefined } })?.path).toBe('message.to');
    const { verifyingContract: _vc, ...domain } = permit().domain;
    expect(issueOf({ ...permit(), domain })?.path).toBe('domain.verifyingContract');
    // Without an EIP712Domain type the domain is not walked (other wallets derive the type from its keys).
    const { EIP712Domain: _d, ...types } = permit().types;
    expect(issueOf({ ...permit(), types, domain: { chainId: 'whatever' } })).toBeUndefined();
  });

  it('a struct value must be an object; a runaway nesting is refused', () => {
    expect(issueOf({ ...mailV3, message: { ...mailV3.message, from: 'Cow' } })?.problem).toBe('expected a Person object, got "Cow"');
    let node: Record<string, unknown> = { value: 1 };
    for (let i = 0; i < 70; i++) node = { value: 1, next: [node] };
    const deep = {
      types: {
        EIP712Domain: [],
        Node: [
          { name: 'value', type: 'uint8' },
          { name: 'next', type: 'Node[]' },
        ],
      },
      primaryType: 'Node',
      domain: {},
      message: node,
    };
    expect(issueOf(deep)?.problem).toBe('nested deeper than 64 levels');
  });

  it('guard mode: a non-canonical field becomes one danger flag naming it', () => {
    const flags = typedDataIssueFlags(issueOf(permit({ spender: '1' })));
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ id: 'typed-data.not-canonical', severity: 'danger', numbers: { field: 'message.spender' } });
    expect(typedDataIssueFlags(undefined)).toEqual([]);
  });
});
