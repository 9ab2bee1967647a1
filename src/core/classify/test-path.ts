// Test code by path. Findings in tests are kept but lowered one severity, and test files get their own
// kind, so the rule errs towards clear markers: a folder named exactly like a test folder, or a file
// named like a test. `src/testing-utils/` or `latest/` are not tests, and neither is a `specs/` folder
// (specifications a program reads, e.g. shell command specs); `spec/` is RSpec's and Jasmine's test folder.

const TEST_FOLDER =
  /(?:^|\/)(?:__tests__|__mocks__|__fixtures__|__snapshots__|tests?|spec|fixtures?|e2e|cypress|testdata|test-fixtures)(?:\/|$)/i
const TEST_FILE = /\.(?:test|spec|e2e)\.[cm]?[jt]sx?$|_test\.(?:go|py)$|(?:^|\/)test_[^/]+\.py$|\.snap$/i

/** Tests, fixtures, specs, mocks and snapshots: findings there are kept but lowered one severity. */
export function isTestPath(path: string): boolean {
  return TEST_FOLDER.test(path) || TEST_FILE.test(path)
}
