"""Self-contained HTML pages (the maps, the profiles): data a script reads, and the hashes that let a
Content-Security-Policy allow only the page's own scripts and styles.

Data goes into a `<script type="application/json">` block as `safe_json` (which cannot end the block)
and is read with `textContent`; text from articles is never markup and never script.
"""

from __future__ import annotations

import base64
import hashlib
import json

__all__ = ["csp_hash", "markup", "safe_json"]


def csp_hash(text: str) -> str:
    """The CSP source (`'sha256-...'`) that allows exactly the inline script or style `text`."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def safe_json(obj: object) -> str:
    """JSON that cannot end its <script> block: <, > and & are escaped."""
    return (json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def markup(text: str):
    """`text` marked safe for Jinja (a script, a style or `safe_json` output: never article text as such)."""
    from markupsafe import Markup

    return Markup(text)
