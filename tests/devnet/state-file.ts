import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run devnet` leaves its RPC URL for `npm run scenario` (gitignored). */
export const DEVNET_STATE_FILE = fileURLToPath(new URL('../.artifacts/devnet.json', import.meta.url));

/** `l2`: the L2 nodes `npm run devnet` started beside the L1 (tests/devnet/l2-devnet.ts). */
export type DevnetState = {
  rpcUrl: string;
  port: number;
  pid: number;
  startedAt: string;
  l2?: { chainId: number; name: string; rpcUrl: string; port: number }[];
};

export function writeDevnetState(state: DevnetState, file = DEVNET_STATE_FILE): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(state, null, 2));
}

export function readDevnetState(file = DEVNET_STATE_FILE): DevnetState | undefined {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as DevnetState;
}

/** Removes the state file only if it still describes this process's devnet. */
export function clearDevnetState(pid: number, file = DEVNET_STATE_FILE): void {
  if (readDevnetState(file)?.pid === pid) rmSync(file, { force: true });
}
