export { sendMessage, onMessage } from './protocol';
export type { BallastProtocol } from './protocol';
export type * from './types';
