export function compileContracts(options?: { force?: boolean }): { compiled: number; cached: boolean };
