"""The 移交书 (handover document) of an asset: one file, kept in the attachment store, filed under the
checklist item 资产移交书 (`asset_handover`) of the project that formed the asset, and linked from the
asset — all in one transaction, so the checklist and the asset never disagree.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from db.models import Asset, AssetSource, Project
from desktop.checklists.attachments import _forget, _record, _store_all, read_incoming
from desktop.checklists.service import _standard
from desktop.checklists.standards import StandardCatalog
from desktop.core.attachments_store import AttachmentStore
from desktop.core.errors import UserError

HANDOVER_ITEM = "asset_handover"


def _item_key(s, p: Project) -> str | None:
    """The handover item if the project's checklist standard has one; else the file is a plain project attachment."""
    std = _standard(StandardCatalog(s), p)
    return HANDOVER_ITEM if std and any(it.key == HANDOVER_ITEM for it in std.items) else None


def attach_handover(app, asset_code: str, path, handover_on: date | None = None) -> dict:
    """Store the file, file it under the forming project's 资产移交书 item, and link it from the asset."""
    if app.node and app.node.is_county:
        raise UserError("资产移交书由项目所属乡镇挂接，县级办公室通过同步包查看。")
    with app.read() as s:
        a = s.scalar(select(Asset).where(Asset.code == asset_code, Asset.deleted.is_(False)))
        if a is None:
            raise UserError(f"找不到资产编号“{asset_code}”。未添加任何附件。")
    incoming = read_incoming([path])
    store = AttachmentStore(app.layout)
    created = _store_all(store, incoming)
    try:
        with app.tx(right="edit") as s:
            a = s.scalar(select(Asset).where(Asset.code == asset_code, Asset.deleted.is_(False)))
            p = s.scalar(select(Project).join(AssetSource, AssetSource.project_id == Project.id)
                         .where(AssetSource.asset_id == a.id, AssetSource.deleted.is_(False))
                         .order_by(AssetSource.amount_fen.desc(), Project.code))
            if p is None:
                raise UserError(f"资产 {asset_code} 没有形成项目，无法挂接移交书。")
            key = _item_key(s, p)
            result = _record(s, p.code, key, incoming, True, None)
            att = (result["added"] or result["already"])[0]
            a.handover_attachment_id = att["id"]
            if handover_on is not None:
                a.handover_on = handover_on
            s.flush()
    except BaseException:
        _forget(app, store, created)
        raise
    return {"asset": asset_code, "project": p.code, "item_key": key, "attachment_id": att["id"],
            "filename": att.get("filename")}
