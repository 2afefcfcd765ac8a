"""Enrollment: this installation's public identity, and trusting a peer only when its fingerprint
matches the one read out by phone. A township has one peer (its county); a county one per township.
"""
from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import delete, select

from db.models import Node, PeerState
from desktop.core.errors import UserError
from desktop.core.fileio import atomic_write_bytes
from desktop.sync import keys as keymod
from desktop.sync.changes import local_time

IDENTITY_KIND = "towndesk-identity"


def identity(app) -> dict:
    """This node's public identity; also checks the key file still matches the database."""
    keys = keymod.load(app.layout.keys / "node.key")
    with app.read() as s:
        me = s.get(Node, app.node.id)
        if keys.sign_public_hex != me.sign_public_key or keys.box_public_hex != me.box_public_key:
            raise UserError(f"本机密钥文件 {app.layout.keys / 'node.key'} 与数据库中登记的公钥不一致。"
                            "请从同一份备份恢复数据文件夹和 keys 文件夹。")
        return {"kind": IDENTITY_KIND, "version": 1, "node_id": me.id, "role": me.role,
                "region_code": me.region_code, "name": me.name, "parent_code": me.parent_code,
                "sign_public_key": me.sign_public_key, "box_public_key": me.box_public_key,
                "fingerprint": keys.fingerprint}


def export_identity(app, out) -> dict:
    """Write the identity file *without* the fingerprint (the receiver computes it from the keys and compares
    it with the one read out by phone); returns the identity with the fingerprint, for this side to read out."""
    data = identity(app)
    public = {k: v for k, v in data.items() if k != "fingerprint"}
    atomic_write_bytes(Path(out), json.dumps(public, ensure_ascii=False, indent=2).encode("utf-8"))
    return data


def read_identity(path) -> dict:
    path = Path(path)
    if not path.is_file():
        raise UserError(f"找不到身份文件 {path}，请检查路径。")
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        if data.get("kind") != IDENTITY_KIND:
            raise ValueError
        for k in ("node_id", "role", "region_code", "name", "sign_public_key", "box_public_key"):
            if not isinstance(data[k], str) or not data[k]:
                raise ValueError
        if len(bytes.fromhex(data["sign_public_key"])) != 32 or len(bytes.fromhex(data["box_public_key"])) != 32:
            raise ValueError
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        raise UserError(f"文件 {path.name} 不是有效的 TownDesk 身份文件（应由对方的 towndesk keys export 生成），"
                        "未登记任何节点。") from None
    if data["role"] not in ("township", "county"):
        raise UserError(f"身份文件 {path.name} 的角色 '{data['role']}' 无效，未登记。")
    return data


def add_peer(app, path, fingerprint: str, replace: bool = False) -> dict:
    """Trust the peer in the identity file if `fingerprint` matches its keys."""
    data = read_identity(path)
    actual = keymod.fingerprint(data["sign_public_key"], data["box_public_key"])
    if keymod.normalise_fingerprint(fingerprint) != actual:
        # Never print the expected fingerprint: a clerk could paste it back and skip the phone check.
        raise UserError(f"指纹不符：你输入的指纹 {keymod.normalise_fingerprint(fingerprint) or '（空）'} "
                        f"与身份文件 {Path(path).name}（{data['name']}）不一致。未登记。"
                        "请打电话请对方读出其本机指纹，逐组核对后重新输入；仍不一致时不要登记，文件可能被调换。")
    me = app.node
    if data["node_id"] == me.id:
        raise UserError("这是本机自己的身份文件，不能登记为对方。")
    if data["role"] == me.role:
        kind = "乡镇" if me.role == "township" else "县级办公室"
        raise UserError(f"{data['name']} 和本机都是{kind}：乡镇只与县级办公室互相登记。未登记。")
    with app.tx(right="settings") as s:  # trusting a key decides whose packages are believed
        clash = s.scalars(select(Node).where(Node.is_self.is_(False), Node.region_code == data["region_code"],
                                             Node.id != data["node_id"])).all()
        if clash and not replace:
            raise UserError(f"已登记过区划代码 {data['region_code']} 的节点 {clash[0].name}（指纹 {clash[0].fingerprint}）。"
                            "如果对方换了电脑或重新初始化，请确认后选择以新身份替换旧身份。未登记。")
        for old in clash:
            s.execute(delete(Node).where(Node.id == old.id))
        node = s.get(Node, data["node_id"]) or Node(id=data["node_id"], is_self=False)
        node.role, node.region_code, node.name = data["role"], data["region_code"], data["name"]
        node.parent_code = data.get("parent_code")
        node.sign_public_key, node.box_public_key, node.fingerprint = (
            data["sign_public_key"], data["box_public_key"], actual)
        s.add(node)
        if s.get(PeerState, node.id) is None:
            s.add(PeerState(peer_id=node.id, last_out_package_seq=0, acked_out_seq=0, applied_in_seq=0,
                            last_in_package_seq=0, applied_ranges=[]))
    return {"node_id": data["node_id"], "name": data["name"], "role": data["role"],
            "region_code": data["region_code"], "fingerprint": actual, "replaced": [c.name for c in clash]}


def list_peers(app) -> list[dict]:
    with app.read() as s:
        out = []
        for n in s.scalars(select(Node).where(Node.is_self.is_(False)).order_by(Node.region_code)):
            st = s.get(PeerState, n.id)
            out.append({"node_id": n.id, "name": n.name, "role": n.role, "region_code": n.region_code,
                        "fingerprint": n.fingerprint,
                        "packages_sent": st.last_out_package_seq if st else 0,
                        "acked_out_seq": st.acked_out_seq if st else 0,
                        "applied_in_seq": st.applied_in_seq if st else 0,
                        "last_received_at": local_time(st.last_received_at) if st else None})
        return out


def resolve_peer(session, app, peer: str | None) -> Node:
    """The peer named by region code, name or node id; a township's only peer by default."""
    peers = list(session.scalars(select(Node).where(Node.is_self.is_(False), Node.sign_public_key.is_not(None))))
    if not peers:
        raise UserError("还没有登记任何对方节点。请先导入对方的身份文件、电话核对指纹后登记"
                        + ("县级办公室。" if app.node.role == "township" else "乡镇。"))
    if peer is None:
        if len(peers) == 1:
            return peers[0]
        names = "、".join(f"{p.name}（{p.region_code}）" for p in peers[:12])
        raise UserError(f"已登记 {len(peers)} 个对方节点，请指明发给哪个对方节点（区划代码）：{names}。")
    key = peer.strip()
    for p in peers:
        if key in (p.region_code, p.name, p.id) or (key.isdigit() and p.region_code.startswith(key) and len(key) >= 9):
            return p
    raise UserError(f"找不到对方节点 '{peer}'。请用 towndesk peers list 查看已登记的区划代码。")
