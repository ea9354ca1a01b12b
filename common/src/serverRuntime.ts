/**
 * How the language server's Node.js process is tuned for what it does most at once: opening a
 * large file builds a tree of hundreds of thousands of nodes that all live on, then runs every
 * rule over it before V8 has optimised any of them.
 *
 * Measured on the 2-core benchmark VM, didOpen of a 5,000-configuration request to its first
 * diagnostics (docs/performance.md): JSON 310–390 ms → about 200 ms, YAML about 400 ms → about
 * 210 ms; with only the runtime flags below (a client that runs plain `node server.js`) about
 * 270 ms for both.
 * - The young generation. With V8's default (semi-spaces that start at 1 MiB and double, up to
 *   16 MiB) a dozen scavenges copy the new tree once or twice before it reaches the old
 *   generation, about 60 ms of the open. With semi-spaces that may grow to 48 MiB, and grow there
 *   at the first scavenge, no scavenge runs during the open (at 32 MiB one still does). The costs:
 *   memory (the young generation holds up to 48 MiB of garbage before it is collected: the peak
 *   with a 5,000-configuration JSON and YAML document open together grew from about 165 MB to
 *   about 250 MB), and the tree is copied once later, in the scavenge that a following edit
 *   triggers (a pause of about 30–40 ms, once).
 * - Inlining. TurboFan inlining less (smaller functions, a smaller budget per function) compiles
 *   the rules' hot code in less time, on a machine where the compiler thread competes with the
 *   main thread for two cores. Warm code is up to about 10% slower (validating 5,000
 *   configurations again: 62–79 ms → 70–87 ms); every edit and typing target still passes.
 */

/**
 * Node.js options for the server process: what the VS Code client passes when it starts the
 * server, and what other clients should pass (README: "Other editors"). Only options Node.js
 * documents: an option Node.js does not know stops the process before it starts ("bad option").
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=48'];

/**
 * V8 flags the server sets on itself at start. Unlike command-line options, a flag this V8 does
 * not know only prints a line on stderr, so these may be V8's own (undocumented) flags.
 */
export const SERVER_V8_FLAGS: readonly string[] = [
  // Up to --max-semi-space-size at the first scavenge (without it: the 16 MiB default).
  '--semi-space-growth-factor=64',
  '--max-inlined-bytecode-size=60',
  '--max-inlined-bytecode-size-cumulative=300',
];

/**
 * Sets SERVER_V8_FLAGS in this process. Call it first, before any code runs hot (flags read when
 * code is compiled apply only to what is compiled after). Never throws.
 */
export function tuneV8ForServer(setFlags: (flag: string) => void): void {
  for (const flag of SERVER_V8_FLAGS) {
    try {
      setFlags(flag);
    } catch {
      // A runtime without V8 flags: the server works the same, only slower to open large files.
    }
  }
}
