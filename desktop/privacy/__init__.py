"""Personal data: masking for display and per-household encryption of ID and phone numbers."""
