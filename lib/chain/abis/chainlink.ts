import { parseAbi } from 'viem';
import { erc20Abi } from './erc20';
import { pickAbi } from './pick';

/** Chainlink AggregatorV3Interface (reference §3.2); decimals() is the ERC-20 fragment. */
export const chainlinkAggregatorAbi = [
  ...parseAbi([
    'function latestRoundData() view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)',
    'function description() view returns (string)',
    'function version() view returns (uint256)',
  ]),
  ...pickAbi(erc20Abi, ['decimals']),
] as const;
