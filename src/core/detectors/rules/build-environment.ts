// Build-environment rules: absolute paths that reveal a developer's user name or a CI runner's
// directory layout. The value `v` is the whole path; `user` names the account where there is one.
import type { PatternRule } from '../engine'

// Account names that are placeholders in documentation rather than someone's machine (`{user}`,
// `$USER`, `%USERNAME%` are templates).
const GENERIC_USERS =
  /^(?:shared|user|username|users|name|me|you|your[\w-]*|yourname|someone|somebody|foo|bar|example|default|admin|root|guest|public|test|runner|circleci|travis|jenkins|node|app|\$\w*|%\w*%|\{+\w*\}+|\.+)$/i

const userOf = (match: RegExpExecArray) => match.groups?.user ?? ''
const notGeneric = (_v: string, match: RegExpExecArray) => !GENERIC_USERS.test(userOf(match))
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
