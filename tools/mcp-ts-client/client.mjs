// An independent MCP client for Baton's tests: the official TypeScript SDK connects to `baton mcp` over stdio, lists
// the tools, queues a task with task_async, polls task_status until the task ends, tries one bad call, and prints
// what it saw as one JSON object on stdout.
//
//   node client.mjs BATON_EXECUTABLE AGENT_NAME WORK_DIR
//
// The server inherits this process's environment (BATON_HOME, PATH, ...) and runs in WORK_DIR.
import { readFileSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [baton, agentName, workDir] = process.argv.slice(2);
if (!baton || !agentName || !workDir) {
  console.error("usage: node client.mjs BATON_EXECUTABLE AGENT_NAME WORK_DIR");
  process.exit(2);
}

const terminal = new Set(["completed", "failed", "cancelled", "timed_out"]);
const sdkVersion = JSON.parse(readFileSync(new URL("./node_modules/@modelcontextprotocol/sdk/package.json", import.meta.url))).version;
const transport = new StdioClientTransport({ command: baton, args: ["mcp"], env: { ...process.env }, cwd: workDir, stderr: "inherit" });
const client = new Client({ name: "baton-ts-test-client", version: "1.0.0" });
await client.connect(transport);

const { tools } = await client.listTools();
const queued = await client.callTool({
  name: "task_async",
  arguments: { name: "TypeScript client task", agent_name: agentName, agent_instructions: "Say hello", tags: ["ts-client"] },
});
const taskId = queued.structuredContent?.task_id;

const deadline = Date.now() + 60_000;
let status;
while (taskId) {
  const result = await client.callTool({ name: "task_status", arguments: { task_id: taskId } });
  status = result.structuredContent;
  if (terminal.has(status?.status) || Date.now() > deadline) {
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}

const bad = await client.callTool({ name: "task_async", arguments: { name: "missing the agent" } });
await client.close();

console.log(JSON.stringify({
  sdk_version: sdkVersion,
  server: client.getServerVersion(),
  tools: tools.map((tool) => ({ name: tool.name, required: tool.inputSchema.required ?? [] })),
  queued: { is_error: queued.isError ?? false, text: queued.content?.[0]?.text, structured: queued.structuredContent },
  status,
  bad: { is_error: bad.isError ?? false, text: bad.content?.[0]?.text },
}));
