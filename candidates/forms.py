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


class ImportForm(forms.Form):
    file = forms.FileField(label="CSV file")
