// Command-line options shared by the browser benchmarks: `--name value` lookups, and the app built
// into a folder of its own first unless `--no-build`.
import { spawnSync } from 'node:child_process'
import { ROOT } from './inputs'

export function benchArgs(defaults: { port: string }): {
  opt: (name: string, fallback: string) => string
  dir: string
  port: number
  runs: number
} {
  const args = process.argv.slice(2)
  const opt = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`)
    return i >= 0 ? args[i + 1]! : fallback
  }
  const dir = opt('dir', 'dist-t')
  if (!args.includes('--no-build')) {
    const build = spawnSync('npx', ['vite', 'build'], {
      cwd: ROOT,
      env: { ...process.env, EE_OUT_DIR: dir },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    if (build.status !== 0) throw new Error(`vite build failed (exit ${build.status})`)
  }
  return { opt, dir, port: Number(opt('port', defaults.port)), runs: Number(opt('runs', '3')) }
}
