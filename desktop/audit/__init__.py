"""Audit trail: the security event log, chain checks for `towndesk verify`, and the auditors' export."""
