"""Personal data in the change log is sealed, and erasing a household makes it unrecoverable."""
import pytest
from sqlalchemy import select

from db import personal
from db.models import ChangeLog, Household, PersonalKey
from desktop.accounts import service as acc
from desktop.core.errors import UserError
from desktop.privacy.personal_data import ERASED_TEXT, erase_household, household_numbers, log_value
from tests.accounts.conftest import ADMIN_PW, REVIEWER_PW

ID, PHONE = "53342119900101123X", "13812345678"


@pytest.fixture
def household(accounts_app):
    with accounts_app.tx(user="李四") as s:
        h = Household(township_code="533401102000", head_name="张三", id_number=ID, phone=PHONE)
        s.add(h)
        s.flush()
        hid = h.id
    with accounts_app.tx(user="李四") as s:
        s.get(Household, hid).phone = "13900001111"
    return hid


def _db_bytes(app) -> bytes:
    root = app.data_dir
    data = (root / "towndesk.db").read_bytes()
    for extra in ("towndesk.db-wal",):
        if (root / extra).exists():
            data += (root / extra).read_bytes()
    return data


def test_change_log_holds_sealed_values_that_open(accounts_app, household):
    """The log stores ~sealed1: values, never the number; open_value gives the JSON back."""
    with accounts_app.read() as s:
        rows = s.scalars(select(ChangeLog).where(ChangeLog.record_id == household,
                                                  ChangeLog.field.in_(["id_number", "phone"]))).all()
        conn = s.connection()
        assert len(rows) == 3 and all(personal.is_sealed(r.new_value) for r in rows)
        assert all(ID not in (r.new_value or "") for r in rows)
        opened = {personal.open_value(conn, r.table_name, r.record_id, r.field, r.new_value) for r in rows}
        assert opened == {f'"{ID}"', f'"{PHONE}"', '"13900001111"'}
        swapped = personal.open_value(conn, "household", household, "phone", rows[0].new_value)
        assert swapped is None  # a sealed value moved to another field does not open


def test_erase_overwrites_fields_shreds_key_and_leaves_no_bytes(accounts_app, household):
    """After erasure the ID and phone are gone from the row, the log and the database file."""
    admin = acc.authenticate(accounts_app, "admin", ADMIN_PW)
    assert ID.encode() not in _db_bytes(accounts_app)  # stored sealed even before erasure (db/personal_rest.py)
    with accounts_app.read() as s:
        sealed = s.execute(select(Household.id_number).where(Household.id == household)).scalar()
    assert personal.is_sealed(sealed) and sealed.encode() in _db_bytes(accounts_app)
    result = erase_household(accounts_app, admin, household, "本人申请删除")
    assert result["key_shredded"] and set(result["fields"]) == {"id_number", "phone"}
    with accounts_app.read() as s:
        h = s.get(Household, household)
        assert h.id_number is None and h.phone is None and h.head_name == "张三"
        assert s.get(PersonalKey, household) is None
        conn = s.connection()
        logged = [log_value(conn, r.table_name, r.record_id, r.field, r.new_value or r.old_value, reveal=True)
                  for r in s.scalars(select(ChangeLog).where(ChangeLog.record_id == household,
                                                             ChangeLog.field == "id_number"))]
    assert logged == [ERASED_TEXT, ERASED_TEXT]
    raw = _db_bytes(accounts_app)
    for secret in (ID, PHONE, "13900001111", sealed):
        assert secret.encode() not in raw
    from desktop.core.verify import verify
    assert verify(accounts_app) == []  # the hash chain still verifies


def test_erase_needs_reason_and_edit_right(accounts_app, household):
    """A reviewer may not erase; a reason is required."""
    reviewer = acc.authenticate(accounts_app, "王五", REVIEWER_PW)
    with pytest.raises(UserError, match="权限"):
        erase_household(accounts_app, reviewer, household, "x")
    admin = acc.authenticate(accounts_app, "admin", ADMIN_PW)
    with pytest.raises(UserError, match="原因"):
        erase_household(accounts_app, admin, household, "  ")


def test_screens_get_masked_numbers_unless_allowed(accounts_app, household):
    """household_numbers masks for everyone; reveal only for roles that may see them."""
    reviewer = acc.authenticate(accounts_app, "王五", REVIEWER_PW)
    assert household_numbers(accounts_app, reviewer, household) == {"id_number": "5334**********123X",
                                                                     "phone": "139****1111"}
    with pytest.raises(UserError, match="权限"):
        household_numbers(accounts_app, reviewer, household, reveal=True)
    admin = acc.authenticate(accounts_app, "admin", ADMIN_PW)
    assert household_numbers(accounts_app, admin, household, reveal=True)["id_number"] == ID
