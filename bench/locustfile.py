"""25 signed-in members (and the director for the director's pages, one consultant
for the reviewer's) using the site.

Every page of bench/out/targets.json is one task of equal weight, so all pages
are measured side by side in one run under the same load. By default each member
waits only 0.2-1 s between pages (real members read for longer), so 25 of them
keep a 2-core server busy; BENCH_THINK="5,15" gives readers' pace instead.
"""

import itertools
import json
import os

from locust import HttpUser, between

TARGETS = json.loads(open(os.environ["BENCH_TARGETS"]).read())  # noqa: SIM115
_members = itertools.cycle(TARGETS["members"])


def _page_task(label: str, url: str):
    def run(user):
        if label in TARGETS["director_pages"]:
            cookie = TARGETS["director"]
        elif label in TARGETS.get("consultant_pages", ()):
            cookie = TARGETS["consultant"]
        else:
            cookie = user.cookie
        with user.client.get(
            url, name=label, headers={"Cookie": cookie}, allow_redirects=False,
            catch_response=True,
        ) as response:  # fmt: skip
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {url}")

    run.__name__ = f"page_{label}"
    return run


class Member(HttpUser):
    wait_time = between(*map(float, os.environ.get("BENCH_THINK", "0.2,1").split(",")))

    def on_start(self):
        self.cookie = next(_members)

    tasks = [_page_task(label, url) for label, url in TARGETS["pages"].items()]
