"""The Mastodon API scenario through Mastodon.py (Debian's python3-mastodon, 1.8), against a Coo server.

Environment: COO_URL (the server), COO_USER_A / COO_USER_B (two registered users) and COO_PASSWORD. Exits non-zero,
with the reason, at the first step that fails; Mastodon.py parses every answer into its own types as it goes, the user
stream's events included.
"""
import os
import sys
import time

import threading

from mastodon import Mastodon, MastodonNotFoundError, StreamListener

BASE = os.environ["COO_URL"]
PASSWORD = os.environ["COO_PASSWORD"]
SCOPES = ["read", "write", "follow"]


def check(condition, what):
    if not condition:
        sys.exit(f"Mastodon.py scenario failed: {what}")


def eventually(probe, done, what, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if done(value):
            return value
        if time.monotonic() > deadline:
            sys.exit(f"Mastodon.py scenario timed out waiting for {what}; last value: {value!r}")
        time.sleep(0.2)


client_id, client_secret = Mastodon.create_app("Mastodon.py scenario", scopes=SCOPES, api_base_url=BASE)


def sign_in(username):
    api = Mastodon(client_id=client_id, client_secret=client_secret, api_base_url=BASE)
    api.log_in(username=username, password=PASSWORD, scopes=SCOPES)
    return api


ada = sign_in(os.environ["COO_USER_A"])
bob = sign_in(os.environ["COO_USER_B"])

me = ada.account_verify_credentials()
check(me.username == os.environ["COO_USER_A"], f"verify_credentials answered {me.username}")
bob_account = bob.account_verify_credentials()

ada.account_follow(bob_account.id)
check(ada.account_relationships(bob_account.id)[0].following, "ada does not follow bob after following him")

first = bob.status_post("first from bob via Mastodon.py #coo")
check(first.account.id == bob_account.id and "#<span>coo</span>" in first.content, f"posted status: {first}")
reply = ada.status_post(f"@{os.environ['COO_USER_B']} a reply", in_reply_to_id=first.id)
check(reply.in_reply_to_id == first.id, f"the reply answers {reply.in_reply_to_id}")

favourited = ada.status_favourite(first.id)
check(favourited.favourited and favourited.favourites_count == 1, f"favourite: {favourited}")
reblog = ada.status_reblog(first.id)
check(reblog.reblog.id == first.id, f"reblog: {reblog}")

last = None
for i in range(4):
    last = bob.status_post(f"bob's coo {i}")

# Bob's coos reach ada's home timeline by fan-out, a moment after they are posted.
eventually(lambda: [s.id for s in ada.timeline_home(limit=40)], lambda ids: last.id in ids, "bob's last coo on ada's home timeline")
home = ada.timeline_home(limit=3)
second = ada.fetch_next(home)
check(second is not None and len(second) > 0, "fetch_next gave no second page")
first_ids = [s.id for s in home]
second_ids = [s.id for s in second]
check(not set(first_ids) & set(second_ids), f"the pages overlap: {first_ids} {second_ids}")
check(max(second_ids) < min(first_ids), f"the second page is not older: {first_ids} {second_ids}")

types = eventually(
    lambda: sorted({n.type for n in bob.notifications()}),
    lambda found: {"follow", "favourite", "reblog", "mention"} <= set(found),
    "bob's follow, favourite, reblog and mention notifications")

class Collected(StreamListener):
    """What ada's user stream brought, parsed by Mastodon.py's own stream reader."""

    def __init__(self):
        super().__init__()
        self.updates, self.notifications, self.deletes = [], [], []
        self.heartbeats = 0
        self.arrived = threading.Condition()

    def _add(self, into, item):
        with self.arrived:
            into.append(item)
            self.arrived.notify_all()

    def on_update(self, status):
        self._add(self.updates, status)

    def on_notification(self, notification):
        self._add(self.notifications, notification)

    def on_delete(self, status_id):
        self._add(self.deletes, status_id)

    def handle_heartbeat(self):
        # Coo writes its first comment line once the stream is subscribed; until then a post could go unseen.
        with self.arrived:
            self.heartbeats += 1
            self.arrived.notify_all()

    def wait_for(self, done, what, timeout=30):
        with self.arrived:
            if not self.arrived.wait_for(done, timeout):
                sys.exit(f"Mastodon.py scenario timed out waiting on the stream for {what}")


streamed = Collected()
stream = ada.stream_user(streamed, run_async=True)
try:
    # run_async connects on the stream's own thread: posting before it has connected races the subscription.
    streamed.wait_for(lambda: streamed.heartbeats > 0, "the stream to open")
    live = bob.status_post("live from bob via Mastodon.py")
    streamed.wait_for(lambda: any(s.id == live.id for s in streamed.updates), "bob's live status")
    bob.status_favourite(reply.id)
    streamed.wait_for(
        lambda: any(n.type == "favourite" and n.status.id == reply.id for n in streamed.notifications), "bob's favourite")
    bob.status_delete(live.id)
    streamed.wait_for(lambda: live.id in streamed.deletes, "the deletion of bob's live status")
finally:
    stream.close()

ada.status_delete(reply.id)
try:
    ada.status(reply.id)
    sys.exit("Mastodon.py scenario failed: a deleted status is still found")
except MastodonNotFoundError:
    pass

print(f"Mastodon.py scenario passed: {len(first_ids)}+{len(second_ids)} statuses on two pages, notifications {types}, "
      f"{len(streamed.updates)} updates streamed")
