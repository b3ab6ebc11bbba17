export { AppError, serializeError } from './app-error';
export type { AppErrorParameters, SerializedError } from './app-error';
export { ERROR_CODES, ERROR_CODE_PATTERN, FLOW_ERROR_CODES, HARDWARE_ERROR_CODES, isErrorCode } from './codes';
export type { ErrorCode, FlowErrorCode, HardwareErrorCode } from './codes';
