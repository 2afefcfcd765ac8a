"""The wizard that imports an office's own Excel ledger."""
