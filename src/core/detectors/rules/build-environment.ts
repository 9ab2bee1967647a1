// Build-environment rules: absolute paths that reveal a developer's user name or a CI runner's
// directory layout. The value `v` is the whole path; `user` names the account where there is one.
import type { PatternRule } from '../engine'

// Account names that are placeholders in documentation rather than someone's machine.
const GENERIC_USERS =
  /^(?:shared|user|username|users|name|me|you|your[\w-]*|yourname|someone|somebody|foo|bar|example|default|admin|root|guest|public|test|runner|circleci|travis|jenkins|node|app|\$\w*|%\w*%|\.+)$/i

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
      `(?<![\\w.-])(?<v>(?:/home/runner/work/|/runner/work/|/builds/[\\w.-]+/|/var/lib/jenkins/|/var/jenkins_home/|/opt/atlassian/pipelines/|/var/lib/buildkite-agent/builds/|/buildkite/builds/|/codebuild/output/|/home/circleci/|/home/travis/build/|[A-Z]:\\\\{1,2}a\\\\{1,2})${PATH_TAIL})`,
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
    pattern: new RegExp(`(?<![\\w.-])(?<v>/home/(?<user>[a-z_][a-z0-9_.-]{1,31})/${PATH_TAIL})`, 'g'),
    validate: notGeneric,
    message: (v) =>
      `An absolute build path reveals the user name "${v.split('/')[2]}" and their directory layout.`,
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
]
