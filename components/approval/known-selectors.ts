/** Signatures of calls a restaker meets often, so the approval window can name them. */
export const knownSignatures = [
  'transfer(address,uint256)',
  'approve(address,uint256)',
  'transferFrom(address,address,uint256)',
  'increaseAllowance(address,uint256)',
  'setApprovalForAll(address,bool)',
  'deposit()',
  'withdraw(uint256)',
  'submit(address)',
  'wrap(uint256)',
  'unwrap(uint256)',
  'depositETH()',
  'depositETH(uint256,string)',
  'supply(address,uint256,address,uint16)',
  'depositIntoStrategy(address,address,uint256)',
  'multicall(bytes[])',
] as const;

/** selector (0x + 8 hex, lower case) → signature; kept literal so a typo shows up in the test. */
export const knownSelectors: Record<string, string> = {
  '0xa9059cbb': 'transfer(address,uint256)',
  '0x095ea7b3': 'approve(address,uint256)',
  '0x23b872dd': 'transferFrom(address,address,uint256)',
  '0x39509351': 'increaseAllowance(address,uint256)',
  '0xa22cb465': 'setApprovalForAll(address,bool)',
  '0xd0e30db0': 'deposit()',
  '0x2e1a7d4d': 'withdraw(uint256)',
  '0xa1903eab': 'submit(address)',
  '0xea598cb0': 'wrap(uint256)',
  '0xde0e9a3e': 'unwrap(uint256)',
  '0xf6326fb3': 'depositETH()',
  '0x72c51c0b': 'depositETH(uint256,string)',
  '0x617ba037': 'supply(address,uint256,address,uint16)',
  '0xe7a050aa': 'depositIntoStrategy(address,address,uint256)',
  '0xac9650d8': 'multicall(bytes[])',
};
