"""Supervision notices (督办单) and their answers; evidence files shared with risk sign-off."""
