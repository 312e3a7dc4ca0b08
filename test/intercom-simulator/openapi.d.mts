// Types of the parts of ./openapi.mjs that TypeScript tests use.
export const DEFAULT_VERSION: string;
export const VERSIONS: string[];
export const DOCUMENTED_VERSIONS: string[];
/** The parsed description of a vendored version, as a plain object. */
export function readDescription(version: string): unknown;
