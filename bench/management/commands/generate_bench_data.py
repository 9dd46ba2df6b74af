import time

from django.core.management.base import BaseCommand, CommandError

from bench.data import DEFAULT_AUDITED_EDITS, BenchDataRefused, bench_data_generate


class Command(BaseCommand):
    help = ("Build the standard large ISMS of the benchmarks on an empty, migrated database "
            "(deterministic for a seed). See docs/performance.md.")

    def add_arguments(self, parser):
        parser.add_argument("--assets", type=int, default=1000)
        parser.add_argument("--risks", type=int, default=2000)
        parser.add_argument("--evidence", type=int, default=5000)
        parser.add_argument("--people", type=int, default=300)
        parser.add_argument("--audited-edits", type=int, default=DEFAULT_AUDITED_EDITS,
                            help="Real audited edits made afterwards, so the audit trail has history.")
        parser.add_argument("--seed", type=int, default=42)

    def handle(self, *args, **options):
        self.stdout.write("Audit log switched OFF while the rows are bulk-created (generator only); "
                          "it is on again for the audited edits at the end.")
        started = time.perf_counter()
        try:
            report = bench_data_generate(
                assets=options["assets"], risks=options["risks"], evidence=options["evidence"],
                people=options["people"], audited_edits=options["audited_edits"], seed=options["seed"],
                progress=lambda step: self.stdout.write(f"  {step} ..."),
            )
        except BenchDataRefused as error:
            raise CommandError(str(error)) from None
        for note in report.notes:
            self.stdout.write(f"  note: {note}")
        counts = ", ".join(f"{n:,} {what}" for what, n in report.counts.items())
        self.stdout.write(self.style.SUCCESS(
            f"Benchmark data ready in {time.perf_counter() - started:.1f} s: {counts}."))
