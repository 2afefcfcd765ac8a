"""Use-case services. Each changing call is one transaction and returns plain data."""
