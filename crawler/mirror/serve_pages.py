"""The HTML bodies ``mirror serve`` answers with when it refuses a request.

Both 403 pages carry SEC's title ``SEC.gov | Request Rate Threshold Exceeded`` (the real site uses that title for
the undeclared-tool page too); crawlers detect a rate block by the phrase ``Request Rate Threshold Exceeded`` on a 403.
"""

from __future__ import annotations

ACCESS_POLICY_URL = "https://www.sec.gov/os/accessing-edgar-data"
BLOCK_PHRASE = "Request Rate Threshold Exceeded"
UNDECLARED_PHRASE = "Your Request Originates from an Undeclared Automated Tool"

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<title>SEC.gov | Request Rate Threshold Exceeded</title>
<style>
body {{margin:0; font-family:Arial, Helvetica, sans-serif;}}
#header {{background-color:#003968; color:#fff; padding:15px 20px; font-size:20px;}}
#content {{max-width:650px; margin:60px auto; padding:0 20px 100px 20px;}}
h1 {{font-family:Georgia, Times, serif; font-size:20px;}}
</style>
</head>
<body>
<div id="header">U.S. Securities and Exchange Commission</div>
<div id="content">
<h1>{heading}</h1>
{paragraphs}
<p>For best practices on efficiently downloading information from SEC.gov, including the latest EDGAR filings,
see <a href="{policy}">Accessing EDGAR Data</a>.</p>
<p>Reference ID: mirror.{reference}</p>
</div>
</body>
</html>
"""

_UNDECLARED_PARAGRAPHS = f"""<p>To allow for equitable access to all users, SEC reserves the right to limit requests
originating from undeclared automated tools. Your request has been identified as part of a network of automated
tools outside of the acceptable policy and will be managed until action is taken to declare your traffic.</p>
<p>Please declare your traffic by updating your user agent to include company specific information, for example
<code>Sample Company Name AdminContact@samplecompany.com</code>, as described at
<a href="{ACCESS_POLICY_URL}">{ACCESS_POLICY_URL}</a>.</p>"""

_THRESHOLD_PARAGRAPHS = f"""<p>{BLOCK_PHRASE}: your request rate has exceeded the SEC's fair access policy
of no more than 10 requests per second, regardless of the number of machines used.</p>
<p>To allow for equitable access to all users, further requests from your address will be limited for
10 minutes. Access resumes by itself once your request rate has stayed below the threshold for 10 minutes;
requests made while access is limited extend the limit.</p>
<p>Please review the fair access policy at <a href="{ACCESS_POLICY_URL}">{ACCESS_POLICY_URL}</a>.</p>"""


def _page(heading: str, paragraphs: str, reference: str) -> bytes:
    return _PAGE.format(
        heading=heading, paragraphs=paragraphs, policy=ACCESS_POLICY_URL, reference=reference
    ).encode("utf-8")


UNDECLARED_TOOL_PAGE: bytes = _page(UNDECLARED_PHRASE, _UNDECLARED_PARAGRAPHS, "undeclared")
"""403 body for a User-Agent without a contact e-mail."""

RATE_THRESHOLD_PAGE: bytes = _page(BLOCK_PHRASE, _THRESHOLD_PARAGRAPHS, "threshold")
"""403 body for every request over the rate limit or during the block it starts."""


def status_page(status: int, reason: str) -> bytes:
    """A small HTML body for 404/405/500/503 answers."""
    return (
        f"<!DOCTYPE html>\n<html><head><title>{status} {reason}</title></head>\n"
        f"<body><h1>{reason}</h1></body></html>\n"
    ).encode("ascii")
