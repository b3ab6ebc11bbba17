export { WAD, MAX_UINT256, MAX_UINT160, mulDiv, mulWad, mulWadUp, divWad, wadToNumber } from './wad';
export { scoreFlags, severityRank, maxSeverity } from './flag';
export type { RiskFlag, RiskSource, Severity, ScoreFlagsReturnType } from './flag';
export { depegRatio, exitLoss, depegFlag, exitLossFlag, DEPEG_THRESHOLDS_BPS, EXIT_LOSS_THRESHOLDS_BPS } from './depeg';
export type { DepegRatioReturnType, ExitLossParameters, ExitLossReturnType, DepegFlagParameters, ExitLossFlagParameters } from './depeg';
export {
  withdrawableShares,
  slashingFactor,
  newDepositScalingFactor,
  slashMagnitude,
  operatorSharesSlashed,
  realisedLoss,
} from './slashing';
export type {
  SlashingFactorParameters,
  NewDepositScalingFactorParameters,
  SlashMagnitudeParameters,
  SlashMagnitudeReturnType,
  OperatorSharesSlashedParameters,
  RealisedLossParameters,
  RealisedLossReturnType,
} from './slashing';
export { ethAtRiskPerSet, lrtExposure } from './exposure';
export type {
  OperatorSet,
  AllocationInput,
  EthAtRiskPerSetParameters,
  EthAtRiskPerSetReturnType,
  SetExposure,
  LrtExposureParameters,
  LrtExposureReturnType,
} from './exposure';
export { ilConstantProduct } from './il-constant-product';
export { ilUniswapV3 } from './il-uniswap-v3';
export type { IlUniswapV3Parameters, IlUniswapV3ReturnType } from './il-uniswap-v3';
export { ilStableSwap } from './il-stableswap';
export type { IlStableSwapParameters, IlStableSwapReturnType } from './il-stableswap';
export { ilTable, ilAtPrice, ilYieldBearing } from './il-table';
export type { IlPoolKind, IlTableRow, IlYieldBearingParameters, IlYieldBearingReturnType } from './il-table';
export { approvalFlags, setApprovalForAllFlags } from './traps/approvals';
export type { Erc20ApprovalRequest, SetApprovalForAllRequest } from './traps/approvals';
export { permitFlags, permit2Flags } from './traps/permits';
export type { Eip2612PermitRequest, Permit2Request, Permit2AllowanceDetails, Permit2TokenAmount } from './traps/permits';
export { callTargetFlags, typedDataChainFlags } from './traps/calls';
export type { CallTargetRequest, TypedDataChainRequest } from './traps/calls';
export { findTypedDataIssue, typedDataIssueFlags, atomicType } from './traps/typed-data';
export type { TypedDataShape, TypedDataIssue, FindTypedDataIssueParameters } from './traps/typed-data';
export { findHiddenCharacters, revealHiddenCharacters, hiddenCharacterFlags, HIDDEN_CHARACTERS } from './traps/hidden-characters';
export type { HiddenCharacter } from './traps/hidden-characters';
export { parseSiwe, siweDomainMatches, siweFlags } from './traps/siwe';
export type { SiweFields, SiweFlagsParameters } from './traps/siwe';
export { UNLIMITED_ERC20_THRESHOLD, UNLIMITED_PERMIT2_AMOUNT, LONG_EXPIRY_WARN_SECONDS, LONG_EXPIRY_DANGER_SECONDS } from './traps/policy';
export {
  pausedDepositFlags,
  staleOracleFlags,
  withdrawalAvailabilityFlags,
  recentSlashFlags,
  RECENT_SLASH_WINDOW_SECONDS,
} from './protocol-state';
export type {
  PausedDepositRequest,
  StaleOracleRequest,
  WithdrawalAvailabilityRequest,
  RecentSlashRequest,
  SlashEvent,
} from './protocol-state';
export { addressPoisoningFlags, lookalikesOf, visibleEnds, POISON_PREFIX_CHARS, POISON_SUFFIX_CHARS } from './traps/address-poisoning';
export type { KnownAddress } from './traps/address-poisoning';
export { checksumProblem, recipientFlags } from './traps/recipient';
export type { RecipientFlagsParameters, SentAsset } from './traps/recipient';
export { lrtLookThrough, holderShareOfLoss } from './lrt-lookthrough';
export { operatorConcentration } from './operator-concentration';
export type { OperatorConcentration } from './operator-concentration';
export type {
  LrtStakerPosition,
  OperatorMagnitudes,
  LrtLookThroughParameters,
  LrtLookThroughReturnType,
  OperatorShare,
  SetRisk,
  AvsRisk,
  HolderLossParameters,
} from './lrt-lookthrough';
export { aggregateExposure, concentrationChange, lrtAmountByOperator } from './portfolio-exposure';
export type { ExposureHolding, PortfolioExposure, SetLoss, LrtOperatorMix, ConcentrationChange } from './portfolio-exposure';
export { rateLagFlags } from './l2-rate-lag';
