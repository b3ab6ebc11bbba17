import type { Browser } from 'wxt/browser';

/** The extension API object, passed in so wiring code never reaches for a global. */
export type BrowserApi = typeof import('wxt/browser').browser;
export type Port = Browser.runtime.Port;
export type MessageSender = Browser.runtime.MessageSender;
