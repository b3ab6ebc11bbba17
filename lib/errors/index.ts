export { AppError, serializeError } from './app-error';
export type { AppErrorParameters, SerializedError } from './app-error';
