// @metamask/eth-sig-util expects Node's Buffer; every bundle that reaches it imports this first.
import { Buffer } from 'buffer';

const scope = globalThis as unknown as { Buffer?: typeof Buffer };
scope.Buffer ??= Buffer;
