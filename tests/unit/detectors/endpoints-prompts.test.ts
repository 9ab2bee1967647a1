// Internal endpoints and AI prompts on shapes real bundles have: hosts in comments and bare strings,
// intranet links, buckets, prompts built by functions or named as prompts, and the developer
// messages and doc examples that look like them.
import { describe, expect, test } from 'vitest'
import { scanText } from './helpers'

const of = (category: string, path: string, text: string) =>
  scanText(path, text)
    .filter((f) => f.category === category)
    .map((f) => ({ rule: f.rule, severity: f.severity, line: f.line, excerpt: f.excerpt }))

describe('internal endpoints', () => {
  test('a staging host in a comment or a bare string, but not a property chain', () => {
    const text = [
      '/** Allows api.orbitco.com (or api-staging.orbitco.com for employees). */',
      "hosts.push('api-staging.orbitco.com')",
      'if (config.staging.enabled) run(env.api-staging.value)',
    ].join('\n')
    expect(of('internal-endpoints', 'src/hosts.ts', text).map((f) => [f.rule, f.line])).toEqual([
      ['staging-or-admin-url', 1],
      ['staging-or-admin-url', 2],
    ])
  })

  test('a host the code names as staging, whatever it looks like', () => {
    const found = of('internal-endpoints', 'src/sites.js', "exports.SITE_STAGING = 'orbitc0.com';")
    expect(found).toMatchObject([{ rule: 'staging-or-admin-url', severity: 'low' }])
    expect(found[0].excerpt).toContain('orbitc0.com')
    expect(of('internal-endpoints', 'src/sites.js', "const stagingLabel = 'Staging site'")).toEqual([])
  })

  test('a company network label under a well-known domain is internal', () => {
    const found = of('internal-endpoints', 'src/a.js', '// see https://tracker.corp.google.com/issues/1')
    expect(found).toMatchObject([{ rule: 'internal-hostname', severity: 'medium' }])
    expect(of('internal-endpoints', 'src/a.js', '// matches console.corp.google.com\nx = 1')).toMatchObject([
      { rule: 'internal-hostname', line: 1 },
    ])
    expect(of('internal-endpoints', 'src/a.js', '// https://infra.spec.whatwg.org/#strip')).toEqual([])
  })

  test('intranet short links and depot paths, in comments', () => {
    const text = [
      '// Per go/data-taxonomy these names are PII.',
      '// e.g. https://go/share/jdoe-20260101',
      ' * //depot/orbit/api/tiers.go;l=16',
      "const dir = 'pkg/go/src'; // to go/no-go later",
    ].join('\n')
    expect(of('internal-endpoints', 'src/a.ts', text).map((f) => [f.rule, f.line])).toEqual([
      ['intranet-short-link', 1],
      ['intranet-short-link', 2],
      ['internal-depot-path', 3],
      ['intranet-short-link', 4],
    ])
    // Outside comments "go/" is a path segment; a single-label host that is no short-link host
    // (`http://server/path` in a doc example) is not a link into an intranet.
    expect(of('internal-endpoints', 'src/a.ts', "const p = 'go/bin'; u = 'http://server/path'")).toEqual([])
  })

  test('storage buckets unless a documentation placeholder', () => {
    expect(of('internal-endpoints', 'src/a.ts', 'const p = `s3://orbit-reports/${name}`')).toMatchObject([
      { rule: 'storage-bucket', severity: 'low' },
    ])
    expect(
      of('internal-endpoints', 'src/a.ts', "cp('gs://my-bucket/a', 's3://bucket/b', 'gs://example-data/c')"),
    ).toEqual([])
  })

  test('a console link into one project, not the console itself', () => {
    const link = '// https://console.flagvendor.com/7hQm2PzKx9VwLr4NbT3c/dynamic_configs/x'
    expect(of('internal-endpoints', 'src/a.ts', link)).toMatchObject([{ rule: 'company-workspace-link' }])
    expect(
      of('internal-endpoints', 'src/a.ts', "open('https://console.flagvendor.com/settings/keys')"),
    ).toEqual([])
  })

  test("a task tracker link with the team's project and task ids", () => {
    expect(
      of('internal-endpoints', 'src/a.js', '// See https://app.asana.com/0/1234567890/9876543210'),
    ).toMatchObject([{ rule: 'company-workspace-link' }])
    expect(of('internal-endpoints', 'src/a.js', "open('https://app.asana.com/0/inbox')")).toEqual([])
  })

  test('made-up company domains, dummy base URLs and media types are not infrastructure', () => {
    const text = [
      "new URL(req.url, 'http://app.local').pathname",
      '"application/vnd.orbit.local":{"source":"iana"}',
      '| `https://beta.acme.com/payments` | `https://cdn.mydomain.com/a.png` |',
    ].join('\n')
    expect(of('internal-endpoints', 'src/a.js', text)).toEqual([])
  })
})

describe('AI prompts', () => {
  test('a prompt returned from a function is placed at its first words', () => {
    const text = [
      'export function summaryPrompt() {',
      '  return `',
      'You are the part of the agent that summarizes a long chat into a short structured note.',
      'Keep every decision the user made and never invent facts.`',
      '}',
    ].join('\n')
    const found = of('ai-prompts', 'dist/prompts.js', text)
    expect(found).toMatchObject([{ rule: 'ai-prompt-literal', line: 3 }])
    expect(found[0].excerpt.startsWith('You are the part')).toBe(true)
  })

  test('a closing backquote taken for an opening one does not hide the next prompt', () => {
    const text = [
      'const a = `${x}`.trim();',
      '// the user may set it: when you change it, restart',
      'function second() {',
      '  return `',
      'You are a planner agent. Your task is to split the request into steps and ask the user when a step is unclear.`',
      '}',
    ].join('\n')
    expect(of('ai-prompts', 'dist/a.js', text).map((f) => f.line)).toEqual([5])
  })

  test('a prompt that opens by addressing the model may quote commands and JSON', () => {
    const text =
      'const REVIEW = (n) => `\n  You are an expert code reviewer. Run \\`gh pr diff ${n}\\` and report {"file": "...", "issue": "..."} per problem; {"ok": true} if none.\n  Keep your review short, list the problems by file, and never approve a change you do not understand.\n`'
    expect(of('ai-prompts', 'src/review.ts', text)).toMatchObject([{ rule: 'ai-prompt-literal', line: 2 }])
  })

  test('messages to developers that start with "You are" are not prompts', () => {
    const text = [
      'warn("You are using an outdated version of the loader. Please update to the latest version to make sure that everything keeps working.")',
      'error(`You are calling render() on a container that was already passed to createRoot() before. Instead, call root.render() on the existing root.`)',
    ].join('\n')
    expect(of('ai-prompts', 'dist/lib.development.js', text)).toEqual([])
  })

  test('a literal named as a system prompt that opens with an instruction', () => {
    const text =
      'await ask({\n  systemPrompt: wrap([\n    \'Generate a short title (three to six words) for this conversation. Use plain words. Return JSON with a "title" field.\',\n  ]),\n})'
    expect(of('ai-prompts', 'src/title.ts', text)).toMatchObject([{ rule: 'ai-prompt-literal', line: 3 }])
    const question =
      "const answers = await ask({ prompt: 'Which package manager would you like this project to use for installing its dependencies?' })"
    expect(of('ai-prompts', 'src/cli.ts', question)).toEqual([])
  })

  test('in a prompt module, prompts without a second-person anchor count', () => {
    const text =
      'export const PREFIX = `Answer the questions below as well as you can. You have access to the following tools:`;\nexport const LABEL = `Tools`;'
    expect(of('ai-prompts', 'dist/agents/prompt.js', text)).toMatchObject([
      { rule: 'ai-prompt-literal', line: 1 },
    ])
    expect(of('ai-prompts', 'dist/agents/format.js', text)).toEqual([])
  })
})
