"""The 同步 page's parts: exchange (export/import), preview dialog, history, peers, conflicts."""
