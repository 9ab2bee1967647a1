import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium'

const port = Number(process.env.E2E_PORT ?? 4317)

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  workers: process.env.CI ? 2 : undefined,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}/`,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    headless: true,
  },
  webServer: {
    // The production build, served by vite preview: what users get.
    command: `npm run build && npx vite preview --port ${port} --strictPort`,
    cwd: '../..',
    port,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
})
