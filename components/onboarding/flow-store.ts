import { create } from 'zustand';

export type OnboardingStep = 'welcome' | 'create' | 'show-phrase' | 'backup-check' | 'import-phrase' | 'import-key' | 'watch';

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
  finish: () => void;
};

export const useOnboardingFlow = create<FlowState>((set) => ({
  active: false,
  step: 'welcome',
  go: (step) => set({ step }),
  start: (step) => set({ active: true, step }),
  setMnemonic: (mnemonic) => set({ mnemonic }),
  finish: () => set({ active: false, step: 'welcome', mnemonic: undefined }),
}));
