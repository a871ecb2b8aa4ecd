/** A subcommand of `jumpcloud-access`. `run` returns the process exit code; it prints its own errors. */
export interface Command {
  name: string;
  summary: string;
  run(args: string[]): Promise<number>;
}
