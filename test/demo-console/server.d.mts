export interface DemoConsole {
  /** `http://127.0.0.1:{port}`, no trailing slash. */
  url: string;
  close(): Promise<void>;
}
export function startDemoConsole(options?: { port?: number }): Promise<DemoConsole>;
/** How many affected customers the console's /incidents/billing-run lists (the simulator's `affectedCustomers` option). */
export declare const AFFECTED_COUNT: number;
