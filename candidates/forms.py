from django import forms

from candidates.models import Interview
from candidates.selectors import LeaderboardFilters

SORT_CHOICES = [
    ("-score", "Score, highest first"),
    ("score", "Score, lowest first"),
    ("-date", "Newest first"),
    ("date", "Oldest first"),
    ("name", "Name"),
]


class LeaderboardForm(forms.Form):
    q = forms.CharField(label="Search name or email", required=False, max_length=200)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *Interview.Status.choices]
    )
    score_min = forms.FloatField(label="Score from", required=False, min_value=0, max_value=100)
    score_max = forms.FloatField(label="Score to", required=False, min_value=0, max_value=100)
    shortlisted = forms.ChoiceField(
        label="Shortlisted",
        required=False,
        choices=[("", "Anyone"), ("yes", "Shortlisted"), ("no", "Not shortlisted")],
    )
    tag = forms.ChoiceField(label="Tag", required=False)
    sort = forms.ChoiceField(label="Sort by", required=False, choices=SORT_CHOICES)

    def __init__(self, *args, tags: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tag"].choices = [("", "Any tag"), *[(t, t) for t in tags]]

    def filters(self) -> LeaderboardFilters:
        if not self.is_valid():
            return LeaderboardFilters()
        data = self.cleaned_data
        return LeaderboardFilters(
            status=data["status"],
            score_min=data["score_min"],
            score_max=data["score_max"],
            shortlisted=data["shortlisted"],
            tag=data["tag"],
            search=data["q"].strip(),
            sort=data["sort"] or "-score",
        )


class CandidateForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200)
    email = forms.EmailField(label="Email", max_length=254)
    phone_number = forms.CharField(label="Phone (E.164)", max_length=16, required=False)
    invite = forms.BooleanField(
        label="Email them their interview link", required=False, initial=True
    )


class ImportForm(forms.Form):
    file = forms.FileField(label="CSV file")


class OutreachForm(forms.Form):
    """A posting's invitation mail and reminders; validated by the API's rules."""

    invitation_subject = forms.CharField(label="Subject", max_length=200, required=False)
    invitation_body = forms.CharField(
        label="Message", required=False, widget=forms.Textarea(attrs={"rows": 10})
    )
    deadline_days = forms.IntegerField(
        label="Days candidates have after the invitation",
        required=False,
        min_value=1,
        max_value=365,
        help_text="Empty: no deadline. Past it, the link shows a polite closed page.",
    )
    first_reminder = forms.IntegerField(
        label="First reminder, days after the invitation", required=False, min_value=1
    )
    second_reminder = forms.IntegerField(
        label="Second reminder, days after the invitation", required=False, min_value=1
    )
    invite_api_candidates = forms.BooleanField(
        label="Also invite candidates added over the API (unless the call says otherwise)",
        required=False,
    )

    @classmethod
    def initial_from(cls, posting) -> dict:
        reminders = sorted(posting.reminder_days) + [None, None]
        return {
            "invitation_subject": posting.invitation_subject,
            "invitation_body": posting.invitation_body,
            "deadline_days": posting.deadline_days,
            "first_reminder": reminders[0],
            "second_reminder": reminders[1],
            "invite_api_candidates": posting.invite_api_candidates,
        }

    def api_data(self) -> dict:
        data = self.cleaned_data
        reminders = [d for d in (data["first_reminder"], data["second_reminder"]) if d]
        return {
            "invitation_subject": data["invitation_subject"],
            "invitation_body": data["invitation_body"],
            "deadline_days": data["deadline_days"],
            "reminder_days": reminders,
            "invite_api_candidates": data["invite_api_candidates"],
        }
