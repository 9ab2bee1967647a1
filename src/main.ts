import { mount } from 'svelte'
import './ui/theme.css'
import App from './ui/App.svelte'
import { AppState } from './ui/app-state.svelte'
import { AnalysisClient } from './worker/client'

// The worker starts now, so the first drop does not wait for its module to load and compile.
const client = new AnalysisClient()
client.warmUp()

mount(App, { target: document.getElementById('app')!, props: { app: new AppState(client) } })
