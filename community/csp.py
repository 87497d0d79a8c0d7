"""One Content-Security-Policy for every page, the two admins included.

Scripts come from this site only, everywhere: no 'unsafe-inline', no eval. The
Wagtail admin still writes a few inline scripts of its own (date pickers,
choosers, inline panels); on admin pages each one that has exactly the shape
Wagtail writes, with JSON for its arguments, is allowed by its sha256 hash, so
that nothing else inline (an injected script) can run. The admins also write
inline style attributes, so their pages alone may use inline styles.
"""

import base64
import hashlib
import json
import re

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware

ADMIN_PREFIXES = ("/cms/", "/django-admin/")
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
# Wagtail's own inline initialisers: a call with an element id and a JSON object.
WIDGET_INIT = re.compile(
    r"(?:init(?:Date|DateTime|Time)Chooser|new [A-Z][A-Za-z]*Chooser)"
    r'\("[\w\\-]+", (?P<json>\{.*\})\);'
)
PANEL_INIT = re.compile(
    r"\(function\(\) \{\s*var panel = new (?:InlinePanel|MultipleChooserPanel)"
    r'\(JSON\.parse\("(?P<string>(?:[^"\\]|\\.)*)"\)\);\s*\}\)\(\);'
)


def _is_wagtail_initialiser(script: str) -> bool:
    script = script.strip()
    try:
        if match := WIDGET_INIT.fullmatch(script):
            json.loads(match["json"])
            return True
        if match := PANEL_INIT.fullmatch(script):
            json.loads(json.loads(f'"{match["string"]}"'))
            return True
    except ValueError:
        return False
    return False


def wagtail_script_hashes(html: str) -> list[str]:
    """CSP hash sources for the inline scripts that Wagtail's admin wrote."""
    hashes = []
    for script in INLINE_SCRIPT.findall(html):
        if _is_wagtail_initialiser(script):
            digest = hashlib.sha256(script.encode()).digest()
            hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(set(hashes))


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not request.path_info.startswith(ADMIN_PREFIXES):
            return parts
        replace = {
            "style-src": [SELF, UNSAFE_INLINE],
            "img-src": [SELF, "data:", "blob:"],  # upload previews
        }
        is_html = response.get("Content-Type", "").startswith("text/html")
        if is_html and not getattr(response, "streaming", False):
            hashes = wagtail_script_hashes(response.content.decode(errors="replace"))
            if hashes:
                replace["script-src"] = [SELF, *hashes]
        parts.replace = {**(parts.replace or {}), **replace}
        return parts
