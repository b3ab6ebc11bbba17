import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Address, Hex } from 'viem';
import type { AccountView, ActivityItem, NetworkView, PendingRequestView, Result, SiteView, WalletStateView } from './types';
import type { PortfolioView } from './portfolio-view';
import type { PreviewView } from './preview-view';
import type { InsightsView } from './insights-view';
import type { Alert, AlertSettings } from '../alerts/types';
import type { FlowState } from '../flows/types';
import type { RecipeYieldView } from '../flows/recipe-yield';
import type { FeeEdit } from '../provider/fees';
import type { DeviceRequest } from '../wallet/hardware/bridge';
import type { HardwareErrorCode } from '../errors';
import type { StoredFeeQuote } from '../storage/fee-quote';
import type { AddressBookEntryView } from '../wallet/address-book';
import type { HomeBalancesView } from '../balances/service';
import type { EthBalanceRead } from '../balances/read';
import type { TokenMetadata } from '../balances/custom-token';
import type { RecipientView } from '../provider/send/recipient';
import type { SendOptionsView, SendStartInput, SendStartView } from '../provider/send/service';

import type { FlowAccountView, FlowPreviewView, FlowRecipeView, WithdrawInput } from '../flows/service';

export type { FlowAccountView, FlowPreviewView, FlowRecipeView };

/**
 * The one typed protocol between extension pages (popup, approval window) and the background.
 * Every handler answers a Result so errors cross the boundary with their message intact.
 * lib/messaging/handler-layer checks the sender (an extension page) and the data (MESSAGE_SCHEMAS) before
 * any handler runs; content scripts never use this protocol (they talk over the provider Port).
 */
export interface BallastProtocol {
  'wallet:getState'(): Result<WalletStateView>;
  'wallet:create'(data: { password: string }): Result<{ mnemonic: string }>;
  'wallet:confirmBackup'(data: { words: Record<number, string> }): Result<true>;
  'wallet:importMnemonic'(data: { mnemonic: string; password: string }): Result<true>;
  /** `password` encrypts a new vault when this is the first secret (onboarding by private key). */
  'wallet:importPrivateKey'(data: { privateKey: string; name?: string; password?: string }): Result<AccountView>;
  'wallet:addWatchOnly'(data: { address: string; name?: string }): Result<AccountView>;
  'wallet:unlock'(data: { password: string }): Result<true>;
  'wallet:lock'(): Result<true>;
  'wallet:changePassword'(data: { oldPassword: string; newPassword: string }): Result<true>;
  'wallet:revealMnemonic'(data: { password: string }): Result<{ mnemonic: string }>;
  'wallet:setAutoLock'(data: { minutes: number }): Result<true>;
  'accounts:add'(data: { name?: string }): Result<AccountView>;
  'accounts:rename'(data: { address: Address; name: string }): Result<true>;
  'accounts:setHidden'(data: { address: Address; hidden: boolean }): Result<true>;
  'accounts:select'(data: { address: Address }): Result<true>;
  /** Accounts read from a Ledger or Keystone by a Ballast page: address and derivation path only (the key stays on the device). */
  'accounts:addHardware'(data: {
    device: 'ledger' | 'keystone';
    accounts: { address: Address; path: string; name?: string; xfp?: string }[];
  }): Result<AccountView[]>;
  /** Requests waiting for a device (the device window signs them and answers below). */
  'devices:pending'(): Result<DeviceRequest[]>;
  /** The device's signature (a signed transaction, or a message signature); the background checks it before use. */
  'devices:answer'(data: { id: string; signed: Hex }): Result<true>;
  /** What the device said instead of signing (rejected, locked, unplugged ...), or the person closed the window. */
  'devices:fail'(data: { id: string; code: HardwareErrorCode; extra?: string }): Result<true>;
  'sites:list'(): Result<SiteView[]>;
  'sites:revoke'(data: { origin: string }): Result<true>;
  /** The site drops the chain it switched to and follows the wallet's network again (it hears chainChanged if that differs). */
  'sites:followWallet'(data: { origin: string }): Result<true>;
  'networks:list'(): Result<{ networks: NetworkView[]; activeChainId: number; activeKey?: string }>;
  'networks:setRpcUrls'(data: {
    chainId: number;
    rpcUrls: string[];
    /** NetworkView.key; picks devnet vs mainnet (both chain 1). */ key?: string;
  }): Result<true>;
  'networks:switch'(data: { chainId: number; /** NetworkView.key; picks devnet vs mainnet (both chain 1). */ key?: string }): Result<true>;
  'pending:list'(): Result<PendingRequestView[]>;
  /**
   * An approval of a transaction or batch names the fee version the window showed (refused if the stored
   * one differs) and, when the fee has a danger flag, the user's second step (acceptFeeDanger).
   */
  'pending:resolve'(data: {
    id: string;
    approved: boolean;
    accounts?: Address[];
    feeVersion?: number;
    acceptFeeDanger?: boolean;
  }): Result<true>;
  /** The user picked a fee preset or typed their own fee; answers the stored fee (version bumped) or why it is refused. */
  'pending:setFee'(data: { id: string } & FeeEdit): Result<StoredFeeQuote>;
  /** Risk preview of a pending transaction / signature / batch; `wait` waits for the simulation to finish. */
  'preview:get'(data: { id: string; wait?: boolean }): Result<PreviewView>;
  'activity:list'(): Result<ActivityItem[]>;
  /** Speed up or cancel a pending transaction: the approval window shows the replacement; answers its hash once sent. */
  'activity:replace'(data: { hash: Hex; mode: 'speed-up' | 'cancel' }): Result<{ hash: Hex }>;
  /** The wallet's own accounts (by their account names), then the saved entries by name. */
  'addressBook:list'(): Result<AddressBookEntryView[]>;
  /** A new entry: the address as typed (a mixed-case one must match its checksum), a name of 1–40 characters. */
  'addressBook:add'(data: { address: string; name: string; note?: string }): Result<AddressBookEntryView>;
  /** Renames a saved entry and replaces its note; own accounts are renamed with accounts:rename. */
  'addressBook:update'(data: { address: Address; name: string; note?: string }): Result<AddressBookEntryView>;
  'addressBook:remove'(data: { address: Address }): Result<true>;
  'settings:get'(): Result<{ defaultWallet: boolean; guardMode: boolean; theme: 'system' | 'light' | 'dark'; txNotifications: boolean }>;
  'settings:set'(data: {
    defaultWallet?: boolean;
    guardMode?: boolean;
    theme?: 'system' | 'light' | 'dark';
    txNotifications?: boolean;
  }): Result<true>;
  /** Stored snapshot with its freshness and history; never waits for the chain. */
  'portfolio:get'(): Result<PortfolioView>;
  /** Refreshes now (popup open, Refresh button) and answers the new view; failures land in freshness/schedule. */
  'portfolio:refresh'(): Result<PortfolioView>;
  /** Home: the selected account's last stored balances on the active network; never waits for the chain. */
  'balances:get'(): Result<HomeBalancesView>;
  /** ETH of up to 20 addresses (the Ledger import's list), one Multicall3 read on the active network. */
  'balances:ethOf'(data: { addresses: Address[] }): Result<EthBalanceRead[]>;
  /** Reads ETH and every listed token's balance now (one Multicall3 batch), stores and answers the new view. */
  'balances:refresh'(): Result<HomeBalancesView>;
  /** A token by its address on the active chain: symbol/decimals/name read from the chain, duplicates and non-tokens refused. */
  'balances:addToken'(data: { address: string }): Result<TokenMetadata>;
  /** Takes a site's or the user's added token off Home (registry tokens stay). */
  'balances:removeToken'(data: { address: Address }): Result<HomeBalancesView>;
  /** Yield, exit routes and protocol profile of one holding (amount as a decimal string), read now. */
  'insights:get'(data: { symbol: string; amount: string }): Result<InsightsView>;
  /** Listed alerts, newest first (read and unread). */
  'alerts:list'(): Result<Alert[]>;
  /** Marks alerts read; answers the new badge count (unread danger alerts). */
  'alerts:markRead'(data: { ids: string[] | 'all' }): Result<{ unreadDanger: number }>;
  'alerts:getSettings'(): Result<AlertSettings>;
  /** Validated in the background too (AppError naming the bad field); answers what was stored. */
  'alerts:updateSettings'(data: AlertSettings): Result<AlertSettings>;
  'flows:recipes'(): Result<FlowRecipeView[]>;
  /** Expected yield per recipe: its staked token's APR from the chain, or "unknown" with the reason. */
  'flows:yields'(): Result<RecipeYieldView[]>;
  /** The account a flow would use: the selected one, its ETH balance (wei) and whether it can sign now. */
  'flows:account'(): Result<FlowAccountView>;
  /** Plans for the selected account; the amount is validated against its ETH balance (AppError for the form). */
  'flows:plan'(data: { recipeId: string; amountText: string; slippageBps?: number; operator?: string }): Result<FlowPreviewView>;
  /** The user's one click on the preview the background stored under this id: runs it; answers the first state. */
  'flows:start'(data: { previewId: string; acceptFeeDanger?: boolean }): Result<FlowState>;
  'flows:get'(data: { id: string }): Result<FlowState | null>;
  /** Newest first. */
  'flows:list'(): Result<FlowState[]>;
  /**
   * Retry a stopped flow. After a stop for the fee it answers the flow with a new fee (feeRequote) and sends
   * nothing; the flow goes on when called with that quote's id in `acceptFee`.
   */
  'flows:retry'(data: { id: string; acceptFee?: string; acceptFeeDanger?: boolean }): Result<FlowState>;
  /** Plans the undo of a stopped or finished flow as a new flow preview (start it with flows:start). */
  'flows:unwind'(data: { id: string }): Result<FlowPreviewView>;
  /**
   * One-click withdraw: a request into a protocol queue, the claim of a finalized request, or an EigenLayer
   * completion, planned and simulated as a flow preview (start it with flows:start).
   */
  'flows:withdraw'(data: WithdrawInput): Result<FlowPreviewView>;
  /** Send: the selected account, the tokens it holds (ETH first) with balance, Max and USD price. */
  'send:options'(): Result<SendOptionsView>;
  /** A recipient as typed (0x address, ENS name, account or address-book name) → its address, or why not. */
  'send:resolve'(data: { to: string }): Result<RecipientView>;
  /** Checks it all again, builds the transaction and puts it in the approval window; answers once it shows there. */
  'send:start'(data: SendStartInput): Result<SendStartView>;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<BallastProtocol>();
