"""Email addresses.

"The same value" is the same mailbox. The wrapping is dropped (spaces, quotes,
``mailto:``, ``Name <a@b.com>``, a trailing ``(comment)``), full-width characters and
the ideographic full stop count as their ASCII forms, and the address is lower-cased —
local parts are case-sensitive on paper, but no mainstream provider treats them so.
The domain is written in its ASCII (IDNA/punycode) form, so ``用户@例子.中国`` and
``用户@xn--fsqu00a.xn--fiqs8s`` are the same; non-ASCII local parts (RFC 6531) are kept.

Then the provider's own rules, where they are documented:

- Gmail: ``googlemail.com`` is ``gmail.com``; dots in the local part are ignored and a
  ``+tag`` is dropped (``J.Doe+shop@GoogleMail.com`` is ``jdoe@gmail.com``). Google
  Workspace domains keep their dots, so this applies to gmail.com only.
- ``+tag`` is dropped for providers that deliver ``name+tag`` to ``name``: Outlook.com
  (outlook/hotmail/live/msn), iCloud (icloud/me/mac), Proton, Fastmail, Yandex, Zoho.
- Yahoo is left alone: its ``base-keyword`` disposable addresses hang off a separate
  base name, not the account name, so cutting at ``-`` would not find the owner.
- Other domains are left alone: a ``+`` can be a real character of a mailbox there.

``key`` is the local part folded further for near-duplicate matching across domains:
``+tag`` dropped whatever the provider, and ``.``, ``-``, ``_`` removed
(``lanyue.shop@163.com`` and ``lanyueshop@gmail.com`` both have key ``lanyueshop``).
Role mailboxes (info, sales, support, admin…) get no key: unrelated companies share
them by the thousand. ``note`` is the domain, then ``; free mail`` or
``; custom domain``.

``non_linking``: no-reply addresses, placeholder mailboxes (``test@…``, ``none@…``,
``xxx@…``), the same word on both sides (``a@a.com``, ``test@test.com``,
``none@none``), and placeholder or reserved domains (example.com/.org/.net, test.com,
``.test``/``.example``/``.invalid``/``.localhost``). ``invalid``: no ``@`` or several,
an empty side, spaces or forbidden characters, or a domain that is not a hostname.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from auditor.normalise._base import Normalised, invalid, map_unique, non_linking
from auditor.normalise._fast import distinct, fill_slow, new_table, spread
from auditor.tables import NORMALISED_COLUMNS, STATUS_NON_LINKING, STATUS_OK

_GMAIL: Final = "gmail.com"
_DOMAIN_ALIASES: Final = {"googlemail.com": _GMAIL}
_PLUS_PROVIDERS: Final = frozenset(
    {
        _GMAIL, "outlook.com", "hotmail.com", "live.com", "msn.com", "icloud.com", "me.com",
        "mac.com", "protonmail.com", "protonmail.ch", "proton.me", "pm.me", "fastmail.com",
        "fastmail.fm", "yandex.com", "yandex.ru", "ya.ru", "zoho.com", "zohomail.com",
    }
)  # fmt: skip
# Outlook.com also serves country domains: hotmail.co.uk, outlook.jp, live.cn…
_PLUS_BRANDS: Final = frozenset({"outlook", "hotmail", "live"})
_FREE_MAIL: Final = _PLUS_PROVIDERS | frozenset(
    {
        "yahoo.com", "ymail.com", "rocketmail.com", "aol.com", "gmx.com", "gmx.net", "gmx.de",
        "mail.com", "email.com", "web.de", "mail.ru", "inbox.ru", "list.ru", "bk.ru",
        "rambler.ru", "naver.com", "daum.net", "hanmail.net", "qq.com", "vip.qq.com",
        "foxmail.com", "163.com", "126.com", "yeah.net", "vip.163.com", "vip.126.com",
        "188.com", "sina.com", "sina.cn", "vip.sina.com", "sohu.com", "139.com", "189.cn",
        "wo.cn", "aliyun.com", "tom.com", "21cn.com", "hotmail.co.jp", "yahoo.co.jp",
        "mailinator.com", "tutanota.com", "tuta.io", "hey.com",
    }
)  # fmt: skip
_FREE_BRANDS: Final = _PLUS_BRANDS | frozenset({"yahoo", "gmx", "yandex"})

_NO_REPLY: Final = frozenset(
    {
        "noreply", "no-reply", "no_reply", "no.reply", "donotreply", "do-not-reply",
        "do_not_reply", "do.not.reply", "mailer-daemon",
    }
)  # fmt: skip
_PLACEHOLDER_LOCAL: Final = frozenset(
    {
        "test", "none", "null", "nil", "noemail", "no-email", "nomail", "no-mail", "noone",
        "nobody", "unknown", "xxx", "xxxx", "xxxxx", "xxxxxx", "sample", "dummy", "fake",
        "asdf", "example", "youremail", "your-email", "yourname", "123456", "无", "暂无",
    }
)  # fmt: skip
_PLACEHOLDER_DOMAINS: Final = frozenset(
    {
        "example.com", "example.org", "example.net", "example.edu", "test.com", "domain.com",
        "none.com", "null.com", "nomail.com", "noemail.com", "xxx.com", "sample.com",
        "fake.com",
    }
)  # fmt: skip
_RESERVED_TLDS: Final = frozenset({"example", "test", "invalid", "localhost", "local"})
_ROLE_LOCAL: Final = frozenset(
    {
        "info", "admin", "administrator", "sales", "support", "service", "services",
        "contact", "contactus", "office", "hello", "mail", "email", "shop", "store", "team",
        "help", "billing", "account", "accounts", "hr", "jobs", "marketing", "enquiry",
        "enquiries", "inquiry", "order", "orders", "customer", "customerservice", "cs",
        "kefu", "webmaster", "postmaster", "hostmaster", "abuse", "security", "finance",
        "seller", "amazon", "business", "feedback", "returns",
    }
)  # fmt: skip

_FOLD: Final = str.maketrans({"。": ".", "｡": "."})
_NAME_ADDR: Final = re.compile(r"[^<>]*<([^<>]*)>")
_COMMENT: Final = re.compile(r"(.*?)\s*\([^()]*\)")
_MAILTO: Final = re.compile(r"mailto:", re.IGNORECASE)
_FORBIDDEN_LOCAL: Final = frozenset('()<>[]:;,\\"')
_LABEL: Final = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_TLD: Final = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")
_KEY_SEPARATORS: Final = str.maketrans("", "", ".-_")


def normalise_email_value(text: str) -> Normalised:
    """Normalise one email address as written.

    >>> normalise_email_value("Zhang Wei <J.Doe+shop@GoogleMail.com>").value
    'jdoe@gmail.com'
    >>> r = normalise_email_value("lanyue.shop@163.com")
    >>> r.key, r.note
    ('lanyueshop', '163.com; free mail')
    >>> normalise_email_value("noreply@amazon.com").status
    'non_linking'
    """
    address = _unwrap(text)
    if "@" not in address:
        return invalid("not an email address (no @)")
    if address.count("@") > 1:
        return invalid("more than one @ in an email address")
    local, _, domain = address.partition("@")
    if not local:
        return invalid("nothing before the @")
    if not domain.rstrip("."):
        return invalid("nothing after the @")
    if any(c.isspace() for c in address):
        return invalid("spaces inside an email address")
    local = _fold_local(local)
    if not local.isprintable() or _FORBIDDEN_LOCAL.intersection(local):
        return invalid("characters not allowed in an email address")
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return invalid("misplaced dot before the @")
    if len(local.encode()) > 64:
        return invalid("part before the @ longer than 64 bytes")
    ascii_domain = _ascii_domain(domain.rstrip(".").lower())
    if ascii_domain is None:
        return invalid("domain is not a valid host name")
    domain = _DOMAIN_ALIASES.get(ascii_domain, ascii_domain)
    labels = domain.split(".")

    if len(domain) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        return invalid("domain is not a valid host name")
    placeholder = _placeholder(local, domain, labels)
    if placeholder is not None:
        return non_linking(f"{local}@{domain}", placeholder, note=domain)
    if len(labels) < 2:
        return invalid("domain has no dot")
    if not _TLD.fullmatch(labels[-1]):
        return invalid("domain is not a valid host name")

    mailbox = local
    if _drops_plus_tag(domain, labels):
        mailbox = mailbox.partition("+")[0]
    if domain == _GMAIL:
        mailbox = mailbox.replace(".", "")
    if not mailbox:
        return invalid("nothing before the + tag")
    kind = "free mail" if _is_free_mail(domain, labels) else "custom domain"
    return Normalised(f"{mailbox}@{domain}", key=_key(mailbox), note=f"{domain}; {kind}")


def normalise_email(raw: pd.Series, *, fast: bool = True) -> pd.DataFrame:
    """Normalise a column of email addresses (see the module docstring for the rules).

    The result is :func:`normalise_email_value` applied to every distinct value.
    ``fast=False`` does exactly that; the default reads plain ASCII addresses with
    array operations (and each domain once), and leaves the rest to
    :func:`normalise_email_value`.

    >>> import pandas as pd
    >>> s = pd.Series(["mailto:A.B+x@gmail.com", "ab@googlemail.com"])
    >>> normalise_email(s)["value"].tolist()
    ['ab@gmail.com', 'ab@gmail.com']
    """
    if not fast:
        return map_unique(raw, normalise_email_value)
    codes, uniques, texts = distinct(raw)
    table, done = _fast_table(texts)
    fill_slow(table, done, uniques, normalise_email_value)
    return spread(table, codes, raw.index)


def _unwrap(text: str) -> str:
    address = unicodedata.normalize("NFKC", text).translate(_FOLD).strip()
    name_addr = _NAME_ADDR.fullmatch(address)
    if name_addr:
        address = name_addr.group(1)
    comment = _COMMENT.fullmatch(address)
    if comment and "@" in comment.group(1):
        address = comment.group(1)
    address = address.strip().strip("\"'").strip()
    if _MAILTO.match(address):
        address = address[len("mailto:") :].partition("?")[0]
    return address.strip().rstrip(",;")


def _fold_local(local: str) -> str:
    """Lower-case and NFKC until stable (lower-casing can produce non-NFKC text)."""
    for _ in range(3):
        folded = unicodedata.normalize("NFKC", local.lower())
        if folded == local:
            break
        local = folded
    return local


def _ascii_domain(domain: str) -> str | None:
    if domain.isascii():
        return domain
    try:
        # The stdlib codec (IDNA 2003 with nameprep) also lower-cases and maps full-width
        # forms; the idna package (IDNA 2008) would add no dependency-free benefit here.
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return None


def _placeholder(local: str, domain: str, labels: list[str]) -> str | None:
    if local in _NO_REPLY:
        return "no-reply address"
    if local in _PLACEHOLDER_LOCAL:
        return "placeholder address"
    if local == labels[0]:
        return "placeholder address (same word on both sides of the @)"
    parents = {".".join(labels[i:]) for i in range(len(labels) - 1)}
    if parents & _PLACEHOLDER_DOMAINS or labels[0] == "example":
        return "placeholder domain"
    if labels[-1] in _RESERVED_TLDS:
        return "reserved domain (RFC 2606)"
    return None


def _is_brand(labels: list[str], brands: frozenset[str]) -> bool:
    """``hotmail.co.uk``, ``outlook.jp``: a brand label directly before a country suffix."""
    suffix = labels[1:]
    return (
        labels[0] in brands and 1 <= len(suffix) <= 2 and (len(suffix) == 1 or len(suffix[0]) <= 3)
    )


def _drops_plus_tag(domain: str, labels: list[str]) -> bool:
    return domain in _PLUS_PROVIDERS or _is_brand(labels, _PLUS_BRANDS)


def _is_free_mail(domain: str, labels: list[str]) -> bool:
    return domain in _FREE_MAIL or _is_brand(labels, _FREE_BRANDS)


def _key(mailbox: str) -> str | None:
    key = mailbox.partition("+")[0].translate(_KEY_SEPARATORS)
    if not key or key in _ROLE_LOCAL:
        return None
    return key


# --- the array path -----------------------------------------------------------------------
#
# A value that is exactly ``local@domain`` in ASCII — the local part letters, digits and
# ``._+-`` with no misplaced dot and at most 64 characters, the domain hostname labels —
# is its own _unwrap() (no name, comment, quotes or mailto:), and _fold_local() of its
# local part is its lower case. normalise_email_value() then depends on the lower-cased
# local part and the facts of the lower-cased domain (_domain_facts(), the same tests),
# in the same order: placeholder, then the mailbox rules and the key.
_FAST_SHAPE: Final = (
    r"^[A-Za-z0-9_+\-]+(?:\.[A-Za-z0-9_+\-]+)*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+$"
)
_MAX_LOCAL: Final = 64
_COL: Final = {name: i for i, name in enumerate(NORMALISED_COLUMNS)}


def _fast_table(texts: pa.Array) -> tuple[npt.NDArray[np.object_], npt.NDArray[np.bool_]]:
    table, done = new_table(len(texts))
    rows = np.flatnonzero(
        pc.fill_null(pc.match_substring_regex(texts, _FAST_SHAPE), False).to_numpy(
            zero_copy_only=False
        )
    )
    parts = pc.extract_regex(pc.ascii_lower(texts.take(rows)), r"^(?P<local>[^@]*)@(?P<domain>.*)$")
    local, written = parts.field("local"), parts.field("domain")
    # Each domain once: its facts, or None where normalise_email_value() says invalid.
    encoded = written.dictionary_encode()
    facts = [_domain_facts(d) for d in encoded.dictionary.to_pylist()]
    which = encoded.indices.to_numpy(zero_copy_only=False)
    usable = np.array([f is not None for f in facts], dtype=bool)[which]
    usable &= pc.utf8_length(local).to_numpy(zero_copy_only=False) <= _MAX_LOCAL
    rows, local, which = rows[usable], local.filter(pa.array(usable)), which[usable]
    known = [f or _NO_FACTS for f in facts]
    domain, first_label, drops_plus, gmail, note, domain_reason = (
        pa.array([f[i] for f in known], type=kind).take(pa.array(which))
        for i, kind in enumerate(_FACT_TYPES)
    )
    # _placeholder(), in its order.
    reason = pc.if_else(
        pc.is_in(local, pa.array(sorted(_NO_REPLY))), "no-reply address",
        pc.if_else(
            pc.is_in(local, pa.array(sorted(_PLACEHOLDER_LOCAL))), "placeholder address",
            pc.if_else(
                pc.equal(local, first_label),
                "placeholder address (same word on both sides of the @)",
                domain_reason,
            ),
        ),
    )  # fmt: skip
    placeholder = pc.is_valid(reason).to_numpy(zero_copy_only=False)
    mailbox = pc.if_else(drops_plus, _untag(local), local)
    mailbox = pc.if_else(gmail, pc.replace_substring(mailbox, ".", ""), mailbox)
    # An empty mailbox (a "+tag" alone) is left to normalise_email_value().
    kept = placeholder | pc.not_equal(mailbox, "").to_numpy(zero_copy_only=False)
    key = pc.replace_substring_regex(_untag(mailbox), r"[.\-_]", "")
    no_key = pc.or_(pc.equal(key, ""), pc.is_in(key, pa.array(sorted(_ROLE_LOCAL))))
    key = pc.if_else(no_key, pa.scalar(None, type=pa.large_string()), key)
    at = pa.scalar("@", type=pa.large_string())
    nothing = pa.scalar("", type=pa.large_string())
    value = pc.binary_join_element_wise(
        pc.if_else(pa.array(placeholder), local, mailbox), at, domain, nothing
    )
    columns = {
        "value": value,
        "key": pc.if_else(pa.array(placeholder), pa.scalar(None, type=pa.large_string()), key),
        "note": pc.if_else(pa.array(placeholder), domain, note),
        "reason": reason,
    }
    rows = rows[kept]
    for name, column in columns.items():
        table[_COL[name], rows] = column.filter(pa.array(kept)).to_numpy(zero_copy_only=False)
    table[_COL["status"], rows] = np.array([STATUS_OK, STATUS_NON_LINKING], dtype=object)[
        placeholder[kept].astype(np.intp)
    ]
    done[rows] = True
    return table, done


_NO_FACTS: Final = ("", "", False, False, "", None)
_FACT_TYPES: Final = (
    pa.large_string(), pa.large_string(), pa.bool_(), pa.bool_(), pa.large_string(),
    pa.large_string(),
)  # fmt: skip


def _untag(local: pa.Array) -> pa.Array:
    """``local.partition("+")[0]`` of each."""
    return pc.replace_substring_regex(local, r"\+.*$", "")


@lru_cache(maxsize=65536)
def _domain_facts(
    written: str,
) -> tuple[str, str, bool, bool, str, str | None] | None:
    """(domain, first label, drops +tag, Gmail, note, placeholder reason) for a lower-case
    ASCII domain of hostname labels, or None if normalise_email_value() finds it invalid."""
    domain = _DOMAIN_ALIASES.get(written, written)
    labels = domain.split(".")
    if len(domain) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        return None
    if len(labels) < 2 or not _TLD.fullmatch(labels[-1]):
        return None  # invalid unless a placeholder: left to normalise_email_value()
    parents = {".".join(labels[i:]) for i in range(len(labels) - 1)}
    reason = None
    if parents & _PLACEHOLDER_DOMAINS or labels[0] == "example":
        reason = "placeholder domain"
    elif labels[-1] in _RESERVED_TLDS:
        reason = "reserved domain (RFC 2606)"
    kind = "free mail" if _is_free_mail(domain, labels) else "custom domain"
    drops = _drops_plus_tag(domain, labels)
    return domain, labels[0], drops, domain == _GMAIL, f"{domain}; {kind}", reason


__all__ = ["normalise_email", "normalise_email_value"]
