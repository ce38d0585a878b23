from django import forms

from postings.models import Posting
from webhooks.models import EventType


class WebhookForm(forms.Form):
    posting = forms.ChoiceField(label="Posting")
    url = forms.URLField(label="Endpoint URL", max_length=2000, assume_scheme="https")
    event_type = forms.ChoiceField(label="Event", choices=EventType.choices)

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        postings = workspace.postings.exclude(status=Posting.Status.ARCHIVED).order_by("title")
        self.fields["posting"].choices = [(p.public_id, p.title) for p in postings]
