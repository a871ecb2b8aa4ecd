/**
 * The child-process side of a benchmark server: a server lives in its own process so its CPU time is not charged to
 * the client being measured. The parent reads `{url, apiKey}` as one JSON line on stdout and stops the server by
 * closing stdin; a failure to start is one line on stderr and exit code 1.
 */
export interface ChildServer {
  url: string;
  apiKey: string;
  stop(): Promise<void>;
}

export function serveFromChild(start: () => Promise<ChildServer>): void {
  const main = async (): Promise<void> => {
    const server = await start();
    process.stdout.write(`${JSON.stringify({ url: server.url, apiKey: server.apiKey })}\n`);
    process.stdin.on("end", () => {
      server.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
    process.stdin.resume();
  };
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
