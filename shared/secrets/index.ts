export { isSecretHeader, isSecretQueryParam } from './secret-names.ts';
export {
  REDACTED,
  hasRedactionMarker,
  redactHeaderValue,
  redactHeaders,
  redactText,
  redactUrl,
} from './redact-text.ts';
export { redactRecord, redactSpec, secretsNeedingValue } from './redact-capture.ts';
