from django.core.management.base import BaseCommand, CommandError

from heymilo.accounts.models import ApiKey
from heymilo.accounts.services import api_key_revoke


class Command(BaseCommand):
    help = "Revoke an API key by its prefix (the first 10 characters, as listed by list_api_keys)."

    def add_arguments(self, parser):
        parser.add_argument("prefix")

    def handle(self, *args, prefix: str, **options):
        keys = list(ApiKey.objects.filter(prefix=prefix, revoked_at__isnull=True))
        if len(keys) != 1:
            raise CommandError(f"{len(keys)} active keys have the prefix {prefix!r}; expected one.")
        api_key_revoke(api_key=keys[0])
        self.stdout.write(f"Revoked {prefix}… of workspace {keys[0].workspace.name}.")
