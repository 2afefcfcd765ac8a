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
OWNERSHIP_ITEM = "asset_registration"  # 资产确权登记表 and other 确权 documents
KINDS = {"handover": (HANDOVER_ITEM, "资产移交书"), "ownership": (OWNERSHIP_ITEM, "确权资料")}
# What a scanned or typed 移交书 / 确权 document is saved as; anything else is most likely the wrong file.
DOCUMENT_SUFFIXES = (".pdf", ".ofd", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".doc", ".docx", ".wps")
MAX_NAME = 120


def check_document_name(path, what: str) -> None:
    """Refuse a file whose name cannot be a document: wrong type, control characters, far too long."""
    from pathlib import Path

    name = Path(path).name
    if not name or any(ord(ch) < 32 or ch in "\x7f" for ch in name):
        raise UserError(f"文件名“{name[:40]!s}”含有不能显示的字符，请改名后再挂接{what}。未添加任何附件。")
    if len(name) > MAX_NAME:
        raise UserError(f"文件名太长（{len(name)} 字），请改为 {MAX_NAME} 字以内再挂接{what}。未添加任何附件。")
    if Path(name).suffix.lower() not in DOCUMENT_SUFFIXES:
        raise UserError(f"{name} 不像{what}的扫描件或文档（应为 PDF、OFD、图片或 Word 文件）。未添加任何附件。")


def _item_key(s, p: Project, item: str = HANDOVER_ITEM) -> str | None:
    """The item if the project's checklist standard has one; else the file is a plain project attachment."""
    std = _standard(StandardCatalog(s), p)
    return item if std and any(it.key == item for it in std.items) else None


def attach_handover(app, asset_code: str, path, handover_on: date | None = None, kind: str = "handover") -> dict:
    """Store the file, file it under the forming project's 资产移交书 item (kind "handover", and link it from
    the asset) or its 资产确权登记表 item (kind "ownership")."""
    item, what = KINDS[kind]
    if app.node and app.node.is_county:
        raise UserError(f"{what}由项目所属乡镇挂接，县级办公室通过同步包查看。")
    check_document_name(path, what)
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
            key = _item_key(s, p, item)
            result = _record(s, p.code, key, incoming, True, None)
            att = (result["added"] or result["already"])[0]
            if kind == "handover":
                a.handover_attachment_id = att["id"]
            if handover_on is not None and kind == "handover":
                a.handover_on = handover_on
            s.flush()
    except BaseException:
        _forget(app, store, created)
        raise
    return {"asset": asset_code, "project": p.code, "item_key": key, "attachment_id": att["id"],
            "filename": att.get("filename"), "kind": kind, "what": what}
