// zxingwasm.mjs reads barcodes with zxing-cpp compiled to WebAssembly (the
// npm package zxing-wasm): scanbench's second barcode peer. It reads image
// paths from stdin, one per line, and prints one JSON line per image:
// {"file", "ms", "symbols": [{"format", "hex"}]}, ms being the time of the
// read alone (the module is loaded once). Usage:
//   node zxingwasm.mjs NODE_MODULES_DIR < paths
// The .wasm file is handed over from node_modules: without it the package
// would fetch it from a CDN.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createInterface } from "node:readline";

const modules = process.argv[2];
const pkg = join(modules, "zxing-wasm");
const { prepareZXingModule, readBarcodes } = await import(pathToFileURL(join(pkg, "dist/es/reader/index.js")).href);
const wasm = readFileSync(join(pkg, "dist/reader/zxing_reader.wasm"));
await prepareZXingModule({
  overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) },
  fireImmediately: true,
});

const hex = (bytes) => Buffer.from(bytes).toString("hex");
for await (const file of createInterface({ input: process.stdin })) {
  if (!file) continue;
  const data = new Uint8Array(readFileSync(file));
  const start = performance.now();
  let symbols = [];
  let err;
  try {
    const results = await readBarcodes(data, { tryHarder: true, maxNumberOfSymbols: 255 });
    symbols = results.filter((r) => r.isValid).map((r) => ({ format: r.format, hex: hex(r.bytes) }));
  } catch (e) {
    err = String(e);
  }
  const ms = performance.now() - start;
  process.stdout.write(JSON.stringify({ file, ms, symbols, err }) + "\n");
}
