import { mount } from 'svelte'
import './ui/theme.css'
import App from './ui/App.svelte'
import { AppState } from './ui/app-state.svelte'
import { AnalysisClient, CANCEL_GRACE_MS, scanPoolSize } from './worker/client'
import { spawnWorker } from './worker/spawn'

// The reader and its scan pool (sized from the machine's cores) start now, so the first drop does not
// wait for their module to load and compile.
const client = new AnalysisClient(spawnWorker, CANCEL_GRACE_MS, scanPoolSize())
client.warmUp()

mount(App, { target: document.getElementById('app')!, props: { app: new AppState(client) } })
