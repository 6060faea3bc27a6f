// The Mastodon API scenario through masto.js (masto@7.12.0, from npm), against a Coo server.
// Environment: COO_URL (the server), COO_USER_A / COO_USER_B (two registered users) and COO_PASSWORD. Exits non-zero,
// with the reason, at the first step that fails.
import { createOAuthAPIClient, createRestAPIClient, createStreamingAPIClient } from "masto";
import { steps } from "./scenario_steps.mjs";

const url = process.env.COO_URL;
const password = process.env.COO_PASSWORD;
const scope = "read write follow";

const { check, eventually } = steps("masto scenario");

const anonymous = createRestAPIClient({ url });
const app = await anonymous.v1.apps.create({ clientName: "masto scenario", redirectUris: "urn:ietf:wg:oauth:2.0:oob", scopes: scope });
const oauth = createOAuthAPIClient({ url });

async function signIn(username) {
  const token = await oauth.token.create({
    grantType: "password",
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    redirectUri: "urn:ietf:wg:oauth:2.0:oob",
    username,
    password,
    scope,
  });
  return { client: createRestAPIClient({ url, accessToken: token.accessToken }), accessToken: token.accessToken };
}

const adaSession = await signIn(process.env.COO_USER_A);
const ada = adaSession.client;
const bob = (await signIn(process.env.COO_USER_B)).client;

const me = await ada.v1.accounts.verifyCredentials();
check(me.username === process.env.COO_USER_A, `verifyCredentials answered ${me.username}`);
const bobAccount = await bob.v1.accounts.verifyCredentials();

const relationship = await ada.v1.accounts.$select(bobAccount.id).follow();
check(relationship.following, "ada does not follow bob after following him");

const first = await bob.v1.statuses.create({ status: "first from bob via masto #coo" });
check(first.account.id === bobAccount.id, `posted status: ${JSON.stringify(first)}`);
const reply = await ada.v1.statuses.create({ status: `@${bobAccount.username} a reply`, inReplyToId: first.id });
check(reply.inReplyToId === first.id, `the reply answers ${reply.inReplyToId}`);

const favourited = await ada.v1.statuses.$select(first.id).favourite();
check(favourited.favourited && favourited.favouritesCount === 1, `favourite: ${JSON.stringify(favourited)}`);
const reblog = await ada.v1.statuses.$select(first.id).reblog();
check(reblog.reblog?.id === first.id, `reblog: ${JSON.stringify(reblog)}`);

let last;
for (let i = 0; i < 4; i++) {
  last = await bob.v1.statuses.create({ status: `bob's coo ${i}` });
}

// Bob's coos reach ada's home timeline by fan-out, a moment after they are posted.
await eventually(
  async () => (await ada.v1.timelines.home.list({ limit: 40 })).map((status) => status.id),
  (ids) => ids.includes(last.id),
  "bob's last coo on ada's home timeline",
);
const pages = [];
for await (const page of ada.v1.timelines.home.list({ limit: 3 })) {
  pages.push(page.map((status) => status.id));
  if (pages.length === 2) {
    break;
  }
}
check(pages.length === 2 && pages[1].length > 0, `the paginator gave ${pages.length} pages`);
check(!pages[0].some((id) => pages[1].includes(id)), `the pages overlap: ${JSON.stringify(pages)}`);
check(BigInt(pages[1][0]) < BigInt(pages[0][pages[0].length - 1]), `the second page is not older: ${JSON.stringify(pages)}`);

const types = await eventually(
  async () => [...new Set((await bob.v1.notifications.list()).map((n) => n.type))].sort(),
  (found) => ["follow", "favourite", "reblog", "mention"].every((type) => found.includes(type)),
  "bob's follow, favourite, reblog and mention notifications",
);

// Ada's user stream, over the WebSocket the instance names, read with masto's own streaming client.
const instance = await anonymous.v2.instance.fetch();
const streaming = createStreamingAPIClient({
  streamingApiUrl: instance.configuration.urls.streaming,
  accessToken: adaSession.accessToken,
  retry: false,
});
const streamed = [];
const subscription = streaming.user.subscribe();
const reading = (async () => {
  for await (const event of subscription) {
    streamed.push(event);
  }
})().catch(() => {});
// The subscription is sent once the socket is open, which the client does not tell: bob posts until one arrives.
const streamedIds = async () => streamed.filter((e) => e.event === "update").map((e) => e.payload.id);
let live;
for (let attempt = 0; attempt < 10 && !live; attempt++) {
  const candidate = await bob.v1.statuses.create({ status: `live from bob via masto ${attempt}` });
  live = await eventually(streamedIds, (ids) => ids.includes(candidate.id), "a live status", 3000).then(() => candidate, () => undefined);
}
check(live, "none of bob's live statuses reached ada's stream");
await bob.v1.statuses.$select(reply.id).favourite();
await eventually(
  async () => streamed.filter((e) => e.event === "notification").map((e) => `${e.payload.type}:${e.payload.status?.id}`),
  (found) => found.includes(`favourite:${reply.id}`),
  "bob's favourite on ada's stream",
);
subscription.unsubscribe();
streaming.close();
await Promise.race([reading, new Promise((resolve) => setTimeout(resolve, 1000))]);

await ada.v1.statuses.$select(reply.id).remove();
let gone = false;
try {
  await ada.v1.statuses.$select(reply.id).fetch();
} catch (error) {
  gone = error?.statusCode === 404;
}
check(gone, "a deleted status is still found");

console.log(`masto scenario passed: ${pages[0].length}+${pages[1].length} statuses on two pages, notifications ${types.join(",")}, ${streamed.length} events streamed`);
// The streaming client's socket may keep the process alive after it is closed.
process.exit(0);
