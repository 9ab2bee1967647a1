// Build-environment rules: absolute paths that reveal a developer's user name or a CI runner's
// directory layout. The value `v` is the whole path; `user` names the account where there is one.
import type { PatternRule } from '../engine'
import { escapeRegExp } from '../text-utils'

// Account names that are placeholders in documentation rather than someone's machine (`{user}`,
// `$USER`, `%USERNAME%` are templates).
const GENERIC_USERS =
  /^(?:shared|user|username|users|name|me|you|your[\w-]*|yourname|someone|somebody|foo|bar|example|default|admin|root|guest|public|test|runner|circleci|travis|jenkins|node|app|\$\w*|%\w*%|\{+\w*\}+|\.+)$/i

// The cast of examples in security and programming texts: "/home/alice/code" in a doc comment is an
// illustration. In code (a string, a stack trace) the same path is someone's machine.
const EXAMPLE_PEOPLE = /^(?:alice|bob|carol|charlie|dave|eve|mallory|trent|jdoe|johndoe|janedoe)$/i

/** Characters looked at either side of a match for the comment it sits in. */
const LINE_WINDOW = 240

/** Whether the path is an example in a comment: the comment names one of the example people, or
 *  quotes the user name as a word elsewhere on its line, the path made up to show how that word is
 *  matched ("Test basename so /home/vim/bin/kak doesn't match 'vim'"). */
function exampleInComment(user: string, match: RegExpExecArray): boolean {
  const from = Math.max(0, match.index - LINE_WINDOW)
  const window = match.input.slice(from, match.index + match[0].length + LINE_WINDOW)
  const at = match.index - from
  const lineStart = window.lastIndexOf('\n', at - 1) + 1
  const lineEnd = window.indexOf('\n', at)
  // A comment: the line opens one (`//`, `*`, `/*`, `#`) or has `//` before the path (not a URL's).
  if (!/^\s*(?:\/\/|\/?\*|#)|(?:^|[^:])\/\//.test(window.slice(lineStart, at))) return false
  if (EXAMPLE_PEOPLE.test(user)) return true
  const line = window.slice(lineStart, lineEnd < 0 ? window.length : lineEnd)
  return new RegExp(`['"\`]${escapeRegExp(user)}['"\`]`).test(line)
}

const userOf = (match: RegExpExecArray) => match.groups?.user ?? ''
const notGeneric = (_v: string, match: RegExpExecArray) => {
  const user = userOf(match)
  return !GENERIC_USERS.test(user) && !exampleInComment(user, match)
}
const PATH_TAIL = `[^\\s'"\`<>|*?;,)\\]}]*`

export const BUILD_ENVIRONMENT_RULES: readonly PatternRule[] = [
  {
    id: 'ci-runner-path',
    category: 'build-environment',
    title: 'CI runner path',
    severity: 'low',
    keywords: [
      '/runner/work/',
      '/home/runner/',
      '/builds/',
      '/jenkins',
      '/atlassian/pipelines/',
      '/buildkite/',
      '/codebuild/output/',
      '/home/circleci/',
      '/home/travis/build/',
      '\\a\\',
    ],
    pattern: new RegExp(
      `(?<![\\w.-])(?<v>(?:/home/runner/[\\w.-]+/|/runner/work/|/builds/[\\w.-]+/|/var/lib/jenkins/|/var/jenkins_home/|/opt/atlassian/pipelines/|/var/lib/buildkite-agent/builds/|/buildkite/builds/|/codebuild/output/|/home/circleci/|/home/travis/build/|[A-Z]:\\\\{1,2}a\\\\{1,2})${PATH_TAIL})`,
      'g',
    ),
    message: 'An absolute CI runner path reveals the build system and its directory layout.',
  },
  {
    id: 'user-home-path-macos',
    category: 'build-environment',
    title: 'macOS home directory path',
    severity: 'medium',
    keywords: ['/users/'],
    pattern: new RegExp(`(?<![\\w.-])(?<v>/Users/(?<user>[A-Za-z0-9._-]{2,40})/${PATH_TAIL})`, 'g'),
    validate: notGeneric,
    message: (v) =>
      `An absolute build path reveals the user name "${v.split('/')[2]}" and their directory layout.`,
  },
  {
    id: 'user-home-path-linux',
    category: 'build-environment',
    title: 'Linux home directory path',
    severity: 'medium',
    keywords: ['/home/'],
    // A home folder may sit below others (`/usr/local/google/home/<user>/`): up to six folders of
    // up to 64 characters before it, so the walk back is bounded; not inside a URL (`://host/en/home/`).
    pattern: new RegExp(
      `(?<![\\w.:/-])(?<v>(?:/[\\w.-]{1,64}){0,6}/home/(?<user>[a-z_][a-z0-9_.-]{1,31})/${PATH_TAIL})`,
      'g',
    ),
    validate: notGeneric,
    message: (v) =>
      `An absolute build path reveals the user name "${/\/home\/([^/]+)/.exec(v)?.[1]}" and their directory layout.`,
  },
  {
    id: 'user-home-path-windows',
    category: 'build-environment',
    title: 'Windows user profile path',
    severity: 'medium',
    keywords: ['\\users\\'],
    pattern: new RegExp(
      `(?<v>\\b[A-Za-z]:\\\\{1,2}Users\\\\{1,2}(?<user>[^\\\\/\\s'"\`<>:|*?]{2,40})\\\\[^\\s'"\`<>|*?;,)\\]}]*)`,
      'g',
    ),
    validate: notGeneric,
    message: (v) =>
      `An absolute build path reveals the user name "${v.split(/\\+/)[2]}" and their directory layout.`,
  },
  {
    id: 'map-absolute-source-root',
    category: 'build-environment',
    title: 'Absolute build path as a map sourceRoot',
    severity: 'low',
    keywords: ['"sourceroot"'],
    // A drive letter, or a rooted path of two folders or more: the folder the map was built in.
    pattern: new RegExp(
      `"sourceRoot"\\s{0,8}:\\s{0,8}"(?<v>(?:[A-Za-z]:[\\\\/]{1,2}|/)[^"\\\\/\\s]{1,64}[\\\\/]{1,2}[^"\\s]{1,300})"`,
      'g',
    ),
    message: (v) => `The map's sourceRoot is the absolute folder it was built in (${v.slice(0, 40)}).`,
  },
]
