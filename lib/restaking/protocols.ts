import type { ProtocolId, ProtocolProfile } from './types';

/**
 * Protocol facts from reference §1.1 and the Balancer rate-provider reviews it cites. "upgradeable" is
 * true wherever the rate path runs through a proxy or a governance-replaceable contract.
 */
export const PROTOCOLS: Record<ProtocolId, ProtocolProfile> = {
  lido: {
    id: 'lido',
    name: 'Lido',
    rateOracle: 'stored',
    donationSusceptible: false,
    upgradeable: true,
    pausable: true,
    notes: 'stETH rebases on the daily oracle report; wstETH is an immutable wrapper whose rate is stETH shares→ETH.',
  },
  rocketpool: {
    id: 'rocketpool',
    name: 'Rocket Pool',
    rateOracle: 'stored',
    donationSusceptible: false,
    upgradeable: true,
    pausable: true,
    notes:
      'totalETHBalance is oDAO-reported (RocketNetworkBalances); network contracts are swapped through RocketStorage, resolve the deposit pool there.',
  },
  coinbase: {
    id: 'coinbase',
    name: 'Coinbase',
    rateOracle: 'stored',
    donationSusceptible: false,
    upgradeable: true,
    pausable: true,
    notes: 'exchangeRate() set by a Coinbase oracle role; no permissionless mint.',
  },
  etherfi: {
    id: 'etherfi',
    name: 'ether.fi',
    rateOracle: 'stored',
    donationSusceptible: false,
    upgradeable: true,
    pausable: true,
    notes:
      'eETH rebases when EtherFiAdmin/MembershipManager apply an oracle report; weETH.getRate() reads LiquidityPool.amountForShare(1e18).',
  },
  renzo: {
    id: 'renzo',
    name: 'Renzo',
    rateOracle: 'computed',
    donationSusceptible: true,
    upgradeable: true,
    pausable: true,
    notes:
      'rate = calculateTVLs().totalTVL / ezETH supply, live; TVL includes EigenPod and deposit-queue balances (Balancer review: donation-susceptible). Heavy view.',
  },
  kelp: {
    id: 'kelp',
    name: 'Kelp',
    rateOracle: 'stored',
    donationSusceptible: false,
    upgradeable: true,
    pausable: true,
    notes:
      'LRTOracle.rsETHPrice() is stored, refreshed by updateRSETHPrice() (callable by anyone in the Feb-2025 code, bounded by pricePercentageLimit).',
  },
  puffer: {
    id: 'puffer',
    name: 'Puffer',
    rateOracle: 'computed',
    donationSusceptible: true,
    upgradeable: true,
    pausable: true,
    notes:
      'ERC-4626 convertToAssets over totalAssets that counts WETH/ETH/stETH balances (Balancer review: donation-susceptible); previewRedeem subtracts the exit fee.',
  },
  swell: {
    id: 'swell',
    name: 'Swell',
    rateOracle: 'stored',
    donationSusceptible: false,
    upgradeable: true,
    pausable: true,
    notes: 'rswETHToETHRate is stored and moved by reprice() (repricing bot; ≤1% per reprice, ≥1 h apart per Balancer review).',
  },
  stader: {
    id: 'stader',
    name: 'Stader',
    rateOracle: 'stored',
    donationSusceptible: false,
    upgradeable: true,
    pausable: true,
    notes: 'getExchangeRate() from the StaderOracle quorum, max 1% delta per update.',
  },
  stakewise: {
    id: 'stakewise',
    name: 'StakeWise',
    rateOracle: 'stored',
    donationSusceptible: false,
    upgradeable: true,
    pausable: false,
    notes: 'OsTokenVaultController.convertToAssets accrues at a keeper-set avgRewardPerSecond between updates.',
  },
  mantle: {
    id: 'mantle',
    name: 'Mantle',
    rateOracle: 'stored',
    donationSusceptible: false,
    upgradeable: true,
    pausable: true,
    notes: 'Staking.mETHToETH uses the oracle record of totalControlled; staking can be paused by the Pauser.',
  },
};
