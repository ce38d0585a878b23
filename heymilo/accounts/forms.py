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


class BrandingForm(forms.Form):
    company_name = forms.CharField(
        label="Company name candidates see",
        max_length=200,
        required=False,
        help_text="In greetings, on the pages and in mails. Empty: the workspace's name.",
    )
    logo = forms.FileField(label="Logo (PNG, JPEG or WebP, up to 1 MB)", required=False)
    remove_logo = forms.BooleanField(label="Remove the logo", required=False)
    brand_color = forms.CharField(
        label="Brand colour",
        max_length=7,
        required=False,
        help_text="Like #4f46e5; it carries "
        "white text, so it must be dark enough for a 4.5:1 contrast.",
    )
    reply_to_email = forms.EmailField(
        label="Candidates' replies go to", required=False, help_text="Empty: no Reply-To."
    )
    interviewer_name = forms.CharField(
        label="Interviewer name for new postings", max_length=60, required=False
    )
    interviewer_voice = forms.CharField(
        label="Interviewer voice for new postings", max_length=64, required=False
    )
