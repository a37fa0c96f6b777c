export { startTelemetry, type Telemetry, type TelemetryOptions } from './sdk.js';
export {
  TelemetryEnv,
  headSamplingRatio,
  readTelemetryConfig,
  serviceNameFor,
  tracingWanted,
  type TelemetryConfig,
} from './config.js';
