import { startDevnet } from '../devnet/devnet';
import { median, type BenchPart } from './types';

const STARTS = 3;

/** Spawning anvil and seeding every double plus the demo accounts (startDevnet's own readyInMs), median of 3. */
export const devnetStart: BenchPart = {
  name: 'devnet start',
  needsBrowser: false,
  async run() {
    const times: number[] = [];
    for (let i = 0; i < STARTS; i++) {
      const devnet = await startDevnet();
      times.push(devnet.info.readyInMs);
      await devnet.stop();
    }
    return { devnet_start_ms: Math.round(median(times)) };
  },
};
