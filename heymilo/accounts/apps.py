from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "heymilo.accounts"
    label = "accounts"
