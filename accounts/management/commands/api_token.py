from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.tokens import renew_token, revoke_token


class Command(BaseCommand):
    help = "Create (or replace) a user's API token and print it, or revoke it with --revoke."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--revoke", action="store_true", help="delete the user's token instead")

    def handle(self, *args: Any, **options: Any) -> None:
        user_model = get_user_model()
        user = user_model._default_manager.filter(**{user_model.USERNAME_FIELD: options["username"]}).first()
        if user is None:
            raise CommandError(f"no user {options['username']!r} (create one with `manage.py create_user`)")
        if options["revoke"]:
            revoked = revoke_token(user=user)
            self.stdout.write(f"revoked the token of {options['username']}" if revoked else "no token to revoke")
            return
        self.stdout.write(renew_token(user=user).key)
