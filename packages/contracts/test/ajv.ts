import { Ajv, type Options } from 'ajv';
import ajvFormats from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext its default import is the module, whose `default`
// is the plugin (and the same function at runtime either way).
const addFormats = ajvFormats.default;

/** An ajv 8 instance (JSON Schema draft-07) with the standard formats. */
export function createAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true, ...options });
  addFormats(ajv);
  return ajv;
}
