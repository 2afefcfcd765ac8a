"""The same values and the same schema on SQLite and PostgreSQL; server-side migration safety."""
from datetime import date, datetime

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from db import migrate
from db.base import Base
from db.engine import make_engine
from db.models import ChangeLog, Disbursement, Notice, Project, RiskAssessment
from desktop.core.app import init_data_folder, open_app
from desktop.projects import projects
from desktop.core.verify import verify
from tests.conftest import TOWNSHIP


def test_json_bool_datetime_bigint_read_back_identically(township_app):
    """Chinese JSON lists, booleans, microsecond datetimes and amounts beyond 2^31 fen come back as stored."""
    p = projects.create_project(township_app, {"name": "大额项目", "year": 2023, "level": "市级",
                                               "planned_investment_wan": "35000", "funding_sources": "沪滇协作资金、地方配套",
                                               "joint_account": "是"})
    at = datetime(2023, 9, 15, 10, 0, 1, 123456)
    with township_app.tx() as s:
        s.add(RiskAssessment(project_id=p["id"], level="red", reasons=["建而不成：未按节点完成建设", {"k": 1}],
                             plan=[{"task": "复工", "deadline": "2023-10-31"}], assessed_at=at, signed_off=False))
        s.add(Notice(number=1, year=2023, title="督办单", township_code=TOWNSHIP[0], issued_on=date(2023, 9, 1),
                     deadline=date(2023, 9, 30), project_ids=[p["id"]]))
        s.add(Disbursement(project_id=p["id"], paid_on=date(2023, 6, 1), amount_fen=3_000_000_000))
        s.add(Disbursement(project_id=p["id"], paid_on=date(2023, 7, 1), amount_fen=1))
    with township_app.read() as s:
        r = s.scalar(select(RiskAssessment))
        assert r.reasons == ["建而不成：未按节点完成建设", {"k": 1}] and r.assessed_at == at and r.signed_off is False
        assert s.scalar(select(Notice.project_ids)) == [p["id"]]
        row = s.scalar(select(Project).where(Project.id == p["id"]))
        assert row.planned_investment_fen == 35_000_000_000 and row.joint_account is True
        assert row.funding_sources == ["沪滇协作资金", "地方配套"]
    got = projects.get_project(township_app, p["code"])
    assert got["disbursed_fen"] == 3_000_000_001 and type(got["disbursed_fen"]) is int
    with township_app.read() as s:
        _, disbursed, _ = s.execute(projects.ledger_query()).one()
        assert type(disbursed) is int  # a SUM is integer fen on both engines, never Decimal


def test_text_sorts_in_the_same_order_on_both_engines(township_app):
    """Codes and Chinese names sort by code point on both engines (PostgreSQL databases use C collation)."""
    names = ["b项目", "B项目", "安南村", "联合村", "a-项目", "a项目"]
    for n in names:
        projects.create_project(township_app, {"name": n, "year": 2021, "level": "区级"})
    with township_app.read() as s:
        got = s.scalars(select(Project.name).order_by(Project.name)).all()
    assert got == sorted(names)


def test_empty_server_database_migrates_to_head_and_matches_models(pg_server):
    """Alembic builds the whole schema on an empty PostgreSQL database with no difference from the models."""
    engine = make_engine(pg_server.fresh_url())
    try:
        assert migrate.upgrade(engine) is True
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
            triggers = conn.execute(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")).scalars().all()
        assert diff == [] and "change_log_no_change" in triggers
        assert migrate.upgrade(engine) is False
    finally:
        engine.dispose()


def test_change_log_is_append_only_on_the_server(pg_server, tmp_path):
    """UPDATE and DELETE on the change log are refused by the server's trigger."""
    app = init_data_folder(tmp_path / "d", role="township", region_code=TOWNSHIP[0], name=TOWNSHIP[1],
                           db_url=pg_server.fresh_url())
    try:
        projects.create_project(app, {"name": "团结村产业路", "year": 2021, "level": "区级"})
        for sql in ("UPDATE change_log SET new_value = '1'", "DELETE FROM change_log"):
            try:
                with app.engine.begin() as conn:
                    conn.execute(text(sql))
            except Exception as e:  # noqa: BLE001
                assert "append-only" in str(e)
            else:
                raise AssertionError(f"{sql} was allowed")
    finally:
        app.dispose()


def test_verify_finds_a_change_log_row_edited_on_the_server(pg_server, tmp_path):
    """Someone with owner rights disables the trigger and edits a row: verify names the broken row."""
    app = init_data_folder(tmp_path / "d", role="township", region_code=TOWNSHIP[0], name=TOWNSHIP[1],
                           db_url=pg_server.fresh_url())
    try:
        projects.create_project(app, {"name": "团结村产业路", "year": 2021, "level": "区级"})
        assert verify(app) == []
        with app.engine.begin() as conn:
            seq = conn.execute(select(ChangeLog.seq).order_by(ChangeLog.seq).offset(3).limit(1)).scalar()
            conn.execute(text("ALTER TABLE change_log DISABLE TRIGGER change_log_no_change"))
            conn.execute(text("UPDATE change_log SET new_value = '\"x\"' WHERE seq = :s"), {"s": seq})
            conn.execute(text("ALTER TABLE change_log ENABLE TRIGGER change_log_no_change"))
        problems = verify(app)
        assert problems and f"第 {seq} 条" in problems[0]
    finally:
        app.dispose()


def test_server_database_is_dumped_before_it_is_migrated(pg_server, tmp_path):
    """A server database at an older revision is saved with pg_dump into backups/ before the upgrade."""
    url = pg_server.fresh_url()
    app = init_data_folder(tmp_path / "d", role="township", region_code=TOWNSHIP[0], name=TOWNSHIP[1], db_url=url)
    from alembic import command

    cfg = migrate.alembic_config()
    with app.engine.begin() as conn:  # a database from before revision 0002 (every later migration undone)
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    app.dispose()
    app = open_app(tmp_path / "d")
    try:
        dumps = list((tmp_path / "d" / "backups").glob("before-migrate-*.pgdump"))
        assert len(dumps) == 1 and dumps[0].read_bytes()[:5] == b"PGDMP"
        assert migrate.current_revision(app.engine) == migrate.head_revision()
        with app.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM pg_trigger WHERE tgname = 'change_log_no_change'")).scalar() == 1
    finally:
        app.dispose()


def test_money_sums_are_integers_on_both_engines(township_app):
    """A plain SUM of fen (as every service writes it) is an int, never a Decimal, on either engine."""
    from sqlalchemy import func

    p = projects.create_project(township_app, {"name": "求和", "year": 2023, "level": "区级"})
    with township_app.tx() as s:
        s.add(Disbursement(project_id=p["id"], paid_on=date(2023, 6, 1), amount_fen=3_000_000_000))
        s.add(Disbursement(project_id=p["id"], paid_on=date(2023, 7, 1), amount_fen=5))
    with township_app.read() as s:
        total = s.scalar(select(func.sum(Disbursement.amount_fen)))
        per = s.execute(select(Disbursement.project_id, func.sum(Disbursement.amount_fen))
                        .group_by(Disbursement.project_id)).one()[1]
    assert total == per == 3_000_000_005 and type(total) is int and type(per) is int
