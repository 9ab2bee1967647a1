// Runs the real CLI the way a pipeline does (`node src/cli/bin.js …`) and collects its exit code,
// stdout and stderr. No shell unless asked: arguments reach the CLI exactly as written here.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const BIN = fileURLToPath(new URL('../../../src/cli/bin.js', import.meta.url))

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** `uid`: run as that user (and group of the same number); only root may ask. */
export interface RunOptions {
  input?: string
  cwd?: string
  uid?: number
  /** Variables added to the environment (npm's cache folder, for one). */
  env?: Record<string, string>
}

export function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  return runProcess(process.execPath, [BIN, ...args], options)
}

/** A command line through `sh -c` (for pipes, as in a package.json script). */
export function runShell(command: string, options: { cwd?: string } = {}): Promise<CliResult> {
  return runProcess('sh', ['-c', command], options)
}

function runProcess(command: string, args: string[], options: RunOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const user = options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }
    const env = options.env ? { env: { ...process.env, ...options.env } } : {}
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'], ...user, ...env })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(options.input ?? '')
  })
}
