"""SQL queries per page, as a signed-in member (the director for director pages,
a consultant in the reviewer pool for consultant pages).

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.querycount TARGETS OUT

Each page is requested twice; the second request is counted (the first may
create rows that are read afterwards, e.g. forum read markers).
"""

import json
import sys

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def count(targets: dict) -> dict[str, int]:
    counts = {}
    for label, url in targets["pages"].items():
        if label in targets["director_pages"]:
            cookie = targets["director"]
        elif label in targets.get("consultant_pages", ()):
            cookie = targets["consultant"]
        else:
            cookie = targets["members"][0]
        client = Client(HTTP_COOKIE=cookie)
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{label}: {url} answered {response.status_code}")
        counts[label] = len(captured)
    return counts


if __name__ == "__main__":
    with open(sys.argv[1]) as source:
        result = count(json.load(source))
    with open(sys.argv[2], "w") as out:
        json.dump(result, out, indent=1)
    for label, n in result.items():
        print(f"  {n:4} queries  {label}")  # noqa: T201
