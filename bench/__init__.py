"""Benchmarks: figures printed next to floors measured in the same run. Not tests."""
