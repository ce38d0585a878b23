from django.core.management.base import BaseCommand

from heymilo.accounts.services import api_key_create, workspace_get_or_create


class Command(BaseCommand):
    help = (
        "Create an API key for a workspace (created if missing); prints the key on the last line."
    )

    def add_arguments(self, parser):
        parser.add_argument("workspace_name")
        parser.add_argument("--name", default="API key", help="A label for the key.")

    def handle(self, *args, workspace_name: str, name: str, **options):
        workspace = workspace_get_or_create(name=workspace_name)
        _, raw_key = api_key_create(workspace=workspace, name=name)
        self.stdout.write(f"Workspace: {workspace.name} ({workspace.public_id})")
        self.stdout.write("The key is shown once; store it now.")
        self.stdout.write(raw_key)
