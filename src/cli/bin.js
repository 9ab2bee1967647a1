#!/usr/bin/env node
// The package's `bin`: runs the TypeScript CLI through tsx, so a checkout needs no build step.
// Anything that escapes main() (or stops main.ts from loading) still ends as one line on stderr and
// exit code 2, never a stack trace.
import { register } from 'tsx/esm/api'

const fail = (error) => {
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`exposure-explorer: internal error: ${message.split('\n')[0]}\n`)
  process.exit(2)
}
process.on('uncaughtException', fail)
process.on('unhandledRejection', fail)

try {
  register()
  const { main } = await import('./main.ts')
  process.exitCode = await main(process.argv.slice(2))
} catch (error) {
  fail(error)
}
