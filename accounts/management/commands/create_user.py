import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.roles import ROLES, RoleError, save_user_with_role


class Command(BaseCommand):
    help = "Create an account with a role: reader (reads only), researcher (annotates) or curator (curates links)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", choices=ROLES, default="reader", help="default: reader")
        secret = parser.add_mutually_exclusive_group()
        secret.add_argument("--password", help="the password (visible in the process list: prefer --password-from-env)")
        secret.add_argument(
            "--password-from-env", metavar="VAR", help="read the password from the environment variable VAR"
        )
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--update", action="store_true", help="change the role (and password, if given) of an existing account"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password = options["password"]
        variable = options["password_from_env"]
        if variable:
            password = os.environ.get(variable)
            if not password:
                raise CommandError(f"environment variable {variable} is not set or empty")
        try:
            user, created = save_user_with_role(
                username=options["username"],
                role=options["role"],
                password=password,
                email=options["email"],
                update=options["update"],
            )
        except RoleError as exc:
            raise CommandError(str(exc)) from None
        verb = "created" if created else "updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} {user.get_username()} with role {options['role']}"))
