from django import forms
from django.contrib.auth.forms import AuthenticationForm

from heymilo.accounts.models import Membership


class EmailLoginForm(AuthenticationForm):
    """Django's login form with the email as the login (users are stored by lower-cased email)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"] = forms.EmailField(
            label="Email",
            max_length=254,
            widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        )
        self.fields["password"].label = "Password"

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class ApiKeyForm(forms.Form):
    name = forms.CharField(label="Key name", max_length=100, initial="API key")


class MemberForm(forms.Form):
    email = forms.EmailField(label="Email", max_length=254)
    # The least power that lets a new colleague work; an owner can raise it.
    role = forms.ChoiceField(
        label="Role", choices=Membership.Role.choices, initial=Membership.Role.RECRUITER
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=Membership.Role.choices)


class PrivacyForm(forms.Form):
    retention_days = forms.IntegerField(
        label="Delete recordings and resumes this many days after an interview ends",
        required=False,
        min_value=1,
        max_value=3650,
        help_text="Leave empty to keep them until you delete them. Scores and transcripts stay.",
    )
    privacy_contact = forms.EmailField(
        label="Where candidates ask for their data, its deletion or another process",
        required=False,
    )
    privacy_notice = forms.CharField(
        label="Privacy notice shown to candidates",
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Leave empty to show the default notice below.",
    )
