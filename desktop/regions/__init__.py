"""Administrative regions (乡镇、村) and their codes."""
