#!/usr/bin/env node
// Hocuspocus server for the Samenbord load benchmark (issue 6).
//
//   node server.mjs --port 0
//
// Listens on 127.0.0.1, keeps every document in memory only (no persistence
// extension, no authentication, default Hocuspocus settings otherwise), logs
// nothing on start and prints exactly one line "READY <port>" to stdout once
// listening. SIGTERM / SIGINT: closes all connections and exits 0 (forced
// after 5 s if the graceful close hangs).
import { Server } from "@hocuspocus/server";

function parseArgs(argv) {
  const args = { port: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--port") args.port = Number(argv[++i]);
    else if (a.startsWith("--port=")) args.port = Number(a.slice(7));
    else if (a === "-h" || a === "--help") {
      process.stderr.write("usage: node server.mjs --port <port|0>\n");
      process.exit(0);
    } else {
      process.stderr.write(`server.mjs: unknown argument ${a}\n`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
    process.stderr.write(`server.mjs: bad --port ${args.port}\n`);
    process.exit(2);
  }
  return args;
}

const { port } = parseArgs(process.argv.slice(2));

// stdout carries only the READY line: anything a library logs goes to stderr.
console.log = (...a) => console.error(...a);
console.info = (...a) => console.error(...a);

const server = new Server({
  name: "samenbord-bench",
  address: "127.0.0.1",
  port,
  quiet: true,
  // We install our own handlers so that shutdown is bounded in time.
  stopOnSignals: false,
});

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => {
    process.stderr.write(`server.mjs: graceful stop after ${signal} timed out, exiting\n`);
    process.exit(0);
  }, 5000);
  force.unref();
  try {
    await server.destroy();
  } catch (e) {
    process.stderr.write(`server.mjs: error while stopping: ${e?.stack ?? e}\n`);
  }
  process.exit(0);
}
for (const sig of ["SIGTERM", "SIGINT", "SIGQUIT"]) process.on(sig, () => stop(sig));

server.httpServer.on("error", (e) => {
  process.stderr.write(`server.mjs: cannot listen on 127.0.0.1:${port}: ${e.message}\n`);
  process.exit(1);
});

await server.listen();
process.stdout.write(`READY ${server.address.port}\n`);
