from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The standard large ISMS for benchmarks (`generate_bench_data`); the scripts in bench/
    measure it."""

    name = "bench"
