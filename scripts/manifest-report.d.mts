export declare function manifestReport(manifest: unknown): {
  permissions: string[];
  hostPermissions: string[];
  optional: string[];
  contentScriptMatches: string[];
  warnings: string[];
};
