"""Personal data shown safely: masking of ID and phone numbers, and a log filter that scrubs them.

Why one module: screens, prints, Excel exports and logs must all mask the same way, so a
household's ID number never leaks through the one path that forgot. Masked forms follow what
Chinese government forms print: 5334**********123X and 138****5678.
"""
from __future__ import annotations

import logging
import re

# 18-digit resident ID (17 digits + digit/X) and the old 15-digit form; not inside longer digit runs.
ID_RE = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
# Mainland mobile numbers (optionally +86 / 86 prefixed), not inside longer digit runs.
PHONE_RE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)")
# Landlines such as 0887-8223456 (area code + 7–8 digits).
LANDLINE_RE = re.compile(r"(?<!\d)(0\d{2,3})-(\d{3,4})(\d{4})(?!\d)")
# password=…, "password": "…", 密码：… and Argon2/other PHC hashes.
SECRET_RE = re.compile(r"""(?ix)
    ((?<![A-Za-z])(?:pass(?:word|wd)?|pwd|secret|token|密码|口令)["']?\s*[:=：]\s*["']?)  # key, separator
    ([^\s"',;)}\]]+)                                                        # the value
""")
PHC_RE = re.compile(r"\$argon2(?:id|i|d)\$[^\s'\"]+")

PERSONAL_FIELDS = {"household": ("id_number", "phone"), "project": ("responsible_phone",)}


def mask_id(value: str | None) -> str | None:
    """5334**********123X: keep the first four (province/prefecture) and the last four."""
    if value is None:
        return None
    s = str(value).strip()
    if len(s) <= 8:
        return "*" * len(s)
    return s[:4] + "*" * (len(s) - 8) + s[-4:]


def mask_phone(value: str | None) -> str | None:
    """138****5678 for mobiles; landlines keep area code and last four: 0887-****3456."""
    if value is None:
        return None
    s = str(value).strip()
    digits = re.sub(r"\D", "", s)
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    if len(digits) == 11 and digits.startswith("1"):
        return digits[:3] + "****" + digits[-4:]
    m = LANDLINE_RE.fullmatch(s)
    if m:
        return f"{m.group(1)}-{'*' * len(m.group(2))}{m.group(3)}"
    if len(digits) <= 4:
        return "*" * len(digits)
    return "*" * (len(digits) - 4) + digits[-4:]


def mask_field(table: str, field: str, value):
    """Mask a value if (table, field) holds personal data; other values pass unchanged."""
    if value is None or field not in PERSONAL_FIELDS.get(table, ()):
        return value
    return mask_id(value) if field == "id_number" else mask_phone(value)


def is_personal(table: str, field: str) -> bool:
    return field in PERSONAL_FIELDS.get(table, ())


def is_masked(value) -> bool:
    """True for a masked form shown back in a form (5334**********123X): saving it keeps the stored number."""
    return isinstance(value, str) and "*" in value


def scrub_text(text: str) -> str:
    """Mask every ID/phone number and blank every password or password hash in free text."""
    if not text:
        return text
    text = PHC_RE.sub("$argon2id$[已隐去]", text)
    text = SECRET_RE.sub(lambda m: m.group(1) + "[已隐去]", text)
    text = ID_RE.sub(lambda m: mask_id(m.group(1)), text)
    text = PHONE_RE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)
    return LANDLINE_RE.sub(lambda m: f"{m.group(1)}-{'*' * len(m.group(2))}{m.group(3)}", text)


class ScrubFilter(logging.Filter):
    """Logging filter: rewrites each record's message and traceback with scrub_text.

    Attached to the data folder's log handler, so nothing the program (or a library's
    exception text, e.g. SQL parameters) logs can carry an ID number or a password.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the record
            message = str(record.msg)
        record.msg, record.args = scrub_text(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub_text(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub_text(record.stack_info)
        return True


def install_log_filter(handler: logging.Handler) -> None:
    """Add the scrubbing filter to a handler once."""
    if not any(isinstance(f, ScrubFilter) for f in handler.filters):
        handler.addFilter(ScrubFilter())
