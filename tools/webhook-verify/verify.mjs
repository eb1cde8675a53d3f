// Verifies captured webhook deliveries with the Standard Webhooks reference library, independently of Baton's code.
// Usage: node verify.mjs captured.json, where the file holds [{ id, timestamp, signature, body, secret }, ...].
// Prints one line per delivery; exits 1 if any fails to verify.
import { readFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";

const deliveries = JSON.parse(readFileSync(process.argv[2], "utf8"));
let failed = 0;
for (const d of deliveries) {
  const headers = { "webhook-id": d.id, "webhook-timestamp": d.timestamp, "webhook-signature": d.signature };
  try {
    const payload = new Webhook(d.secret).verify(d.body, headers);
    console.log(`ok ${d.id} ${payload.type}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${d.id}: ${e.message}`);
  }
}
if (deliveries.length === 0) {
  console.log("FAIL: no deliveries to verify");
  process.exit(1);
}
process.exit(failed === 0 ? 0 : 1);
