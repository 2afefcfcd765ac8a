"""The project ledger (项目台账): table model, filters, totals, column chooser, export."""
