import { approvalWindow } from './approval-window';
import { bundleSizes } from './bundle-sizes';
import { devnetStart } from './devnet-start';
import { home } from './home';
import { inpageCompare } from './inpage-compare';
import { l2Holdings } from './l2-holdings';
import { popup } from './popup';
import { preview } from './preview';
import { previewRtt } from './preview-rtt';
import { sendPreview } from './send-preview';
import { tracker } from './tracker';
import type { BenchPart } from './types';
import { unlock } from './unlock';
import { workerWake } from './worker-wake';

/**
 * Every benchmark part, in run order. Add a part: write tests/bench/<part>.ts exporting a BenchPart
 * (keys it owns in bench/results.json) and list it here.
 */
export const BENCH_PARTS: BenchPart[] = [bundleSizes, inpageCompare, devnetStart, tracker, l2Holdings, preview, previewRtt, unlock, popup, home, approvalWindow, sendPreview, workerWake];
