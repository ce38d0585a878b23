from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.forms import ValidationError

from heymilo.accounts.models import Membership
from heymilo.accounts.services import recruiter_create


class Command(BaseCommand):
    help = "Create a dashboard login (the email is the login) in a workspace, created if missing."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--password", required=True)
        parser.add_argument("--workspace", required=True, help="The workspace's name.")
        parser.add_argument("--role", default=Membership.Role.OWNER, choices=Membership.Role.values)

    def handle(self, *args, email: str, password: str, workspace: str, role: str, **options):
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{email!r} is not an email address.")
        membership = recruiter_create(
            email=email, password=password, workspace_name=workspace, role=role
        )
        self.stdout.write(
            f"{membership.user.email} can log in as {membership.role} of "
            f"{membership.workspace.name} ({membership.workspace.public_id})."
        )
