"""项目资产: the asset ledger page, the assets tab of the project editor, and the asset form."""
