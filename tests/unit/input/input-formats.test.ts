import { describe, expect, it } from 'vitest'
import { archiveExtension, LISTED_EXTENSIONS } from '../../../src/core/input-formats'

describe('the input formats table', () => {
  it.each([
    ['pkg-1.0.0.tar.gz', 'tar.gz'],
    ['PKG.TGZ', 'TGZ'],
    ['ext.vsix', 'vsix'],
    ['app.war', 'war'],
    ['notes.gz', 'gz'],
    ['cli.js', undefined],
    ['tgz', undefined],
  ])('names the archive ending of %s: %s', (name, ending) => expect(archiveExtension(name)).toBe(ending))

  it('lists the common endings to people, in the order they always read', () =>
    expect(LISTED_EXTENSIONS).toEqual(['.tgz', '.tar', '.zip', '.vsix', '.jar', '.whl', '.crx']))
})
