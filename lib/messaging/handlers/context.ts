import type { Hex, PublicClient } from 'viem';
import type { AlertsService } from '../../alerts/service';
import type { BalancesService } from '../../balances/service';
import type { NetworkService } from '../../chain/networks';
import type { FlowsService } from '../../flows/service';
import type { InsightsService } from '../../insights/service';
import type { PreviewService } from '../../preview/service';
import type { ApprovalQueue } from '../../provider';
import type { SendService } from '../../provider/send/service';
import type { Settings } from '../../storage/items';
import type { PortfolioService } from '../../tracker/portfolio-service';
import type { ActivityService } from '../../wallet/activity';
import type { AddressBookService } from '../../wallet/address-book';
import type { createAutoLock } from '../../wallet/auto-lock';
import type { PermissionService } from '../../wallet/permissions';
import type { WalletService } from '../../wallet/wallet-service';
import type { DeviceBridge } from '../../wallet/hardware/bridge';
import type { HandlerTable } from '../handler-layer';
import type { UiTopic } from '../ui-events';

/** Everything the UI protocol's handlers reach, built by the background's wiring. */
export type ProtocolServices = {
  wallet: WalletService;
  /** Hardware signing requests waiting for the device window. */
  devices: DeviceBridge;
  networks: NetworkService;
  permissions: PermissionService;
  activity: ActivityService;
  approvals: ApprovalQueue;
  autoLock: ReturnType<typeof createAutoLock>;
  settings: { getValue(): Promise<Settings>; setValue(value: Settings): Promise<void> };
  client: () => Promise<PublicClient>;
  previews: PreviewService;
  portfolio: PortfolioService;
  balances: BalancesService;
  insights: InsightsService;
  alerts: AlertsService;
  flows: FlowsService;
  addressBook: AddressBookService;
  /** Speed up or cancel a pending transaction through the approval window and the one transaction path. */
  replaceTransaction: (hash: Hex, mode: 'speed-up' | 'cancel') => Promise<Hex>;
  send: SendService;
  /** Refreshes Activity's pending transactions on every chain they were sent on (each through its own node). */
  refreshActivity?: () => Promise<unknown>;
  /** Tells open Ballast pages to re-read a topic. */
  notify: (topic: UiTopic) => void;
};

/** A slice of the handler table; the index joins the slices into the total table. */
export type Handlers = Partial<HandlerTable<ProtocolServices>>;
