# workerd configuration for the webhook receiver, from a checkout of oasview
# after `npm run build`:   npx workerd serve examples/webhook-receiver/config.capnp
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:8788", http = (), service = "main") ],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "worker.mjs"),
    (name = "app.mjs", esModule = embed "app.mjs"),
    (name = "openapi.json", text = embed "openapi.json"),
    (name = "oasview", esModule = embed "../../dist/oasview.mjs"),
    (name = "oasview.wasm", wasm = embed "../../dist/oasview.wasm"),
  ],
  compatibilityDate = "2025-01-01",
);
