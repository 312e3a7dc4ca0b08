export interface DemoConsole {
  /** `http://127.0.0.1:{port}`, no trailing slash. */
  url: string;
  close(): Promise<void>;
}
export function startDemoConsole(options?: { port?: number }): Promise<DemoConsole>;
