import { defineConfig } from "vitest/config";

// The build lands in target/classes/webroot, so Maven packages it into the web jar that the
// server serves from the classpath. `npm run dev` proxies the API and WebSocket to a local node.
export default defineConfig({
  build: {
    outDir: "target/classes/webroot",
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      "/api": "http://localhost:8080",
      "/health": "http://localhost:8080",
      "/ws": { target: "ws://localhost:8080", ws: true },
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
  },
});
