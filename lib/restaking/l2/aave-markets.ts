import type { Address } from 'viem';
import type { L2ChainId, L2TokenSymbol } from './registry';

/**
 * Aave v3 on the L2s (issue #18, item 4): what the tracker needs beside registry.ts's pool to read a position there in
 * the chain's single Multicall3 batch — the oracle, each reserve's aToken (a balance cannot wait for a second round
 * trip to learn it), and the e-mode categories whose collateral is a registry token (their threshold applies to it).
 * Only reserves that are registry tokens, plus WETH (the usual debt of a loop). Every address from
 * bgd-labs/aave-address-book at the commit registry.ts cites.
 */

export type L2AaveReserveSymbol = L2TokenSymbol | 'WETH';

export interface L2AaveReserve {
  symbol: L2AaveReserveSymbol;
  /** The underlying (for a registry token, the registry's address of it: registry.test.ts checks they agree). */
  asset: Address;
  aToken: Address;
}

export interface L2AaveMarket {
  oracle: Address;
  reserves: readonly L2AaveReserve[];
  /** E-mode category ids (AaveV3<Chain>EModes) with a registry token as collateral. */
  eModeIds: readonly number[];
  source: string;
}

const book = (file: string, what: string): string =>
  `github:bgd-labs/aave-address-book/src/${file}@f61c976 (${what}: ORACLE, <symbol>_UNDERLYING, <symbol>_A_TOKEN, AaveV3${what}EModes)`;

export const L2_AAVE_MARKETS: Readonly<Partial<Record<L2ChainId, L2AaveMarket>>> = {
  42161: {
    oracle: '0xb56c2F0B653B2e0b10C9b928C8580Ac5Df02C7C7',
    reserves: [
      { symbol: 'WETH', asset: '0x82aF49447D8a07e3bd95BD0d56f35241523fBab1', aToken: '0xe50fA9b3c56FfB159cB0FCA61F5c9D750e8128c8' },
      { symbol: 'wstETH', asset: '0x5979D7b546E38E414F7E9822514be443A4800529', aToken: '0x513c7E3a9c69cA3e22550eF58AC1C0088e918FFf' },
      { symbol: 'rETH', asset: '0xEC70Dcb4A1EFa46b8F2D97C310C9c4790ba5ffA8', aToken: '0x8Eb270e296023E9D92081fdF967dDd7878724424' },
      { symbol: 'weETH', asset: '0x35751007a407ca6FEFfE80b3cB397736D2cf4dbe', aToken: '0x8437d7C167dFB82ED4Cb79CD44B7a32A1dd95c77' },
      { symbol: 'ezETH', asset: '0x2416092f143378750bb29b79eD961ab195CcEea5', aToken: '0xEA1132120ddcDDA2F119e99Fa7A27a0d036F7Ac9' },
      { symbol: 'rsETH', asset: '0x4186BFC76E2E237523CBC30FD220FE055156b41F', aToken: '0x6b030Ff3FB9956B1B69f475B77aE0d3Cf2CC5aFa' },
    ],
    // WETH_wstETH_weETH__WETH 2, ezETH__WETH_wstETH 3, ezETH__USDT_USDCn 4, rsETH__WETH_wstETH 5, rsETH__USDC_USDT 6, wstETH__WETH 7
    eModeIds: [2, 3, 4, 5, 6, 7],
    source: book('AaveV3Arbitrum.sol', 'Arbitrum'),
  },
  8453: {
    oracle: '0x2Cc0Fc26eD4563A5ce5e8bdcfe1A2878676Ae156',
    reserves: [
      { symbol: 'WETH', asset: '0x4200000000000000000000000000000000000006', aToken: '0xD4a0e0b9149BCee3C920d2E00b5dE09138fd8bb7' },
      { symbol: 'cbETH', asset: '0x2Ae3F1Ec7F1F5012CFEab0185bfc7aa3cf0DEc22', aToken: '0xcf3D55c10DB69f28fD1A75Bd73f3D8A2d9c595ad' },
      { symbol: 'wstETH', asset: '0xc1CBa3fCea344f92D9239c08C0568f6F2F0ee452', aToken: '0x99CBC45ea5bb7eF3a5BC08FB1B7E56bB2442Ef0D' },
      { symbol: 'weETH', asset: '0x04C0599Ae5A44757c0af6F9eC3b93da8976c150A', aToken: '0x7C307e128efA31F540F2E2d976C995E0B65F51F6' },
      { symbol: 'ezETH', asset: '0x2416092f143378750bb29b79eD961ab195CcEea5', aToken: '0xDD5745756C2de109183c6B5bB886F9207bEF114D' },
      { symbol: 'wrsETH', asset: '0xEDfa23602D0EC14714057867A78d01e94176BEA0', aToken: '0x80a94C36747CF51b2FbabDfF045f6D22c1930eD1' },
    ],
    // WETH_cbETH_wstETH_weETH__WETH 1, ezETH__wstETH 2, ezETH__USDC 3, wrsETH__WETH_wstETH 5, wrsETH__USDC 6, weETH__WETH 7,
    // wstETH__WETH 8, cbETH__WETH 9
    eModeIds: [1, 2, 3, 5, 6, 7, 8, 9],
    source: book('AaveV3Base.sol', 'Base'),
  },
  10: {
    oracle: '0xD81eb3728a631871a7eBBaD631b5f424909f0c77',
    reserves: [
      { symbol: 'WETH', asset: '0x4200000000000000000000000000000000000006', aToken: '0xe50fA9b3c56FfB159cB0FCA61F5c9D750e8128c8' },
      { symbol: 'wstETH', asset: '0x1F32b1c2345538c0c6f582fCB022739c4A194Ebb', aToken: '0xc45A479877e1e9Dfe9FcD4056c699575a1045dAA' },
      { symbol: 'rETH', asset: '0x9Bcef72be871e61ED4fBbc7630889beE758eb81D', aToken: '0x724dc807b04555b71ed48a6896b6F41593b8C637' },
    ],
    // WETH_wstETH_rETH__WETH 2
    eModeIds: [2],
    source: book('AaveV3Optimism.sol', 'Optimism'),
  },
  59144: {
    oracle: '0xCFDAdA7DCd2e785cF706BaDBC2B8Af5084d595e9',
    reserves: [
      { symbol: 'WETH', asset: '0xe5D7C2a44FfDDf6b295A15c148167daaAf5Cf34f', aToken: '0x787897dF92703BB3Fc4d9Ee98e15C0b8130Bf163' },
      { symbol: 'wstETH', asset: '0xB5beDd42000b71FddE22D3eE8a79Bd49A568fC8F', aToken: '0x58943d20e010d9E34C4511990e232783460d0219' },
      { symbol: 'ezETH', asset: '0x2416092f143378750bb29b79eD961ab195CcEea5', aToken: '0x935EfCBeFc1dF0541aFc3fE145134f8c9a0beB89' },
      { symbol: 'weETH', asset: '0x1Bf74C010E6320bab11e2e5A532b5AC15e0b8aA6', aToken: '0x0C7921aB4888fd06731898b3fffFeB06781D5F4F' },
      { symbol: 'wrsETH', asset: '0xD2671165570f41BBB3B0097893300b6EB6101E6C', aToken: '0xCDD80E6211FC767352B198f827200C7e93d7Bb04' },
    ],
    // wstETH__WETH 1, ezETH__WETH 2, weETH__WETH 3, wrsETH__WETH 4, ezETH__USDC_USDT 5
    eModeIds: [1, 2, 3, 4, 5],
    source: book('AaveV3Linea.sol', 'Linea'),
  },
};
