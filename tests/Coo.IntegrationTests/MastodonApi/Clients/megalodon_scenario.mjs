// The Mastodon API scenario through megalodon (megalodon@10.0.5, from npm), against a Coo server, with tokens from the
// authorization code grant: each user opens the consent page the library's authorization URL leads to, signs in and
// allows the app, as the page does in a browser; the app exchanges the code it is shown (out of band, megalodon's
// default). Environment: COO_URL, COO_USER_A to COO_USER_D (registered users) and COO_PASSWORD. Exits
// non-zero, with the reason, at the first step that fails.
import megalodon from "megalodon";
import { parseLinkHeader } from "megalodon/lib/src/parse_link_header.js";
import { steps } from "./scenario_steps.mjs";

const generator = megalodon.default;
const url = process.env.COO_URL;
const password = process.env.COO_PASSWORD;
const scopes = ["read", "write", "follow"];

const { check, eventually } = steps("megalodon scenario");

const anonymous = generator("mastodon", url);
const app = await anonymous.registerApp("megalodon scenario", { scopes });
check(app.url?.startsWith(`${url}/oauth/authorize?`), `the authorization URL is ${app.url}`);

/** The authorization code grant for one user, through the consent page's own requests. */
async function authorize(username) {
  const page = await fetch(app.url);
  check(page.ok && page.headers.get("content-type")?.startsWith("text/html"), `the consent page answered ${page.status}`);

  // The page's sign-in form: Coo's own session.
  const signIn = await fetch(`${url}/api/v1/auth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  check(signIn.ok, `signing in to Coo answered ${signIn.status}`);
  const session = await signIn.json();

  // The page's Authorize button: the request's own parameters and the decision, with the session's token.
  const decision = new URLSearchParams(new URL(app.url).search);
  decision.set("decision", "allow");
  const answer = await fetch(`${url}/oauth/authorize`, {
    method: "POST",
    headers: { Authorization: `Bearer ${session.accessToken}`, Accept: "application/json" },
    body: decision,
  });
  const { code } = await answer.json();
  check(answer.ok && code, `authorizing answered ${answer.status}`);

  const token = await anonymous.fetchAccessToken(app.client_id, app.client_secret, code, app.redirect_uri);
  check(token.scope === "read write follow", `the token's scope is ${token.scope}`);
  return generator("mastodon", url, token.access_token);
}

const ada = await authorize(process.env.COO_USER_A);
const bob = await authorize(process.env.COO_USER_B);
const cat = await authorize(process.env.COO_USER_C);

const me = (await ada.verifyAccountCredentials()).data;
check(me.username === process.env.COO_USER_A, `verifyAccountCredentials answered ${me.username}`);
const bobAccount = (await bob.verifyAccountCredentials()).data;

const relationship = (await ada.followAccount(bobAccount.id)).data;
check(relationship.following, "ada does not follow bob after following him");
await cat.followAccount(bobAccount.id);
await (await authorize(process.env.COO_USER_D)).followAccount(bobAccount.id);

// The library's own pagination helper: get_all follows the Link header's rel="next" until a page names none.
const followers = (await bob.getAccountFollowers(bobAccount.id, { limit: 2, get_all: true })).data;
check(followers.length === 3, `get_all found ${followers.length} followers of bob`);

const first = (await bob.postStatus("first from bob via megalodon #coo", {})).data;
check(first.account.id === bobAccount.id, `posted status: ${JSON.stringify(first)}`);
const reply = (await ada.postStatus(`@${bobAccount.username} a reply`, { in_reply_to_id: first.id })).data;
check(reply.in_reply_to_id === first.id, `the reply answers ${reply.in_reply_to_id}`);

const favourited = (await ada.favouriteStatus(first.id)).data;
check(favourited.favourited && favourited.favourites_count === 1, `favourite: ${JSON.stringify(favourited)}`);
const reblog = (await ada.reblogStatus(first.id)).data;
check(reblog.reblog?.id === first.id, `reblog: ${JSON.stringify(reblog)}`);

let last;
for (let i = 0; i < 4; i++) {
  last = (await bob.postStatus(`bob's coo ${i}`, {})).data;
}

// Bob's coos reach ada's home timeline by fan-out, a moment after they are posted.
await eventually(
  async () => (await ada.getHomeTimeline({ limit: 40 })).data.map((status) => status.id),
  (ids) => ids.includes(last.id),
  "bob's last coo on ada's home timeline",
);
const firstPage = await ada.getHomeTimeline({ limit: 3 });
const next = parseLinkHeader(firstPage.headers.link ?? "").next;
check(next?.startsWith(`${url}/api/v1/timelines/home?`), `the first page's Link header is ${firstPage.headers.link}`);
const secondPage = await ada.getHomeTimeline({ limit: 3, max_id: new URL(next).searchParams.get("max_id") });
const pages = [firstPage.data.map((status) => status.id), secondPage.data.map((status) => status.id)];
check(pages[1].length > 0, `the second page is empty: ${JSON.stringify(pages)}`);
check(!pages[0].some((id) => pages[1].includes(id)), `the pages overlap: ${JSON.stringify(pages)}`);
check(BigInt(pages[1][0]) < BigInt(pages[0][pages[0].length - 1]), `the second page is not older: ${JSON.stringify(pages)}`);

const types = await eventually(
  async () => [...new Set((await bob.getNotifications()).data.map((n) => n.type))].sort(),
  (found) => ["follow", "favourite", "reblog", "mention"].every((type) => found.includes(type)),
  "bob's follow, favourite, reblog and mention notifications",
);

await ada.deleteStatus(reply.id);
let gone = false;
try {
  await ada.getStatus(reply.id);
} catch (error) {
  gone = error?.response?.status === 404;
}
check(gone, "a deleted status is still found");

console.log(`megalodon scenario passed: ${pages[0].length}+${pages[1].length} statuses on two pages, notifications ${types.join(",")}`);
