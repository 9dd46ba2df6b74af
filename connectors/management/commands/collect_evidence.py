from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from connectors.models import Connector, ConnectorRun
from connectors.runs import run_connector


class Command(BaseCommand):
    help = "Run one connector now, in the foreground (the same service as the scheduled task)."

    def add_arguments(self, parser):
        parser.add_argument("name", help="The connector's name.")

    def handle(self, *args, name, **options):
        try:
            connector = Connector.objects.get(name=name)
        except Connector.DoesNotExist:
            names = ", ".join(Connector.objects.values_list("name", flat=True)) or "none registered"
            raise CommandError(f"No connector named “{name}” (connectors: {names}).") from None
        try:
            run = run_connector(connector)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        if run.status != ConnectorRun.Status.SUCCEEDED:
            raise CommandError(f"Run {run.pk} failed: {run.error}")
        policy = {True: "policy passed", False: "policy FAILED", None: "no policy"}[run.policy_allow]
        self.stdout.write(
            f"Run {run.pk} succeeded in {run.duration.total_seconds():.2f} s: "
            f"evidence {run.evidence_id}, {policy}."
        )
        for reason in run.policy_reasons:
            self.stdout.write(f"  - {reason}")
