from django.core.management.base import BaseCommand

from evidence.orphans import GRACE, orphan_files, remove_orphan_files


class Command(BaseCommand):
    help = (f"List evidence files in storage that no evidence version refers to (written more than "
            f"{GRACE} ago); --delete removes them. Beat does this daily.")

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="remove them")

    def handle(self, *args, delete: bool, **options):
        paths = remove_orphan_files() if delete else orphan_files()
        for path in paths:
            self.stdout.write(path)
        verb = "Removed" if delete else "Found"
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(paths)} orphan file(s)."))
