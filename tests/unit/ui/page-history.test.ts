// PageHistory against a stand-in for the browser's History: entries pushed for each step in, Back
// answered with what to show, zoom-outs and closes made by the page moving back instead of piling up.
import { describe, expect, it } from 'vitest'
import { PageHistory, type Entry } from '../../../src/ui/page-history'

/** A History of states with a position; go() answers through `onpop` like the browser's popstate. */
class FakeHistory {
  states: unknown[] = [null]
  pos = 0
  onpop: (state: unknown) => void = () => {}
  get length() {
    return this.states.length
  }
  pushState(state: unknown) {
    this.states = this.states.slice(0, this.pos + 1)
    this.states.push(state)
    this.pos++
  }
  replaceState(state: unknown) {
    this.states[this.pos] = state
  }
  go(delta: number) {
    this.pos += delta
    this.onpop(this.states[this.pos])
  }
}

function setUp() {
  const browser = new FakeHistory()
  const shown: Entry[] = []
  const history = new PageHistory(browser as unknown as History, { show: (e) => shown.push(e) })
  browser.onpop = (state) => history.popped(state)
  return { browser, history, shown }
}

describe('PageHistory', () => {
  it('Back closes the viewer, zooms out level by level, then shows the landing page', () => {
    const { browser, history, shown } = setUp()
    history.results()
    history.zoomed(['a.tgz'])
    history.zoomed(['a.tgz', 'package'])
    history.viewer(3)
    expect(browser.states).toHaveLength(5)
    browser.go(-1)
    expect(shown.at(-1)).toMatchObject({ level: 'zoom', zoom: ['a.tgz', 'package'] })
    // The page closed the viewer as told: reporting it adds nothing.
    history.viewer(null)
    expect(browser.pos).toBe(3)
    browser.go(-1)
    expect(shown.at(-1)).toMatchObject({ zoom: ['a.tgz'] })
    browser.go(-1)
    expect(shown.at(-1)).toMatchObject({ level: 'results', zoom: [] })
    browser.go(-1)
    expect(shown.at(-1)).toMatchObject({ level: 'landing' })
    browser.go(1)
    expect(shown.at(-1)).toMatchObject({ level: 'results' })
  })

  it('a close or zoom-out made on the page moves back instead of adding entries', () => {
    const { browser, history, shown } = setUp()
    history.results()
    history.zoomed(['a'])
    history.zoomed(['a', 'b'])
    history.viewer(1)
    history.viewer(null) // Escape in the viewer
    expect(browser.pos).toBe(3)
    history.zoomed([]) // the breadcrumb's "All files"
    expect(browser.pos).toBe(1)
    expect(shown.at(-1)).toMatchObject({ level: 'results', zoom: [] })
    // Back from here leaves the results.
    browser.go(-1)
    expect(shown.at(-1)).toMatchObject({ level: 'landing' })
  })

  it('Prev/Next into another file replaces the viewer entry; Start over goes to the landing entry', () => {
    const { browser, history, shown } = setUp()
    history.results()
    history.viewer(1)
    history.viewer(2)
    expect(browser.states).toHaveLength(3)
    history.landing()
    expect(browser.pos).toBe(0)
    expect(shown.at(-1)).toMatchObject({ level: 'landing' })
  })
})
