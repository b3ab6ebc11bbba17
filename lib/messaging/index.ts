export { sendMessage, onMessage } from './protocol';
export type { BallastProtocol } from './protocol';
export type * from './types';
export { UI_PORT_NAME, PROVIDER_PORT_NAME } from './ui-events';
export type { UiEvent, UiTopic } from './ui-events';
