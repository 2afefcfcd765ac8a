"""Masking of ID and phone numbers, and logs that never hold them or passwords."""
import logging

from desktop.privacy.masking import ScrubFilter, mask_field, mask_id, mask_phone, scrub_text

ID = "53342119900101123X"
PHONE = "13812345678"


def test_mask_id_and_phone():
    """5334**********123X and 138****5678, as Chinese forms print them."""
    assert mask_id(ID) == "5334**********123X"
    assert mask_id("533421900101123") == "5334*******1123"
    assert mask_phone(PHONE) == "138****5678"
    assert mask_phone("+86 138 1234 5678") == "138****5678"
    assert mask_phone("0887-8223456") == "0887-***3456"
    assert mask_id(None) is None and mask_phone("") == ""
    assert mask_field("household", "id_number", ID) == "5334**********123X"
    assert mask_field("project", "name", ID) == ID  # not a personal field


def test_scrub_text_masks_numbers_and_secrets():
    """Free text loses ID numbers, phones, password values and Argon2 hashes."""
    text = (f"户主 身份证 {ID} 电话{PHONE}; password=hunter22 密码：秘密123 "
            "hash $argon2id$v=19$m=65536,t=3,p=1$abc$def order 20201030 bypass=ok")
    out = scrub_text(text)
    for secret in (ID, PHONE, "hunter22", "秘密123", "m=65536,t=3,p=1$abc$def"):
        assert secret not in out
    assert "5334**********123X" in out and "138****5678" in out
    assert "20201030" in out and "bypass=ok" in out  # dates and ordinary words stay


def test_log_file_never_holds_id_phone_or_password(township_app):
    """Through the data folder's log handler, messages, arguments and tracebacks are scrubbed."""
    from desktop.core.app import setup_logging

    # One process opens one data folder, so its handler is made once; in a test worker the first folder's handler
    # may point into an earlier test's folder, already deleted. This test's own folder gets the handler instead.
    root = logging.getLogger("towndesk")
    before = [h for h in root.handlers if getattr(h, "_towndesk", False)]
    for h in before:
        root.removeHandler(h)
    setup_logging(township_app.layout)
    handler = next(h for h in root.handlers if getattr(h, "_towndesk", False))
    try:
        log = logging.getLogger("towndesk.test")
        log.warning("导入受益户 %s 电话 %s", ID, PHONE)
        log.info("login password=%s", "s3cret-pass")
        try:
            raise ValueError(f"bad row: ('{ID}', '{PHONE}')")
        except ValueError:
            log.exception("import failed")
        handler.flush()
        text = open(township_app.layout.log_file, encoding="utf-8").read()
    finally:
        root.removeHandler(handler)
        handler.close()
        for h in before:
            root.addHandler(h)
    assert "导入受益户" in text and "import failed" in text
    for secret in (ID, PHONE, "s3cret-pass"):
        assert secret not in text


def test_filter_keeps_records_with_bad_format():
    """A record whose format arguments do not fit is still logged (scrubbed), never dropped."""
    rec = logging.LogRecord("x", logging.INFO, __file__, 1, "value %d", (ID,), None)
    assert ScrubFilter().filter(rec) and ID not in rec.getMessage()
