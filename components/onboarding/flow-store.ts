import { create } from 'zustand';

export type OnboardingStep = 'welcome' | 'create' | 'show-phrase' | 'backup-check' | 'import-phrase' | 'import-key' | 'watch' | 'rpc';

/**
 * Keeps onboarding on screen while it runs: creating the vault already unlocks the wallet, but the
 * user must still see the phrase and pass the backup check. The phrase lives only in memory here
 * and is dropped when the flow ends.
 */
type FlowState = {
  active: boolean;
  step: OnboardingStep;
  mnemonic?: string;
  go: (step: OnboardingStep) => void;
  start: (step: OnboardingStep) => void;
  setMnemonic: (mnemonic: string) => void;
  /** The wallet exists: drop the phrase and ask for the Ethereum RPC (the step ends the flow itself when one is set). */
  complete: () => void;
  finish: () => void;
};

export const useOnboardingFlow = create<FlowState>((set) => ({
  active: false,
  step: 'welcome',
  go: (step) => set({ step }),
  start: (step) => set({ active: true, step }),
  setMnemonic: (mnemonic) => set({ mnemonic }),
  complete: () => set({ active: true, step: 'rpc', mnemonic: undefined }),
  finish: () => set({ active: false, step: 'welcome', mnemonic: undefined }),
}));
