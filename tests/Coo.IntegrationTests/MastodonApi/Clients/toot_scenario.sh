#!/usr/bin/env bash
# The Mastodon API scenario through toot (Debian's toot 0.34), against a Coo server: its command line for every step,
# and its own timeline generator (toot.api, what `toot timeline` pages with) for the two pages of the home timeline.
# Environment: COO_URL (http://host:port), COO_USER_A / COO_USER_B and COO_EMAIL_A / COO_EMAIL_B (two registered
# users) and COO_PASSWORD. Exits non-zero, with the reason, at the first step that fails.
set -euo pipefail
: "${COO_URL:?}" "${COO_USER_A:?}" "${COO_USER_B:?}" "${COO_EMAIL_A:?}" "${COO_EMAIL_B:?}" "${COO_PASSWORD:?}"
XDG_CONFIG_HOME=$(mktemp -d) # toot's apps and accounts, apart from anyone's own
export XDG_CONFIG_HOME
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
instance=${COO_URL#http://}
ada="$COO_USER_A@$instance"
bob="$COO_USER_B@$instance"
fail() { echo "toot scenario failed: $*" >&2; exit 1; }
toot_as() { local who=$1; shift; toot "$@" --using "$who" --no-color; }
posted_id() { sed -n 's|^Toot posted: .*/||p'; } # "Toot posted: <url>"; a coo's URL ends with its id

for email in "$COO_EMAIL_A" "$COO_EMAIL_B"; do
    echo "$COO_PASSWORD" | toot login_cli --disable-https --instance "$instance" --email "$email" --no-color >/dev/null \
        || fail "login_cli as $email"
done

# Read whole before it is searched: grep -q stops reading at the first match, and toot, still printing the rest, then
# fails on the closed pipe (BrokenPipeError), which pipefail reported as a failed step now and then.
whoami=$(toot_as "$ada" whoami) || fail "whoami"
grep -q "@$COO_USER_A" <<<"$whoami" || fail "whoami does not name $COO_USER_A"
toot_as "$ada" follow "$COO_USER_B" || fail "follow $COO_USER_B"

first=$(toot_as "$bob" post "first from bob via toot #coo" | posted_id)
[ -n "$first" ] || fail "post printed no status URL"
reply=$(toot_as "$ada" post --reply-to "$first" "@$COO_USER_B a reply" | posted_id)
[ -n "$reply" ] || fail "reply printed no status URL"
toot_as "$ada" favourite "$first" >/dev/null || fail "favourite $first"
toot_as "$ada" reblog "$first" >/dev/null || fail "reblog $first"
for i in 1 2 3 4; do
    last=$(toot_as "$bob" post "bob's coo $i" | posted_id)
    [ -n "$last" ] || fail "post $i printed no status URL"
done

/usr/bin/python3 - "$ada" "$last" <<'PY' || fail "two pages of the home timeline"
import sys
import time

from toot import api, config

user, app = config.get_user_app(sys.argv[1])
# Bob's coos reach ada's home timeline by fan-out, a moment after they are posted.
deadline = time.monotonic() + 30
while sys.argv[2] not in [s["id"] for s in next(api.home_timeline_generator(app, user, limit=40))]:
    assert time.monotonic() < deadline, "bob's last coo never reached ada's home timeline"
    time.sleep(0.2)
pages = api.home_timeline_generator(app, user, limit=3)
first = next(pages)
second = next(pages)
first_ids = [int(s["id"]) for s in first]
second_ids = [int(s["id"]) for s in second]
assert len(first_ids) == 3 and second_ids, (first_ids, second_ids)
assert max(second_ids) < min(first_ids), (first_ids, second_ids)
PY

deadline=$((SECONDS + 30))
until notifications=$(toot_as "$bob" notifications) \
    && grep -q "now follows you" <<<"$notifications" && grep -q "favourited your status" <<<"$notifications" \
    && grep -q "reblogged your status" <<<"$notifications" && grep -q "mentioned you" <<<"$notifications"; do
    ((SECONDS < deadline)) || fail "bob's notifications lack a follow, favourite, reblog or mention: $notifications"
    sleep 0.2
done

toot_as "$ada" delete "$reply" >/dev/null || fail "delete $reply"
if toot_as "$ada" thread "$reply" >/dev/null 2>&1; then
    fail "a deleted status is still found"
fi

echo "toot scenario passed"
