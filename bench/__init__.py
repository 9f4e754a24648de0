"""Benchmarks (make bench-*): measured runs, never timed tests."""
