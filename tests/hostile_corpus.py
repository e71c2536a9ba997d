"""A corpus of hostile and broken XML, built fresh for each test run.

``corpus(secret, url)`` gives (name, bytes, expected) triples. ``secret`` is the path of
a file whose contents must never appear in lawdiff's output; ``url`` is a local HTTP
server that counts requests: nothing may ever be fetched from it. ``expected`` is
"refused" (exit status 2, one line on stderr) or "parsed" (harmless once defanged: a
processing instruction pointing at a stylesheet, a well-formed UTF-16 document).
"""

from __future__ import annotations

import os

CLML = "http://www.legislation.gov.uk/namespaces/legislation"
AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


def valid(extra_body: str = "", head: str = "") -> str:
    """A small well-formed CLML Act, with optional extra markup in its body."""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{head}'
            f'<Legislation xmlns="{CLML}"><Primary><Body>'
            '<P1group><Title>Interpretation</Title><P1 id="section-1"><Pnumber>1</Pnumber><P1para>'
            f'<Text>In this Act “provider” means a person who provides a service.{extra_body}</Text>'
            '</P1para></P1></P1group></Body></Primary></Legislation>\n')


def corpus(secret: str, url: str) -> list[tuple[str, bytes, str]]:
    secret_uri = "file://" + os.path.abspath(secret)
    items: list[tuple[str, bytes | str, str]] = [
        ("xxe-file", f'<?xml version="1.0"?>\n<!DOCTYPE Legislation [<!ENTITY s SYSTEM "{secret_uri}">]>\n'
                     + valid("&s;").split("\n", 1)[1], "refused"),
        ("xxe-network", f'<!DOCTYPE Legislation [<!ENTITY s SYSTEM "{url}/xxe">]>\n' + valid("&s;"), "refused"),
        ("parameter-entity", f'<!DOCTYPE x [<!ENTITY % remote SYSTEM "{url}/evil.dtd"> %remote;]>\n<x/>',
         "refused"),
        ("billion-laughs", "<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
         + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
         + "]><lolz>&lol9;</lolz>", "refused"),
        ("quadratic-blowup", '<!DOCTYPE x [<!ENTITY a "' + "x" * 100_000 + '">]><x>' + "&a;" * 10_000 + "</x>",
         "refused"),
        ("external-dtd", f'<!DOCTYPE Legislation SYSTEM "{url}/legislation.dtd">\n'
                         + valid().split("\n", 1)[1], "refused"),
        ("external-dtd-secret", f'<!DOCTYPE Legislation SYSTEM "{secret_uri}">\n' + valid().split("\n", 1)[1],
         "refused"),
        ("internal-subset", "<!DOCTYPE Legislation [<!ELEMENT Legislation ANY>]>\n" + valid().split("\n", 1)[1],
         "refused"),
        ("xinclude-file", valid(f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret_uri}" '
                                'parse="text"/>'), "refused"),
        ("xinclude-network", valid(f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{url}/inc"/>'),
         "refused"),
        ("deep-nesting", f"<akomaNtoso xmlns='{AKN}'>" + "<a>" * 100_000 + "</a>" * 100_000 + "</akomaNtoso>",
         "refused"),
        ("long-text-node", valid("a" * 11_000_000), "refused"),
        ("long-attribute", f'<Legislation xmlns="{CLML}" x="' + "a" * 11_000_000 + '"/>', "refused"),
        ("processing-instructions-only", f'<?xml version="1.0"?>\n<?xml-stylesheet href="{url}/x.xsl"?>\n<?pi?>',
         "refused"),
        ("wrong-encoding-declaration", b'<?xml version="1.0" encoding="UTF-16"?>\n' + valid().split("\n", 1)[1].encode(),
         "refused"),
        ("mixed-encodings", valid().encode().replace(b"provider", "provider caf\u00e9".encode("latin-1")), "refused"),
        ("truncated", valid()[: len(valid()) // 2], "refused"),
        ("binary", bytes(range(256)) * 64, "refused"),
        ("nul-bytes", valid().encode().replace(b"provider", b"pro\x00vider"), "refused"),
        ("empty", b"", "refused"),
        ("whitespace-only", b"  \n\t\n", "refused"),
        ("not-xml", b"This is a letter, not legislation.\n", "refused"),
        ("html", b"<!DOCTYPE html><html><body><p>not legislation</p></body></html>", "refused"),
        ("unexpected-namespace", valid().replace(CLML, "http://example.com/not-legislation"), "refused"),
        ("no-namespace", valid().replace(f' xmlns="{CLML}"', ""), "refused"),
        ("utf16-with-entity", ('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE x [<!ENTITY s SYSTEM "'
                               + secret_uri + '">]>\n<x>&s;</x>').encode("utf-16"), "refused"),
        # Harmless once defanged: parsed, and nothing fetched.
        ("stylesheet-pi", valid(head=f'<?xml-stylesheet type="text/xsl" href="{url}/style.xsl"?>\n'), "parsed"),
        ("utf16-document", valid().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"), "parsed"),
    ]
    return [(name, data.encode() if isinstance(data, str) else data, expected) for name, data, expected in items]
