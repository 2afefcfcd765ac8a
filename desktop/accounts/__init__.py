"""Local user accounts: roles, Argon2id passwords, login with a lockout that survives restarts."""
from desktop.accounts.roles import ROLES, can, require, role_label  # noqa: F401
