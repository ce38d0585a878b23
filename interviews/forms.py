from django import forms

from candidates.services.review import DECISIONS


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[(d, d) for d in DECISIONS])
    note = forms.CharField(
        label="Note", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class OverrideForm(forms.Form):
    score = forms.FloatField(label="New score (0–100)", min_value=0, max_value=100)
    reason = forms.CharField(
        label="Reason", max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
