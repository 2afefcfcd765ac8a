"""The package that ends a township's round: everything the county has not acknowledged, addressed
to the county office this township enrolled, written to the exports folder.

Here rather than in the page so the GUI's message for a missing county names the 同步 page, not a
command-line flag (the sync service's own messages are written for the command line).
"""
from __future__ import annotations

from sqlalchemy import select

from db.models import Node
from desktop.core.errors import UserError


def county_package(app, progress=None) -> dict:
    """Export the sync package for this township's county; a clear message when none is enrolled."""
    from desktop.sync.exporter import export_package

    with app.read() as s:
        counties = list(s.execute(select(Node.region_code, Node.name).where(
            Node.is_self.is_(False), Node.role == "county", Node.sign_public_key.is_not(None))).all())
    if not counties:
        raise UserError("还没有登记县级办公室，无法导出同步包。请先在“同步”页登记县级办公室的身份文件"
                        "（并电话核对指纹），再回到这里导出。")
    if len(counties) > 1:
        raise UserError("登记了不止一个县级办公室（" + "、".join(n for _, n in counties)
                        + "）。请在“同步”页选择发给哪一个。")
    return export_package(app, None, peer=counties[0][0], progress=progress)
