/** What every CLI command gets from the program: where it runs and how it prints. */
export interface CliContext {
  cwd: string;
  coursesDir: string;
  out(line: string): void;
  err(line: string): void;
}
