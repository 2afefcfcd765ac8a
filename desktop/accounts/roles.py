"""Roles and what each may do. One table, so the CLI and the window ask the same question.

管理员 admin: accounts, settings, restore, and everything else.
经办人 clerk: edits the ledger, makes backups and exports; may see full ID/phone numbers
  (the clerk enters them and prints agreements for signing).
审核/领导 reviewer: reads, approves, grades risk, exports for auditors; sees masked personal data.
"""
from __future__ import annotations

from desktop.core.errors import UserError

ROLES = {"admin": "管理员", "clerk": "经办人", "reviewer": "审核/领导"}
ROLE_ALIASES = {"管理员": "admin", "经办人": "clerk", "审核": "reviewer", "领导": "reviewer", "审核/领导": "reviewer",
                "审核·领导": "reviewer"}

PERMISSIONS = {
    "manage_users": {"admin"},
    "settings": {"admin"},
    "restore": {"admin"},
    "edit": {"admin", "clerk"},
    "review": {"admin", "reviewer"},
    "backup": {"admin", "clerk", "reviewer"},
    "audit_export": {"admin", "clerk", "reviewer"},
    "reveal_personal": {"admin", "clerk"},
}

PERMISSION_LABELS = {
    "manage_users": "管理账户", "settings": "修改设置", "restore": "从备份恢复", "edit": "修改台账",
    "review": "审核", "backup": "备份", "audit_export": "导出审计记录", "reveal_personal": "查看完整身份证号和电话",
}


def parse_role(value: str) -> str:
    v = (value or "").strip()
    role = ROLE_ALIASES.get(v, v.lower())
    if role not in ROLES:
        raise UserError(f"角色 '{value}' 无效，请写 admin（管理员）、clerk（经办人）或 reviewer（审核/领导）。", field="角色")
    return role


def role_label(role: str) -> str:
    return ROLES.get(role, role)


def can(role: str | None, permission: str) -> bool:
    return role in PERMISSIONS.get(permission, set())


def require(user: dict, permission: str) -> None:
    """Raise a Chinese UserError unless the user's role has the permission."""
    if not can(user.get("role"), permission):
        raise UserError(f"账户 {user.get('username')}（{role_label(user.get('role'))}）没有“{PERMISSION_LABELS[permission]}”"
                        f"的权限，请由{'、'.join(role_label(r) for r in sorted(PERMISSIONS[permission]))}操作。")
