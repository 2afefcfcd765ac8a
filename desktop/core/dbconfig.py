"""Which database a data folder uses: its own SQLite file, or a PostgreSQL server.

Why a file in the data folder: a county office with several clerks keeps one PostgreSQL
database; each clerk's folder names it once (`towndesk --db-url … init` or
`towndesk database connect URL`), and from then on the GUI and every command find it
without typing the address again. The password may be left out of the address and kept
in the clerk's `~/.pgpass` (or PGPASSWORD) instead, where libpq looks for it.
"""
from __future__ import annotations

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from desktop.core.errors import UserError
from desktop.core.fileio import atomic_write_bytes
from desktop.core.paths import DataLayout

URL_FILE = "database-url.txt"
_PG_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg", "postgresql+psycopg2")


def normalise_url(url: str) -> str:
    """Accept postgres://, postgresql:// and postgresql+psycopg://; refuse anything else."""
    text = (url or "").strip()
    if not text:
        raise UserError("数据库地址为空。PostgreSQL 地址的写法：postgresql://用户名:密码@服务器地址:5432/数据库名。")
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if scheme.startswith("sqlite"):
        return text
    if scheme not in _PG_SCHEMES:
        raise UserError(f"数据库地址 '{display_url(text)}' 无法识别：只支持 PostgreSQL（postgresql://用户名:密码@服务器/数据库名）"
                        "或本机 SQLite 文件（不填数据库地址即可）。")
    text = "postgresql+psycopg://" + text.split("://", 1)[1]
    try:
        parsed = make_url(text)
    except ArgumentError:
        raise UserError(f"数据库地址 '{display_url(text)}' 格式不对，应为 postgresql://用户名:密码@服务器/数据库名。") from None
    if not parsed.database:
        raise UserError(f"数据库地址 '{display_url(text)}' 没有写数据库名，应为 postgresql://用户名:密码@服务器/数据库名。")
    return text


def display_url(url: str) -> str:
    """The address with the password masked, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not even parseable: show the scheme only
        return url.split("://", 1)[0] + "://…" if "://" in url else "…"


def is_postgres(url: str) -> bool:
    return url.startswith("postgresql")


def folder_url(layout: DataLayout) -> str | None:
    """The server address this data folder is bound to, or None for its own SQLite file."""
    path = layout.root / URL_FILE
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8").strip()
    return normalise_url(text) if text else None


def save_folder_url(layout: DataLayout, url: str) -> None:
    """Bind the data folder to a server database (written atomically)."""
    layout.root.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(layout.root / URL_FILE, (normalise_url(url) + "\n").encode("utf-8"))


def resolve(layout: DataLayout, db_url: str | None) -> tuple[str | None, str]:
    """(explicit or bound server address or None, where it came from) for opening a folder."""
    if db_url:
        return normalise_url(db_url), "命令行指定的数据库地址"
    bound = folder_url(layout)
    if bound:
        return bound, str(layout.root / URL_FILE)
    return None, "sqlite"


def connect_error(url: str, exc: Exception) -> UserError:
    """A Chinese message for a server that cannot be reached or refuses us."""
    detail = str(getattr(exc, "orig", exc) or exc).strip().splitlines()
    first = detail[0] if detail else exc.__class__.__name__
    lowered = first.lower()
    if "password" in lowered or "authentication" in lowered:
        hint = "用户名或密码不对：请检查地址中的用户名和密码（或 ~/.pgpass）。"
    elif "does not exist" in lowered and "database" in lowered:
        hint = "服务器上没有这个数据库：请数据库管理员先创建它（见 docs/postgresql.md）。"
    else:
        hint = "请确认数据库服务器已启动、地址和端口正确、网络畅通。"
    return UserError(f"无法连接数据库 {display_url(url)}（{first}）。{hint}")
